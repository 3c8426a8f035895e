import { Migration } from '@mikro-orm/migrations';

export class Migration20261208033704 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`company_revenue\` (\`id\` text not null, \`year\` integer not null, \`total_revenue\` numeric(16,2) not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`company_revenue_year_unique\` on \`company_revenue\` (\`year\`);`);

    this.addSql(`create table \`company_settings\` (\`id\` text not null, \`currency\` text not null, \`updated_at\` datetime not null, primary key (\`id\`));`);

    this.addSql(`create table \`account_monthly_revenue\` (\`id\` text not null, \`account_id\` text not null, \`month\` text not null, \`amount\` numeric(16,2) not null, \`updated_at\` datetime not null, constraint \`account_monthly_revenue_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`account_monthly_revenue_account_id_index\` on \`account_monthly_revenue\` (\`account_id\`);`);
    this.addSql(`create unique index \`account_monthly_revenue_account_id_month_unique\` on \`account_monthly_revenue\` (\`account_id\`, \`month\`);`);
  }

}
