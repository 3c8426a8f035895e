import { Migration } from '@mikro-orm/migrations';

export class Migration20261208044211 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`account\` add column \`address\` text null;`);

    this.addSql(`alter table \`stakeholder\` add column \`influence\` text null;`);
  }

}
