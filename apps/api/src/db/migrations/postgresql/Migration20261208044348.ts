import { Migration } from '@mikro-orm/migrations';

export class Migration20261208044348 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "audit_entry" add column "account_id" varchar(64) null;`);
    this.addSql(`create index "audit_entry_account_id_at_index" on "audit_entry" ("account_id", "at");`);
    this.addSql(`create index "audit_entry_at_index" on "audit_entry" ("at");`);
    // Entries written before the column: the account from the entity they describe.
    this.addSql(`update "audit_entry" set "account_id" = "entity_id" where "entity_type" in ('Account', 'AccountProfile');`);
    this.addSql(`update "audit_entry" set "account_id" = substr("entity_id", 1, 36) where "entity_type" in ('AccountRevenue', 'AccountMonthlyRevenue');`);
    this.addSql(`update "audit_entry" set "account_id" = (select x."account_id"::text from "account_plan" x where x."id"::text = "audit_entry"."entity_id") where "entity_type" = 'AccountPlan';`);
    this.addSql(`update "audit_entry" set "account_id" = (select x."account_id"::text from "plan_action" x where x."id"::text = "audit_entry"."entity_id") where "entity_type" = 'PlanAction';`);
    this.addSql(`update "audit_entry" set "account_id" = (select x."account_id"::text from "stakeholder" x where x."id"::text = "audit_entry"."entity_id") where "entity_type" = 'Stakeholder';`);
    this.addSql(`update "audit_entry" set "account_id" = (select x."account_id"::text from "kpi_definition" x where x."id"::text = "audit_entry"."entity_id") where "entity_type" = 'KpiDefinition';`);
    this.addSql(`update "audit_entry" set "account_id" = (select x."account_id"::text from "opportunity" x where x."id"::text = "audit_entry"."entity_id") where "entity_type" = 'Opportunity';`);
    this.addSql(`update "audit_entry" set "account_id" = (select x."account_id"::text from "visit" x where x."id"::text = "audit_entry"."entity_id") where "entity_type" = 'Visit';`);
    this.addSql(`update "audit_entry" set "account_id" = (select x."account_id"::text from "resource_request" x where x."id"::text = "audit_entry"."entity_id") where "entity_type" = 'ResourceRequest';`);
    this.addSql(`update "audit_entry" set "account_id" = (select p."account_id"::text from "objective" x join "account_plan" p on p."id" = x."plan_id" where x."id"::text = "audit_entry"."entity_id") where "entity_type" = 'Objective';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "audit_entry_account_id_at_index";`);
    this.addSql(`drop index "audit_entry_at_index";`);
    this.addSql(`alter table "audit_entry" drop column "account_id";`);
  }

}
