import { Migration } from '@mikro-orm/migrations';

export class Migration20261208044212 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "account" add column "address" varchar(300) null;`);

    this.addSql(`alter table "stakeholder" add column "influence" varchar(30) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "account" drop column "address";`);

    this.addSql(`alter table "stakeholder" drop column "influence";`);
  }

}
