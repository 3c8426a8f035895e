import { Migration } from '@mikro-orm/migrations';

export class Migration20261208033728 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`objective_opportunity\` (\`id\` text not null, \`objective_id\` text not null, \`opportunity_id\` text not null, constraint \`objective_opportunity_objective_id_foreign\` foreign key(\`objective_id\`) references \`objective\`(\`id\`) on delete cascade on update cascade, constraint \`objective_opportunity_opportunity_id_foreign\` foreign key(\`opportunity_id\`) references \`opportunity\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`objective_opportunity_objective_id_index\` on \`objective_opportunity\` (\`objective_id\`);`);
    this.addSql(`create index \`objective_opportunity_opportunity_id_index\` on \`objective_opportunity\` (\`opportunity_id\`);`);
    this.addSql(`create unique index \`objective_opportunity_objective_id_opportunity_id_unique\` on \`objective_opportunity\` (\`objective_id\`, \`opportunity_id\`);`);

    this.addSql(`alter table \`objective\` add column \`answers\` text not null default '';`);

    this.addSql(`alter table \`plan_action\` add column \`content_hash\` text null;`);
  }

}
