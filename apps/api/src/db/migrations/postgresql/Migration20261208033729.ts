import { Migration } from '@mikro-orm/migrations';

export class Migration20261208033729 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "objective_opportunity" ("id" uuid not null, "objective_id" uuid not null, "opportunity_id" uuid not null, constraint "objective_opportunity_pkey" primary key ("id"));`);
    this.addSql(`create index "objective_opportunity_opportunity_id_index" on "objective_opportunity" ("opportunity_id");`);
    this.addSql(`alter table "objective_opportunity" add constraint "objective_opportunity_objective_id_opportunity_id_unique" unique ("objective_id", "opportunity_id");`);

    this.addSql(`alter table "objective_opportunity" add constraint "objective_opportunity_objective_id_foreign" foreign key ("objective_id") references "objective" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "objective_opportunity" add constraint "objective_opportunity_opportunity_id_foreign" foreign key ("opportunity_id") references "opportunity" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "objective" add column "answers" varchar(100) not null default '';`);

    this.addSql(`alter table "plan_action" add column "content_hash" varchar(64) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "objective_opportunity" cascade;`);

    this.addSql(`alter table "objective" drop column "answers";`);

    this.addSql(`alter table "plan_action" drop column "content_hash";`);
  }

}
