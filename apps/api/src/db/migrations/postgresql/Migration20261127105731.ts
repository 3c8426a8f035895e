import { Migration } from '@mikro-orm/migrations';

export class Migration20261127105731 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "kpi_template" ("id" uuid not null, "name" varchar(120) not null, "unit" varchar(30) not null, "direction" varchar(30) not null, "frequency" varchar(30) not null, "target" double precision null, "amber_threshold" double precision null, "red_threshold" double precision null, "category" varchar(60) not null, "description" text null, "active" boolean not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "kpi_template_pkey" primary key ("id"));`);

    this.addSql(`create table "rate_limit_bucket" ("key" varchar(300) not null, "window_start_ms" bigint not null, "count" int not null, constraint "rate_limit_bucket_pkey" primary key ("key"));`);

    this.addSql(`create table "app_user" ("id" uuid not null, "email" varchar(254) not null, "name" varchar(120) not null, "role" varchar(30) not null, "team_id" uuid null, "password_hash" varchar(255) not null, "active" boolean not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);
    this.addSql(`create index "app_user_team_id_index" on "app_user" ("team_id");`);

    this.addSql(`create table "team" ("id" uuid not null, "name" varchar(120) not null, "manager_id" uuid null, "created_at" timestamptz not null, constraint "team_pkey" primary key ("id"));`);
    this.addSql(`alter table "team" add constraint "team_name_unique" unique ("name");`);
    this.addSql(`create index "team_manager_id_index" on "team" ("manager_id");`);

    this.addSql(`create table "session" ("id" uuid not null, "token_hash" varchar(64) not null, "user_id" uuid not null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "user_agent" varchar(512) null, constraint "session_pkey" primary key ("id"));`);
    this.addSql(`alter table "session" add constraint "session_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "session_user_id_index" on "session" ("user_id");`);

    this.addSql(`create table "audit_entry" ("id" uuid not null, "actor_id" uuid null, "at" timestamptz not null, "entity_type" varchar(60) not null, "entity_id" varchar(64) not null, "action" varchar(30) not null, "before" jsonb null, "after" jsonb null, constraint "audit_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_entry_actor_id_index" on "audit_entry" ("actor_id");`);
    this.addSql(`create index "audit_entry_entity_type_entity_id_index" on "audit_entry" ("entity_type", "entity_id");`);

    this.addSql(`create table "api_token" ("id" uuid not null, "user_id" uuid not null, "name" varchar(100) not null, "token_hash" varchar(64) not null, "prefix" varchar(16) not null, "scopes" jsonb not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, constraint "api_token_pkey" primary key ("id"));`);
    this.addSql(`create index "api_token_user_id_index" on "api_token" ("user_id");`);
    this.addSql(`alter table "api_token" add constraint "api_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "account" ("id" uuid not null, "name" varchar(200) not null, "segment" varchar(120) not null, "tier" varchar(30) not null, "status" varchar(30) not null, "owner_id" uuid not null, "visit_cadence_days" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, constraint "account_pkey" primary key ("id"));`);
    this.addSql(`create index "account_name_index" on "account" ("name");`);
    this.addSql(`create index "account_tier_index" on "account" ("tier");`);
    this.addSql(`create index "account_owner_id_index" on "account" ("owner_id");`);
    this.addSql(`create index "account_updated_at_index" on "account" ("updated_at");`);

    this.addSql(`create table "stakeholder" ("id" uuid not null, "account_id" uuid not null, "name" varchar(200) not null, "title" varchar(200) null, "decision_role" varchar(30) not null, "attitude" varchar(30) not null, "reports_to_id" uuid null, "email" varchar(254) null, "phone" varchar(40) null, "archived_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "stakeholder_pkey" primary key ("id"));`);
    this.addSql(`create index "stakeholder_account_id_index" on "stakeholder" ("account_id");`);
    this.addSql(`create index "stakeholder_reports_to_id_index" on "stakeholder" ("reports_to_id");`);

    this.addSql(`create table "opportunity" ("id" uuid not null, "account_id" uuid not null, "title" varchar(200) not null, "description" text not null, "value_for_us" text not null, "value_for_client" text not null, "estimated_revenue" numeric(16,2) null, "probability" int not null, "stage" varchar(30) not null, "owner_id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "opportunity_pkey" primary key ("id"));`);
    this.addSql(`create index "opportunity_account_id_index" on "opportunity" ("account_id");`);
    this.addSql(`create index "opportunity_stage_index" on "opportunity" ("stage");`);
    this.addSql(`create index "opportunity_owner_id_index" on "opportunity" ("owner_id");`);

    this.addSql(`create table "resource_request" ("id" uuid not null, "account_id" uuid not null, "requested_by_id" uuid not null, "kind" varchar(30) not null, "amount" numeric(16,2) null, "description" text not null, "plan_action_id" uuid null, "opportunity_id" uuid null, "status" varchar(30) not null, "decided_by_id" uuid null, "decided_at" timestamptz null, "decision_reason" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "resource_request_pkey" primary key ("id"));`);
    this.addSql(`create index "resource_request_account_id_index" on "resource_request" ("account_id");`);
    this.addSql(`create index "resource_request_requested_by_id_index" on "resource_request" ("requested_by_id");`);
    this.addSql(`create index "resource_request_plan_action_id_index" on "resource_request" ("plan_action_id");`);
    this.addSql(`create index "resource_request_opportunity_id_index" on "resource_request" ("opportunity_id");`);
    this.addSql(`create index "resource_request_status_index" on "resource_request" ("status");`);
    this.addSql(`create index "resource_request_decided_by_id_index" on "resource_request" ("decided_by_id");`);
    this.addSql(`create index "resource_request_status_created_at_index" on "resource_request" ("status", "created_at");`);

    this.addSql(`create table "opportunity_action" ("id" uuid not null, "opportunity_id" uuid not null, "plan_action_id" uuid not null, "created_at" timestamptz not null, constraint "opportunity_action_pkey" primary key ("id"));`);
    this.addSql(`create index "opportunity_action_opportunity_id_index" on "opportunity_action" ("opportunity_id");`);
    this.addSql(`create index "opportunity_action_plan_action_id_index" on "opportunity_action" ("plan_action_id");`);
    this.addSql(`alter table "opportunity_action" add constraint "opportunity_action_opportunity_id_plan_action_id_unique" unique ("opportunity_id", "plan_action_id");`);

    this.addSql(`create table "kpi_definition" ("id" uuid not null, "account_id" uuid not null, "template_id" uuid null, "name" varchar(120) not null, "unit" varchar(30) not null, "direction" varchar(30) not null, "frequency" varchar(30) not null, "target" double precision null, "amber_threshold" double precision null, "red_threshold" double precision null, "category" varchar(60) not null, "description" text null, "archived" boolean not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "kpi_definition_pkey" primary key ("id"));`);
    this.addSql(`create index "kpi_definition_account_id_index" on "kpi_definition" ("account_id");`);
    this.addSql(`create index "kpi_definition_template_id_index" on "kpi_definition" ("template_id");`);

    this.addSql(`create table "kpi_measurement" ("id" uuid not null, "definition_id" uuid not null, "period_start" varchar(10) not null, "value" double precision not null, "source" varchar(30) not null, "recorded_by_id" uuid null, "recorded_at" timestamptz not null, constraint "kpi_measurement_pkey" primary key ("id"));`);
    this.addSql(`create index "kpi_measurement_recorded_by_id_index" on "kpi_measurement" ("recorded_by_id");`);
    this.addSql(`alter table "kpi_measurement" add constraint "kpi_measurement_definition_period_unique" unique ("definition_id", "period_start");`);

    this.addSql(`create table "account_revenue" ("id" uuid not null, "account_id" uuid not null, "year" int not null, "amount" numeric(16,2) not null, "updated_at" timestamptz not null, constraint "account_revenue_pkey" primary key ("id"));`);
    this.addSql(`alter table "account_revenue" add constraint "account_revenue_account_id_year_unique" unique ("account_id", "year");`);

    this.addSql(`create table "account_profile_revision" ("id" uuid not null, "account_id" uuid not null, "section" varchar(30) not null, "before" text not null, "after" text not null, "version" int not null, "author_id" uuid null, "at" timestamptz not null, constraint "account_profile_revision_pkey" primary key ("id"));`);
    this.addSql(`create index "account_profile_revision_author_id_index" on "account_profile_revision" ("author_id");`);
    this.addSql(`create index "account_profile_revision_account_id_at_index" on "account_profile_revision" ("account_id", "at");`);

    this.addSql(`create table "account_profile" ("id" uuid not null, "account_id" uuid not null, "history" text not null, "mission" text not null, "vision" text not null, "strategies" text not null, "objectives" text not null, "current_needs" text not null, "future_needs" text not null, "fears" text not null, "threats" text not null, "version" int not null default 1, "updated_at" timestamptz not null, "updated_by_id" uuid null, constraint "account_profile_pkey" primary key ("id"));`);
    this.addSql(`alter table "account_profile" add constraint "account_profile_account_id_unique" unique ("account_id");`);
    this.addSql(`create index "account_profile_updated_by_id_index" on "account_profile" ("updated_by_id");`);

    this.addSql(`create table "account_plan" ("id" uuid not null, "account_id" uuid not null, "title" varchar(200) not null, "status" varchar(30) not null, "active_account_id" uuid null, "start_month" varchar(7) not null, "horizon_months" int not null, "company_objectives" text not null, "client_needs" text not null, "market_opportunities" text not null, "created_by_id" uuid not null, "previous_plan_id" uuid null, "activated_at" timestamptz null, "closed_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "account_plan_pkey" primary key ("id"));`);
    this.addSql(`create index "account_plan_account_id_index" on "account_plan" ("account_id");`);
    this.addSql(`create index "account_plan_status_index" on "account_plan" ("status");`);
    this.addSql(`alter table "account_plan" add constraint "account_plan_active_account_id_unique" unique ("active_account_id");`);
    this.addSql(`create index "account_plan_created_by_id_index" on "account_plan" ("created_by_id");`);
    this.addSql(`create index "account_plan_previous_plan_id_index" on "account_plan" ("previous_plan_id");`);

    this.addSql(`create table "plan_revenue_target" ("id" uuid not null, "plan_id" uuid not null, "period" varchar(7) not null, "amount" numeric(16,2) not null, constraint "plan_revenue_target_pkey" primary key ("id"));`);
    this.addSql(`create index "plan_revenue_target_plan_id_index" on "plan_revenue_target" ("plan_id");`);
    this.addSql(`alter table "plan_revenue_target" add constraint "plan_revenue_target_plan_id_period_unique" unique ("plan_id", "period");`);

    this.addSql(`create table "objective" ("id" uuid not null, "plan_id" uuid not null, "title" varchar(200) not null, "description" text not null, "kpi_definition_id" uuid null, "target_value" double precision null, "target_date" varchar(10) null, "status" varchar(30) not null, "carried_from_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "objective_pkey" primary key ("id"));`);
    this.addSql(`create index "objective_plan_id_index" on "objective" ("plan_id");`);
    this.addSql(`create index "objective_kpi_definition_id_index" on "objective" ("kpi_definition_id");`);

    this.addSql(`create table "plan_action" ("id" uuid not null, "plan_id" uuid not null, "account_id" uuid not null, "objective_id" uuid null, "title" varchar(200) not null, "description" text not null, "owner_id" uuid not null, "due_date" varchar(10) not null, "status" varchar(30) not null, "progress" int not null, "completed_at" timestamptz null, "source" varchar(30) not null, "carried_from_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "plan_action_pkey" primary key ("id"));`);
    this.addSql(`create index "plan_action_plan_id_index" on "plan_action" ("plan_id");`);
    this.addSql(`create index "plan_action_account_id_index" on "plan_action" ("account_id");`);
    this.addSql(`create index "plan_action_objective_id_index" on "plan_action" ("objective_id");`);
    this.addSql(`create index "plan_action_owner_id_index" on "plan_action" ("owner_id");`);
    this.addSql(`create index "plan_action_due_date_index" on "plan_action" ("due_date");`);
    this.addSql(`create index "plan_action_status_index" on "plan_action" ("status");`);

    this.addSql(`create table "plan_action_update" ("id" uuid not null, "action_id" uuid not null, "author_id" uuid not null, "at" timestamptz not null, "from_status" varchar(30) null, "to_status" varchar(30) not null, "from_progress" int null, "to_progress" int not null, "note" text not null, constraint "plan_action_update_pkey" primary key ("id"));`);
    this.addSql(`create index "plan_action_update_action_id_index" on "plan_action_update" ("action_id");`);
    this.addSql(`create index "plan_action_update_author_id_index" on "plan_action_update" ("author_id");`);

    this.addSql(`create table "account_supporter" ("account_id" uuid not null, "user_id" uuid not null, constraint "account_supporter_pkey" primary key ("account_id", "user_id"));`);

    this.addSql(`create table "visit" ("id" uuid not null, "account_id" uuid not null, "kam_id" uuid not null, "occurred_at" timestamptz not null, "kind" varchar(30) not null, "purpose" varchar(300) not null, "notes" text not null, "outcomes" text not null, "acceptance" int not null, "location_lat" double precision null, "location_lng" double precision null, "location_label" varchar(200) null, "next_steps" jsonb not null, "created_action_ids" jsonb not null, "content_hash" varchar(64) not null, "created_at" timestamptz not null, constraint "visit_pkey" primary key ("id"));`);
    this.addSql(`create index "visit_account_id_occurred_at_index" on "visit" ("account_id", "occurred_at");`);
    this.addSql(`create index "visit_kam_id_occurred_at_index" on "visit" ("kam_id", "occurred_at");`);

    this.addSql(`create table "visit_stakeholder" ("visit_id" uuid not null, "stakeholder_id" uuid not null, constraint "visit_stakeholder_pkey" primary key ("visit_id", "stakeholder_id"));`);
    this.addSql(`create index "visit_stakeholder_stakeholder_id_index" on "visit_stakeholder" ("stakeholder_id");`);

    this.addSql(`alter table "app_user" add constraint "app_user_team_id_foreign" foreign key ("team_id") references "team" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "team" add constraint "team_manager_id_foreign" foreign key ("manager_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "audit_entry" add constraint "audit_entry_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "api_token" add constraint "api_token_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "account" add constraint "account_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "stakeholder" add constraint "stakeholder_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "stakeholder" add constraint "stakeholder_reports_to_id_foreign" foreign key ("reports_to_id") references "stakeholder" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "opportunity" add constraint "opportunity_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade;`);
    this.addSql(`alter table "opportunity" add constraint "opportunity_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "resource_request" add constraint "resource_request_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade;`);
    this.addSql(`alter table "resource_request" add constraint "resource_request_requested_by_id_foreign" foreign key ("requested_by_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "resource_request" add constraint "resource_request_opportunity_id_foreign" foreign key ("opportunity_id") references "opportunity" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "resource_request" add constraint "resource_request_decided_by_id_foreign" foreign key ("decided_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "opportunity_action" add constraint "opportunity_action_opportunity_id_foreign" foreign key ("opportunity_id") references "opportunity" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "kpi_definition" add constraint "kpi_definition_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade;`);
    this.addSql(`alter table "kpi_definition" add constraint "kpi_definition_template_id_foreign" foreign key ("template_id") references "kpi_template" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "kpi_measurement" add constraint "kpi_measurement_definition_id_foreign" foreign key ("definition_id") references "kpi_definition" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "kpi_measurement" add constraint "kpi_measurement_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "account_revenue" add constraint "account_revenue_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "account_profile_revision" add constraint "account_profile_revision_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "account_profile_revision" add constraint "account_profile_revision_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "account_profile" add constraint "account_profile_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "account_profile" add constraint "account_profile_updated_by_id_foreign" foreign key ("updated_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "account_plan" add constraint "account_plan_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade;`);
    this.addSql(`alter table "account_plan" add constraint "account_plan_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "plan_revenue_target" add constraint "plan_revenue_target_plan_id_foreign" foreign key ("plan_id") references "account_plan" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "objective" add constraint "objective_plan_id_foreign" foreign key ("plan_id") references "account_plan" ("id") on update cascade;`);

    this.addSql(`alter table "plan_action" add constraint "plan_action_plan_id_foreign" foreign key ("plan_id") references "account_plan" ("id") on update cascade;`);
    this.addSql(`alter table "plan_action" add constraint "plan_action_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade;`);
    this.addSql(`alter table "plan_action" add constraint "plan_action_objective_id_foreign" foreign key ("objective_id") references "objective" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "plan_action" add constraint "plan_action_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "plan_action_update" add constraint "plan_action_update_action_id_foreign" foreign key ("action_id") references "plan_action" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "plan_action_update" add constraint "plan_action_update_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "account_supporter" add constraint "account_supporter_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "account_supporter" add constraint "account_supporter_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "visit" add constraint "visit_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "visit" add constraint "visit_kam_id_foreign" foreign key ("kam_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "visit_stakeholder" add constraint "visit_stakeholder_visit_id_foreign" foreign key ("visit_id") references "visit" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "visit_stakeholder" add constraint "visit_stakeholder_stakeholder_id_foreign" foreign key ("stakeholder_id") references "stakeholder" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "kpi_definition" drop constraint "kpi_definition_template_id_foreign";`);

    this.addSql(`alter table "team" drop constraint "team_manager_id_foreign";`);

    this.addSql(`alter table "session" drop constraint "session_user_id_foreign";`);

    this.addSql(`alter table "audit_entry" drop constraint "audit_entry_actor_id_foreign";`);

    this.addSql(`alter table "api_token" drop constraint "api_token_user_id_foreign";`);

    this.addSql(`alter table "account" drop constraint "account_owner_id_foreign";`);

    this.addSql(`alter table "opportunity" drop constraint "opportunity_owner_id_foreign";`);

    this.addSql(`alter table "resource_request" drop constraint "resource_request_requested_by_id_foreign";`);

    this.addSql(`alter table "resource_request" drop constraint "resource_request_decided_by_id_foreign";`);

    this.addSql(`alter table "kpi_measurement" drop constraint "kpi_measurement_recorded_by_id_foreign";`);

    this.addSql(`alter table "account_profile_revision" drop constraint "account_profile_revision_author_id_foreign";`);

    this.addSql(`alter table "account_profile" drop constraint "account_profile_updated_by_id_foreign";`);

    this.addSql(`alter table "account_plan" drop constraint "account_plan_created_by_id_foreign";`);

    this.addSql(`alter table "plan_action" drop constraint "plan_action_owner_id_foreign";`);

    this.addSql(`alter table "plan_action_update" drop constraint "plan_action_update_author_id_foreign";`);

    this.addSql(`alter table "account_supporter" drop constraint "account_supporter_user_id_foreign";`);

    this.addSql(`alter table "visit" drop constraint "visit_kam_id_foreign";`);

    this.addSql(`alter table "app_user" drop constraint "app_user_team_id_foreign";`);

    this.addSql(`alter table "stakeholder" drop constraint "stakeholder_account_id_foreign";`);

    this.addSql(`alter table "opportunity" drop constraint "opportunity_account_id_foreign";`);

    this.addSql(`alter table "resource_request" drop constraint "resource_request_account_id_foreign";`);

    this.addSql(`alter table "kpi_definition" drop constraint "kpi_definition_account_id_foreign";`);

    this.addSql(`alter table "account_revenue" drop constraint "account_revenue_account_id_foreign";`);

    this.addSql(`alter table "account_profile_revision" drop constraint "account_profile_revision_account_id_foreign";`);

    this.addSql(`alter table "account_profile" drop constraint "account_profile_account_id_foreign";`);

    this.addSql(`alter table "account_plan" drop constraint "account_plan_account_id_foreign";`);

    this.addSql(`alter table "plan_action" drop constraint "plan_action_account_id_foreign";`);

    this.addSql(`alter table "account_supporter" drop constraint "account_supporter_account_id_foreign";`);

    this.addSql(`alter table "visit" drop constraint "visit_account_id_foreign";`);

    this.addSql(`alter table "stakeholder" drop constraint "stakeholder_reports_to_id_foreign";`);

    this.addSql(`alter table "visit_stakeholder" drop constraint "visit_stakeholder_stakeholder_id_foreign";`);

    this.addSql(`alter table "resource_request" drop constraint "resource_request_opportunity_id_foreign";`);

    this.addSql(`alter table "opportunity_action" drop constraint "opportunity_action_opportunity_id_foreign";`);

    this.addSql(`alter table "kpi_measurement" drop constraint "kpi_measurement_definition_id_foreign";`);

    this.addSql(`alter table "plan_revenue_target" drop constraint "plan_revenue_target_plan_id_foreign";`);

    this.addSql(`alter table "objective" drop constraint "objective_plan_id_foreign";`);

    this.addSql(`alter table "plan_action" drop constraint "plan_action_plan_id_foreign";`);

    this.addSql(`alter table "plan_action" drop constraint "plan_action_objective_id_foreign";`);

    this.addSql(`alter table "plan_action_update" drop constraint "plan_action_update_action_id_foreign";`);

    this.addSql(`alter table "visit_stakeholder" drop constraint "visit_stakeholder_visit_id_foreign";`);

    this.addSql(`drop table if exists "kpi_template" cascade;`);

    this.addSql(`drop table if exists "rate_limit_bucket" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "team" cascade;`);

    this.addSql(`drop table if exists "session" cascade;`);

    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop table if exists "api_token" cascade;`);

    this.addSql(`drop table if exists "account" cascade;`);

    this.addSql(`drop table if exists "stakeholder" cascade;`);

    this.addSql(`drop table if exists "opportunity" cascade;`);

    this.addSql(`drop table if exists "resource_request" cascade;`);

    this.addSql(`drop table if exists "opportunity_action" cascade;`);

    this.addSql(`drop table if exists "kpi_definition" cascade;`);

    this.addSql(`drop table if exists "kpi_measurement" cascade;`);

    this.addSql(`drop table if exists "account_revenue" cascade;`);

    this.addSql(`drop table if exists "account_profile_revision" cascade;`);

    this.addSql(`drop table if exists "account_profile" cascade;`);

    this.addSql(`drop table if exists "account_plan" cascade;`);

    this.addSql(`drop table if exists "plan_revenue_target" cascade;`);

    this.addSql(`drop table if exists "objective" cascade;`);

    this.addSql(`drop table if exists "plan_action" cascade;`);

    this.addSql(`drop table if exists "plan_action_update" cascade;`);

    this.addSql(`drop table if exists "account_supporter" cascade;`);

    this.addSql(`drop table if exists "visit" cascade;`);

    this.addSql(`drop table if exists "visit_stakeholder" cascade;`);
  }

}
