import { Migration } from '@mikro-orm/migrations';

export class Migration20261127101118 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`rate_limit_bucket\` (\`key\` text not null, \`window_start_ms\` bigint not null, \`count\` integer not null, primary key (\`key\`));`);

    this.addSql(`create table \`app_user\` (\`id\` text not null, \`email\` text not null, \`name\` text not null, \`role\` text not null, \`team_id\` text null, \`password_hash\` text not null, \`active\` integer not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`app_user_team_id_foreign\` foreign key(\`team_id\`) references \`team\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`app_user_email_unique\` on \`app_user\` (\`email\`);`);
    this.addSql(`create index \`app_user_team_id_index\` on \`app_user\` (\`team_id\`);`);

    this.addSql(`create table \`team\` (\`id\` text not null, \`name\` text not null, \`manager_id\` text null, \`created_at\` datetime not null, constraint \`team_manager_id_foreign\` foreign key(\`manager_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`team_name_unique\` on \`team\` (\`name\`);`);
    this.addSql(`create index \`team_manager_id_index\` on \`team\` (\`manager_id\`);`);

    this.addSql(`create table \`session\` (\`id\` text not null, \`token_hash\` text not null, \`user_id\` text not null, \`created_at\` datetime not null, \`last_seen_at\` datetime not null, \`expires_at\` datetime not null, \`user_agent\` text null, constraint \`session_user_id_foreign\` foreign key(\`user_id\`) references \`app_user\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`session_token_hash_unique\` on \`session\` (\`token_hash\`);`);
    this.addSql(`create index \`session_user_id_index\` on \`session\` (\`user_id\`);`);

    this.addSql(`create table \`audit_entry\` (\`id\` text not null, \`actor_id\` text null, \`at\` datetime not null, \`entity_type\` text not null, \`entity_id\` text not null, \`action\` text not null, \`before\` json null, \`after\` json null, constraint \`audit_entry_actor_id_foreign\` foreign key(\`actor_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`audit_entry_actor_id_index\` on \`audit_entry\` (\`actor_id\`);`);
    this.addSql(`create index \`audit_entry_entity_type_entity_id_index\` on \`audit_entry\` (\`entity_type\`, \`entity_id\`);`);

    this.addSql(`create table \`account\` (\`id\` text not null, \`name\` text not null, \`segment\` text not null, \`tier\` text not null, \`status\` text not null, \`owner_id\` text not null, \`visit_cadence_days\` integer not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`archived_at\` datetime null, constraint \`account_owner_id_foreign\` foreign key(\`owner_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`account_name_index\` on \`account\` (\`name\`);`);
    this.addSql(`create index \`account_tier_index\` on \`account\` (\`tier\`);`);
    this.addSql(`create index \`account_owner_id_index\` on \`account\` (\`owner_id\`);`);
    this.addSql(`create index \`account_updated_at_index\` on \`account\` (\`updated_at\`);`);

    this.addSql(`create table \`account_revenue\` (\`id\` text not null, \`account_id\` text not null, \`year\` integer not null, \`amount\` numeric(16,2) not null, \`updated_at\` datetime not null, constraint \`account_revenue_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`account_revenue_account_id_index\` on \`account_revenue\` (\`account_id\`);`);
    this.addSql(`create unique index \`account_revenue_account_id_year_unique\` on \`account_revenue\` (\`account_id\`, \`year\`);`);

    this.addSql(`create table \`account_supporter\` (\`account_id\` text not null, \`user_id\` text not null, constraint \`account_supporter_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on delete cascade on update cascade, constraint \`account_supporter_user_id_foreign\` foreign key(\`user_id\`) references \`app_user\`(\`id\`) on delete cascade on update cascade, primary key (\`account_id\`, \`user_id\`));`);
    this.addSql(`create index \`account_supporter_account_id_index\` on \`account_supporter\` (\`account_id\`);`);
    this.addSql(`create index \`account_supporter_user_id_index\` on \`account_supporter\` (\`user_id\`);`);
  }

}
