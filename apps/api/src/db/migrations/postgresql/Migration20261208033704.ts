import { Migration } from '@mikro-orm/migrations';

export class Migration20261208033704 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "company_revenue" ("id" uuid not null, "year" int not null, "total_revenue" numeric(16,2) not null, "updated_at" timestamptz not null, constraint "company_revenue_pkey" primary key ("id"));`);
    this.addSql(`alter table "company_revenue" add constraint "company_revenue_year_unique" unique ("year");`);

    this.addSql(`create table "company_settings" ("id" varchar(20) not null, "currency" varchar(3) not null, "updated_at" timestamptz not null, constraint "company_settings_pkey" primary key ("id"));`);

    this.addSql(`create table "account_monthly_revenue" ("id" uuid not null, "account_id" uuid not null, "month" varchar(7) not null, "amount" numeric(16,2) not null, "updated_at" timestamptz not null, constraint "account_monthly_revenue_pkey" primary key ("id"));`);
    this.addSql(`alter table "account_monthly_revenue" add constraint "account_monthly_revenue_account_id_month_unique" unique ("account_id", "month");`);

    this.addSql(`alter table "account_monthly_revenue" add constraint "account_monthly_revenue_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "company_revenue" cascade;`);

    this.addSql(`drop table if exists "company_settings" cascade;`);

    this.addSql(`drop table if exists "account_monthly_revenue" cascade;`);
  }

}
