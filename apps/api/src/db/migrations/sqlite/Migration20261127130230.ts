import { Migration } from '@mikro-orm/migrations';

export class Migration20261127130230 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`webhook\` (\`id\` text not null, \`owner_id\` text not null, \`url\` text not null, \`description\` text not null, \`events\` json not null, \`secret\` text not null, \`active\` integer not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, constraint \`webhook_owner_id_foreign\` foreign key(\`owner_id\`) references \`app_user\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`webhook_owner_id_index\` on \`webhook\` (\`owner_id\`);`);
    this.addSql(`create index \`webhook_active_index\` on \`webhook\` (\`active\`);`);

    this.addSql(`create table \`webhook_event\` (\`id\` text not null, \`type\` text not null, \`account_id\` text not null, \`payload\` json not null, \`occurred_at\` datetime not null, constraint \`webhook_event_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`webhook_event_account_id_index\` on \`webhook_event\` (\`account_id\`);`);

    this.addSql(`create table \`webhook_delivery\` (\`id\` text not null, \`webhook_id\` text not null, \`event_id\` text not null, \`state\` text not null, \`attempts\` integer not null, \`next_attempt_at\` datetime null, \`locked_until\` datetime null, \`last_attempt_at\` datetime null, \`last_status_code\` integer null, \`last_error\` text null, \`delivered_at\` datetime null, \`log\` json not null, \`created_at\` datetime not null, constraint \`webhook_delivery_webhook_id_foreign\` foreign key(\`webhook_id\`) references \`webhook\`(\`id\`) on delete cascade on update cascade, constraint \`webhook_delivery_event_id_foreign\` foreign key(\`event_id\`) references \`webhook_event\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`webhook_delivery_webhook_id_index\` on \`webhook_delivery\` (\`webhook_id\`);`);
    this.addSql(`create index \`webhook_delivery_event_id_index\` on \`webhook_delivery\` (\`event_id\`);`);
    this.addSql(`create index \`webhook_delivery_state_next_attempt_at_index\` on \`webhook_delivery\` (\`state\`, \`next_attempt_at\`);`);
    this.addSql(`create index \`webhook_delivery_webhook_id_created_at_index\` on \`webhook_delivery\` (\`webhook_id\`, \`created_at\`);`);
    this.addSql(`create unique index \`webhook_delivery_webhook_id_event_id_unique\` on \`webhook_delivery\` (\`webhook_id\`, \`event_id\`);`);

    this.addSql(`alter table \`stakeholder\` add column \`content_hash\` text null;`);

    this.addSql(`alter table \`resource_request\` add column \`content_hash\` text null;`);

    this.addSql(`create index \`account_revenue_year_index\` on \`account_revenue\` (\`year\`);`);
  }

}
