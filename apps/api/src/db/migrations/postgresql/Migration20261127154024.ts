import { Migration } from '@mikro-orm/migrations';

export class Migration20261127154024 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "kpi_measurement_definition_id_period_start_value_index" on "kpi_measurement" ("definition_id", "period_start", "value");`);

    this.addSql(`drop index "account_revenue_year_index";`);

    this.addSql(`create index "account_revenue_year_amount_index" on "account_revenue" ("year", "amount");`);

    this.addSql(`drop index "visit_account_id_occurred_at_index";`);

    this.addSql(`create index "visit_account_id_occurred_at_acceptance_index" on "visit" ("account_id", "occurred_at", "acceptance");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "account_revenue_year_amount_index";`);

    this.addSql(`create index "account_revenue_year_index" on "account_revenue" ("year");`);

    this.addSql(`drop index "kpi_measurement_definition_id_period_start_value_index";`);

    this.addSql(`drop index "visit_account_id_occurred_at_acceptance_index";`);

    this.addSql(`create index "visit_account_id_occurred_at_index" on "visit" ("account_id", "occurred_at");`);
  }

}
