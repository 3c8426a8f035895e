import { Migration } from '@mikro-orm/migrations';

export class Migration20261127130231 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "webhook" ("id" uuid not null, "owner_id" uuid not null, "url" varchar(2048) not null, "description" varchar(200) not null, "events" jsonb not null, "secret" varchar(100) not null, "active" boolean not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "webhook_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_owner_id_index" on "webhook" ("owner_id");`);
    this.addSql(`create index "webhook_active_index" on "webhook" ("active");`);

    this.addSql(`create table "webhook_event" ("id" uuid not null, "type" varchar(30) not null, "account_id" uuid not null, "payload" jsonb not null, "occurred_at" timestamptz not null, constraint "webhook_event_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_event_account_id_index" on "webhook_event" ("account_id");`);

    this.addSql(`create table "webhook_delivery" ("id" uuid not null, "webhook_id" uuid not null, "event_id" uuid not null, "state" varchar(30) not null, "attempts" int not null, "next_attempt_at" timestamptz null, "locked_until" timestamptz null, "last_attempt_at" timestamptz null, "last_status_code" int null, "last_error" varchar(300) null, "delivered_at" timestamptz null, "log" jsonb not null, "created_at" timestamptz not null, constraint "webhook_delivery_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_event_id_index" on "webhook_delivery" ("event_id");`);
    this.addSql(`create index "webhook_delivery_state_next_attempt_at_index" on "webhook_delivery" ("state", "next_attempt_at");`);
    this.addSql(`create index "webhook_delivery_webhook_id_created_at_index" on "webhook_delivery" ("webhook_id", "created_at");`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_webhook_id_event_id_unique" unique ("webhook_id", "event_id");`);

    this.addSql(`alter table "webhook" add constraint "webhook_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "webhook_event" add constraint "webhook_event_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_webhook_id_foreign" foreign key ("webhook_id") references "webhook" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_event_id_foreign" foreign key ("event_id") references "webhook_event" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "stakeholder" add column "content_hash" varchar(64) null;`);

    this.addSql(`alter table "resource_request" add column "content_hash" varchar(64) null;`);

    this.addSql(`create index "account_revenue_year_index" on "account_revenue" ("year");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "webhook_delivery" drop constraint "webhook_delivery_webhook_id_foreign";`);

    this.addSql(`alter table "webhook_delivery" drop constraint "webhook_delivery_event_id_foreign";`);

    this.addSql(`drop table if exists "webhook" cascade;`);

    this.addSql(`drop table if exists "webhook_event" cascade;`);

    this.addSql(`drop table if exists "webhook_delivery" cascade;`);

    this.addSql(`drop index "account_revenue_year_index";`);

    this.addSql(`alter table "resource_request" drop column "content_hash";`);

    this.addSql(`alter table "stakeholder" drop column "content_hash";`);
  }

}
