import { Migration } from '@mikro-orm/migrations';

export class Migration20261127101118 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "rate_limit_bucket" ("key" varchar(300) not null, "window_start_ms" bigint not null, "count" int not null, constraint "rate_limit_bucket_pkey" primary key ("key"));`);

    this.addSql(`create table "app_user" ("id" uuid not null, "email" varchar(254) not null, "name" varchar(120) not null, "role" varchar(30) not null, "team_id" uuid null, "password_hash" varchar(255) not null, "active" boolean not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);
    this.addSql(`create index "app_user_team_id_index" on "app_user" ("team_id");`);

    this.addSql(`create table "team" ("id" uuid not null, "name" varchar(120) not null, "manager_id" uuid null, "created_at" timestamptz not null, constraint "team_pkey" primary key ("id"));`);
    this.addSql(`alter table "team" add constraint "team_name_unique" unique ("name");`);
    this.addSql(`create index "team_manager_id_index" on "team" ("manager_id");`);

    this.addSql(`create table "session" ("id" uuid not null, "token_hash" varchar(64) not null, "user_id" uuid not null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "user_agent" varchar(512) null, constraint "session_pkey" primary key ("id"));`);
    this.addSql(`alter table "session" add constraint "session_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "session_user_id_index" on "session" ("user_id");`);

    this.addSql(`create table "audit_entry" ("id" uuid not null, "actor_id" uuid null, "at" timestamptz not null, "entity_type" varchar(60) not null, "entity_id" varchar(64) not null, "action" varchar(30) not null, "before" jsonb null, "after" jsonb null, constraint "audit_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_entry_actor_id_index" on "audit_entry" ("actor_id");`);
    this.addSql(`create index "audit_entry_entity_type_entity_id_index" on "audit_entry" ("entity_type", "entity_id");`);

    this.addSql(`create table "account" ("id" uuid not null, "name" varchar(200) not null, "segment" varchar(120) not null, "tier" varchar(30) not null, "status" varchar(30) not null, "owner_id" uuid not null, "visit_cadence_days" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, constraint "account_pkey" primary key ("id"));`);
    this.addSql(`create index "account_name_index" on "account" ("name");`);
    this.addSql(`create index "account_tier_index" on "account" ("tier");`);
    this.addSql(`create index "account_owner_id_index" on "account" ("owner_id");`);
    this.addSql(`create index "account_updated_at_index" on "account" ("updated_at");`);

    this.addSql(`create table "account_revenue" ("id" uuid not null, "account_id" uuid not null, "year" int not null, "amount" numeric(16,2) not null, "updated_at" timestamptz not null, constraint "account_revenue_pkey" primary key ("id"));`);
    this.addSql(`alter table "account_revenue" add constraint "account_revenue_account_id_year_unique" unique ("account_id", "year");`);

    this.addSql(`create table "account_supporter" ("account_id" uuid not null, "user_id" uuid not null, constraint "account_supporter_pkey" primary key ("account_id", "user_id"));`);

    this.addSql(`alter table "app_user" add constraint "app_user_team_id_foreign" foreign key ("team_id") references "team" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "team" add constraint "team_manager_id_foreign" foreign key ("manager_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "audit_entry" add constraint "audit_entry_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "account" add constraint "account_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "account_revenue" add constraint "account_revenue_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "account_supporter" add constraint "account_supporter_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "account_supporter" add constraint "account_supporter_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "team" drop constraint "team_manager_id_foreign";`);

    this.addSql(`alter table "session" drop constraint "session_user_id_foreign";`);

    this.addSql(`alter table "audit_entry" drop constraint "audit_entry_actor_id_foreign";`);

    this.addSql(`alter table "account" drop constraint "account_owner_id_foreign";`);

    this.addSql(`alter table "account_supporter" drop constraint "account_supporter_user_id_foreign";`);

    this.addSql(`alter table "app_user" drop constraint "app_user_team_id_foreign";`);

    this.addSql(`alter table "account_revenue" drop constraint "account_revenue_account_id_foreign";`);

    this.addSql(`alter table "account_supporter" drop constraint "account_supporter_account_id_foreign";`);

    this.addSql(`drop table if exists "rate_limit_bucket" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "team" cascade;`);

    this.addSql(`drop table if exists "session" cascade;`);

    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop table if exists "account" cascade;`);

    this.addSql(`drop table if exists "account_revenue" cascade;`);

    this.addSql(`drop table if exists "account_supporter" cascade;`);
  }

}
