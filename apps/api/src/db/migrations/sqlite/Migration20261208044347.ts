import { Migration } from '@mikro-orm/migrations';

export class Migration20261208044347 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`audit_entry\` add column \`account_id\` text null;`);
    this.addSql(`create index \`audit_entry_account_id_at_index\` on \`audit_entry\` (\`account_id\`, \`at\`);`);
    this.addSql(`create index \`audit_entry_at_index\` on \`audit_entry\` (\`at\`);`);
    // Entries written before the column: the account from the entity they describe.
    this.addSql(`update "audit_entry" set "account_id" = "entity_id" where "entity_type" in ('Account', 'AccountProfile');`);
    this.addSql(`update "audit_entry" set "account_id" = substr("entity_id", 1, 36) where "entity_type" in ('AccountRevenue', 'AccountMonthlyRevenue');`);
    this.addSql(`update "audit_entry" set "account_id" = (select x."account_id" from "account_plan" x where x."id" = "audit_entry"."entity_id") where "entity_type" = 'AccountPlan';`);
    this.addSql(`update "audit_entry" set "account_id" = (select x."account_id" from "plan_action" x where x."id" = "audit_entry"."entity_id") where "entity_type" = 'PlanAction';`);
    this.addSql(`update "audit_entry" set "account_id" = (select x."account_id" from "stakeholder" x where x."id" = "audit_entry"."entity_id") where "entity_type" = 'Stakeholder';`);
    this.addSql(`update "audit_entry" set "account_id" = (select x."account_id" from "kpi_definition" x where x."id" = "audit_entry"."entity_id") where "entity_type" = 'KpiDefinition';`);
    this.addSql(`update "audit_entry" set "account_id" = (select x."account_id" from "opportunity" x where x."id" = "audit_entry"."entity_id") where "entity_type" = 'Opportunity';`);
    this.addSql(`update "audit_entry" set "account_id" = (select x."account_id" from "visit" x where x."id" = "audit_entry"."entity_id") where "entity_type" = 'Visit';`);
    this.addSql(`update "audit_entry" set "account_id" = (select x."account_id" from "resource_request" x where x."id" = "audit_entry"."entity_id") where "entity_type" = 'ResourceRequest';`);
    this.addSql(`update "audit_entry" set "account_id" = (select p."account_id" from "objective" x join "account_plan" p on p."id" = x."plan_id" where x."id" = "audit_entry"."entity_id") where "entity_type" = 'Objective';`);
  }

}
