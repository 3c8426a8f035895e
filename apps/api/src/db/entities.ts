import { Account, AccountMonthlyRevenue, AccountRevenue } from '../modules/accounts/account.entity.js';
import { AuditEntry } from '../modules/audit/audit.entity.js';
import { RateLimitBucket, Session } from '../modules/auth/session.entity.js';
import { CompanyRevenue, CompanySettings } from '../modules/company/company.entity.js';
import { KpiDefinition, KpiMeasurement, KpiTemplate } from '../modules/kpis/kpi.entity.js';
import { Opportunity, OpportunityAction } from '../modules/opportunities/opportunity.entity.js';
import {
  AccountPlan,
  Objective,
  ObjectiveOpportunity,
  PlanAction,
  PlanActionUpdate,
  PlanRevenueTarget,
} from '../modules/plans/plan.entity.js';
import { AccountProfile, AccountProfileRevision } from '../modules/profiles/profile.entity.js';
import { ResourceRequest } from '../modules/resources/resource-request.entity.js';
import { Stakeholder } from '../modules/stakeholders/stakeholder.entity.js';
import { ApiToken } from '../modules/tokens/token.entity.js';
import { Team, User } from '../modules/users/user.entity.js';
import { Visit, VisitStakeholder } from '../modules/visits/visit.entity.js';
import { Webhook, WebhookDelivery, WebhookEvent } from '../modules/webhooks/webhook.entity.js';

/** Every entity, listed explicitly: no folder scanning, so the bundle and the tests agree. */
export const entities = [
  Team,
  User,
  Session,
  RateLimitBucket,
  Account,
  AccountRevenue,
  AccountMonthlyRevenue,
  CompanySettings,
  CompanyRevenue,
  AuditEntry,
  AccountPlan,
  PlanRevenueTarget,
  Objective,
  PlanAction,
  PlanActionUpdate,
  ObjectiveOpportunity,
  AccountProfile,
  AccountProfileRevision,
  Stakeholder,
  Visit,
  VisitStakeholder,
  KpiTemplate,
  KpiDefinition,
  KpiMeasurement,
  Opportunity,
  OpportunityAction,
  ResourceRequest,
  ApiToken,
  Webhook,
  WebhookEvent,
  WebhookDelivery,
];
