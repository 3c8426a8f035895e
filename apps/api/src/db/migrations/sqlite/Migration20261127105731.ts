import { Migration } from '@mikro-orm/migrations';

export class Migration20261127105731 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`kpi_template\` (\`id\` text not null, \`name\` text not null, \`unit\` text not null, \`direction\` text not null, \`frequency\` text not null, \`target\` double null, \`amber_threshold\` double null, \`red_threshold\` double null, \`category\` text not null, \`description\` text null, \`active\` integer not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, primary key (\`id\`));`);

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

    this.addSql(`create table \`api_token\` (\`id\` text not null, \`user_id\` text not null, \`name\` text not null, \`token_hash\` text not null, \`prefix\` text not null, \`scopes\` json not null, \`created_at\` datetime not null, \`expires_at\` datetime not null, \`revoked_at\` datetime null, \`last_used_at\` datetime null, constraint \`api_token_user_id_foreign\` foreign key(\`user_id\`) references \`app_user\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`api_token_user_id_index\` on \`api_token\` (\`user_id\`);`);
    this.addSql(`create unique index \`api_token_token_hash_unique\` on \`api_token\` (\`token_hash\`);`);

    this.addSql(`create table \`account\` (\`id\` text not null, \`name\` text not null, \`segment\` text not null, \`tier\` text not null, \`status\` text not null, \`owner_id\` text not null, \`visit_cadence_days\` integer not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`archived_at\` datetime null, constraint \`account_owner_id_foreign\` foreign key(\`owner_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`account_name_index\` on \`account\` (\`name\`);`);
    this.addSql(`create index \`account_tier_index\` on \`account\` (\`tier\`);`);
    this.addSql(`create index \`account_owner_id_index\` on \`account\` (\`owner_id\`);`);
    this.addSql(`create index \`account_updated_at_index\` on \`account\` (\`updated_at\`);`);

    this.addSql(`create table \`stakeholder\` (\`id\` text not null, \`account_id\` text not null, \`name\` text not null, \`title\` text null, \`decision_role\` text not null, \`attitude\` text not null, \`reports_to_id\` text null, \`email\` text null, \`phone\` text null, \`archived_at\` datetime null, \`version\` integer not null default 1, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`stakeholder_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on delete cascade on update cascade, constraint \`stakeholder_reports_to_id_foreign\` foreign key(\`reports_to_id\`) references \`stakeholder\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`stakeholder_account_id_index\` on \`stakeholder\` (\`account_id\`);`);
    this.addSql(`create index \`stakeholder_reports_to_id_index\` on \`stakeholder\` (\`reports_to_id\`);`);

    this.addSql(`create table \`opportunity\` (\`id\` text not null, \`account_id\` text not null, \`title\` text not null, \`description\` text not null, \`value_for_us\` text not null, \`value_for_client\` text not null, \`estimated_revenue\` numeric(16,2) null, \`probability\` integer not null, \`stage\` text not null, \`owner_id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, constraint \`opportunity_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on update cascade, constraint \`opportunity_owner_id_foreign\` foreign key(\`owner_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`opportunity_account_id_index\` on \`opportunity\` (\`account_id\`);`);
    this.addSql(`create index \`opportunity_stage_index\` on \`opportunity\` (\`stage\`);`);
    this.addSql(`create index \`opportunity_owner_id_index\` on \`opportunity\` (\`owner_id\`);`);

    this.addSql(`create table \`resource_request\` (\`id\` text not null, \`account_id\` text not null, \`requested_by_id\` text not null, \`kind\` text not null, \`amount\` numeric(16,2) null, \`description\` text not null, \`plan_action_id\` text null, \`opportunity_id\` text null, \`status\` text not null, \`decided_by_id\` text null, \`decided_at\` datetime null, \`decision_reason\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, constraint \`resource_request_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on update cascade, constraint \`resource_request_requested_by_id_foreign\` foreign key(\`requested_by_id\`) references \`app_user\`(\`id\`) on update cascade, constraint \`resource_request_opportunity_id_foreign\` foreign key(\`opportunity_id\`) references \`opportunity\`(\`id\`) on delete set null on update cascade, constraint \`resource_request_decided_by_id_foreign\` foreign key(\`decided_by_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`resource_request_account_id_index\` on \`resource_request\` (\`account_id\`);`);
    this.addSql(`create index \`resource_request_requested_by_id_index\` on \`resource_request\` (\`requested_by_id\`);`);
    this.addSql(`create index \`resource_request_plan_action_id_index\` on \`resource_request\` (\`plan_action_id\`);`);
    this.addSql(`create index \`resource_request_opportunity_id_index\` on \`resource_request\` (\`opportunity_id\`);`);
    this.addSql(`create index \`resource_request_status_index\` on \`resource_request\` (\`status\`);`);
    this.addSql(`create index \`resource_request_decided_by_id_index\` on \`resource_request\` (\`decided_by_id\`);`);
    this.addSql(`create index \`resource_request_status_created_at_index\` on \`resource_request\` (\`status\`, \`created_at\`);`);

    this.addSql(`create table \`opportunity_action\` (\`id\` text not null, \`opportunity_id\` text not null, \`plan_action_id\` text not null, \`created_at\` datetime not null, constraint \`opportunity_action_opportunity_id_foreign\` foreign key(\`opportunity_id\`) references \`opportunity\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`opportunity_action_opportunity_id_index\` on \`opportunity_action\` (\`opportunity_id\`);`);
    this.addSql(`create index \`opportunity_action_plan_action_id_index\` on \`opportunity_action\` (\`plan_action_id\`);`);
    this.addSql(`create unique index \`opportunity_action_opportunity_id_plan_action_id_unique\` on \`opportunity_action\` (\`opportunity_id\`, \`plan_action_id\`);`);

    this.addSql(`create table \`kpi_definition\` (\`id\` text not null, \`account_id\` text not null, \`template_id\` text null, \`name\` text not null, \`unit\` text not null, \`direction\` text not null, \`frequency\` text not null, \`target\` double null, \`amber_threshold\` double null, \`red_threshold\` double null, \`category\` text not null, \`description\` text null, \`archived\` integer not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, constraint \`kpi_definition_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on update cascade, constraint \`kpi_definition_template_id_foreign\` foreign key(\`template_id\`) references \`kpi_template\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`kpi_definition_account_id_index\` on \`kpi_definition\` (\`account_id\`);`);
    this.addSql(`create index \`kpi_definition_template_id_index\` on \`kpi_definition\` (\`template_id\`);`);

    this.addSql(`create table \`kpi_measurement\` (\`id\` text not null, \`definition_id\` text not null, \`period_start\` text not null, \`value\` double not null, \`source\` text not null, \`recorded_by_id\` text null, \`recorded_at\` datetime not null, constraint \`kpi_measurement_definition_id_foreign\` foreign key(\`definition_id\`) references \`kpi_definition\`(\`id\`) on delete cascade on update cascade, constraint \`kpi_measurement_recorded_by_id_foreign\` foreign key(\`recorded_by_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`kpi_measurement_definition_id_index\` on \`kpi_measurement\` (\`definition_id\`);`);
    this.addSql(`create index \`kpi_measurement_recorded_by_id_index\` on \`kpi_measurement\` (\`recorded_by_id\`);`);
    this.addSql(`create unique index \`kpi_measurement_definition_period_unique\` on \`kpi_measurement\` (\`definition_id\`, \`period_start\`);`);

    this.addSql(`create table \`account_revenue\` (\`id\` text not null, \`account_id\` text not null, \`year\` integer not null, \`amount\` numeric(16,2) not null, \`updated_at\` datetime not null, constraint \`account_revenue_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`account_revenue_account_id_index\` on \`account_revenue\` (\`account_id\`);`);
    this.addSql(`create unique index \`account_revenue_account_id_year_unique\` on \`account_revenue\` (\`account_id\`, \`year\`);`);

    this.addSql(`create table \`account_profile_revision\` (\`id\` text not null, \`account_id\` text not null, \`section\` text not null, \`before\` text not null, \`after\` text not null, \`version\` integer not null, \`author_id\` text null, \`at\` datetime not null, constraint \`account_profile_revision_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on delete cascade on update cascade, constraint \`account_profile_revision_author_id_foreign\` foreign key(\`author_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`account_profile_revision_account_id_index\` on \`account_profile_revision\` (\`account_id\`);`);
    this.addSql(`create index \`account_profile_revision_author_id_index\` on \`account_profile_revision\` (\`author_id\`);`);
    this.addSql(`create index \`account_profile_revision_account_id_at_index\` on \`account_profile_revision\` (\`account_id\`, \`at\`);`);

    this.addSql(`create table \`account_profile\` (\`id\` text not null, \`account_id\` text not null, \`history\` text not null, \`mission\` text not null, \`vision\` text not null, \`strategies\` text not null, \`objectives\` text not null, \`current_needs\` text not null, \`future_needs\` text not null, \`fears\` text not null, \`threats\` text not null, \`version\` integer not null default 1, \`updated_at\` datetime not null, \`updated_by_id\` text null, constraint \`account_profile_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on delete cascade on update cascade, constraint \`account_profile_updated_by_id_foreign\` foreign key(\`updated_by_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`account_profile_account_id_index\` on \`account_profile\` (\`account_id\`);`);
    this.addSql(`create unique index \`account_profile_account_id_unique\` on \`account_profile\` (\`account_id\`);`);
    this.addSql(`create index \`account_profile_updated_by_id_index\` on \`account_profile\` (\`updated_by_id\`);`);

    this.addSql(`create table \`account_plan\` (\`id\` text not null, \`account_id\` text not null, \`title\` text not null, \`status\` text not null, \`active_account_id\` text null, \`start_month\` text not null, \`horizon_months\` integer not null, \`company_objectives\` text not null, \`client_needs\` text not null, \`market_opportunities\` text not null, \`created_by_id\` text not null, \`previous_plan_id\` text null, \`activated_at\` datetime null, \`closed_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, constraint \`account_plan_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on update cascade, constraint \`account_plan_created_by_id_foreign\` foreign key(\`created_by_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`account_plan_account_id_index\` on \`account_plan\` (\`account_id\`);`);
    this.addSql(`create index \`account_plan_status_index\` on \`account_plan\` (\`status\`);`);
    this.addSql(`create unique index \`account_plan_active_account_id_unique\` on \`account_plan\` (\`active_account_id\`);`);
    this.addSql(`create index \`account_plan_created_by_id_index\` on \`account_plan\` (\`created_by_id\`);`);
    this.addSql(`create index \`account_plan_previous_plan_id_index\` on \`account_plan\` (\`previous_plan_id\`);`);

    this.addSql(`create table \`plan_revenue_target\` (\`id\` text not null, \`plan_id\` text not null, \`period\` text not null, \`amount\` numeric(16,2) not null, constraint \`plan_revenue_target_plan_id_foreign\` foreign key(\`plan_id\`) references \`account_plan\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`plan_revenue_target_plan_id_index\` on \`plan_revenue_target\` (\`plan_id\`);`);
    this.addSql(`create unique index \`plan_revenue_target_plan_id_period_unique\` on \`plan_revenue_target\` (\`plan_id\`, \`period\`);`);

    this.addSql(`create table \`objective\` (\`id\` text not null, \`plan_id\` text not null, \`title\` text not null, \`description\` text not null, \`kpi_definition_id\` text null, \`target_value\` double null, \`target_date\` text null, \`status\` text not null, \`carried_from_id\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, constraint \`objective_plan_id_foreign\` foreign key(\`plan_id\`) references \`account_plan\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`objective_plan_id_index\` on \`objective\` (\`plan_id\`);`);
    this.addSql(`create index \`objective_kpi_definition_id_index\` on \`objective\` (\`kpi_definition_id\`);`);

    this.addSql(`create table \`plan_action\` (\`id\` text not null, \`plan_id\` text not null, \`account_id\` text not null, \`objective_id\` text null, \`title\` text not null, \`description\` text not null, \`owner_id\` text not null, \`due_date\` text not null, \`status\` text not null, \`progress\` integer not null, \`completed_at\` datetime null, \`source\` text not null, \`carried_from_id\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, constraint \`plan_action_plan_id_foreign\` foreign key(\`plan_id\`) references \`account_plan\`(\`id\`) on update cascade, constraint \`plan_action_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on update cascade, constraint \`plan_action_objective_id_foreign\` foreign key(\`objective_id\`) references \`objective\`(\`id\`) on delete set null on update cascade, constraint \`plan_action_owner_id_foreign\` foreign key(\`owner_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`plan_action_plan_id_index\` on \`plan_action\` (\`plan_id\`);`);
    this.addSql(`create index \`plan_action_account_id_index\` on \`plan_action\` (\`account_id\`);`);
    this.addSql(`create index \`plan_action_objective_id_index\` on \`plan_action\` (\`objective_id\`);`);
    this.addSql(`create index \`plan_action_owner_id_index\` on \`plan_action\` (\`owner_id\`);`);
    this.addSql(`create index \`plan_action_due_date_index\` on \`plan_action\` (\`due_date\`);`);
    this.addSql(`create index \`plan_action_status_index\` on \`plan_action\` (\`status\`);`);

    this.addSql(`create table \`plan_action_update\` (\`id\` text not null, \`action_id\` text not null, \`author_id\` text not null, \`at\` datetime not null, \`from_status\` text null, \`to_status\` text not null, \`from_progress\` integer null, \`to_progress\` integer not null, \`note\` text not null, constraint \`plan_action_update_action_id_foreign\` foreign key(\`action_id\`) references \`plan_action\`(\`id\`) on delete cascade on update cascade, constraint \`plan_action_update_author_id_foreign\` foreign key(\`author_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`plan_action_update_action_id_index\` on \`plan_action_update\` (\`action_id\`);`);
    this.addSql(`create index \`plan_action_update_author_id_index\` on \`plan_action_update\` (\`author_id\`);`);

    this.addSql(`create table \`account_supporter\` (\`account_id\` text not null, \`user_id\` text not null, constraint \`account_supporter_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on delete cascade on update cascade, constraint \`account_supporter_user_id_foreign\` foreign key(\`user_id\`) references \`app_user\`(\`id\`) on delete cascade on update cascade, primary key (\`account_id\`, \`user_id\`));`);
    this.addSql(`create index \`account_supporter_account_id_index\` on \`account_supporter\` (\`account_id\`);`);
    this.addSql(`create index \`account_supporter_user_id_index\` on \`account_supporter\` (\`user_id\`);`);

    this.addSql(`create table \`visit\` (\`id\` text not null, \`account_id\` text not null, \`kam_id\` text not null, \`occurred_at\` datetime not null, \`kind\` text not null, \`purpose\` text not null, \`notes\` text not null, \`outcomes\` text not null, \`acceptance\` integer not null, \`location_lat\` double null, \`location_lng\` double null, \`location_label\` text null, \`next_steps\` json not null, \`created_action_ids\` json not null, \`content_hash\` text not null, \`created_at\` datetime not null, constraint \`visit_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on delete cascade on update cascade, constraint \`visit_kam_id_foreign\` foreign key(\`kam_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`visit_account_id_index\` on \`visit\` (\`account_id\`);`);
    this.addSql(`create index \`visit_kam_id_index\` on \`visit\` (\`kam_id\`);`);
    this.addSql(`create index \`visit_account_id_occurred_at_index\` on \`visit\` (\`account_id\`, \`occurred_at\`);`);
    this.addSql(`create index \`visit_kam_id_occurred_at_index\` on \`visit\` (\`kam_id\`, \`occurred_at\`);`);

    this.addSql(`create table \`visit_stakeholder\` (\`visit_id\` text not null, \`stakeholder_id\` text not null, constraint \`visit_stakeholder_visit_id_foreign\` foreign key(\`visit_id\`) references \`visit\`(\`id\`) on delete cascade on update cascade, constraint \`visit_stakeholder_stakeholder_id_foreign\` foreign key(\`stakeholder_id\`) references \`stakeholder\`(\`id\`) on delete cascade on update cascade, primary key (\`visit_id\`, \`stakeholder_id\`));`);
    this.addSql(`create index \`visit_stakeholder_visit_id_index\` on \`visit_stakeholder\` (\`visit_id\`);`);
    this.addSql(`create index \`visit_stakeholder_stakeholder_id_index\` on \`visit_stakeholder\` (\`stakeholder_id\`);`);
  }

}
