/**
 * The domain's closed vocabularies, as named in SPEC.md. Each is a readonly tuple so zod, GraphQL
 * enums and UI pickers are all built from the same list.
 */
export const ROLES = ['ADMIN', 'MANAGER', 'KAM'] as const;
export type Role = (typeof ROLES)[number];

export const ACCOUNT_TIERS = ['STRATEGIC', 'KEY', 'DEVELOPMENT'] as const;
export type AccountTier = (typeof ACCOUNT_TIERS)[number];

export const ACCOUNT_STATUSES = ['ACTIVE', 'ARCHIVED'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const STAKEHOLDER_ROLES = ['DECISION_MAKER', 'INFLUENCER', 'USER', 'GATEKEEPER'] as const;
export type StakeholderRole = (typeof STAKEHOLDER_ROLES)[number];

export const STAKEHOLDER_ATTITUDES = ['CHAMPION', 'SUPPORTER', 'NEUTRAL', 'DETRACTOR'] as const;
export type StakeholderAttitude = (typeof STAKEHOLDER_ATTITUDES)[number];

/** A stakeholder's weight in the buying decision, separate from their role in it. */
export const STAKEHOLDER_INFLUENCES = ['HIGH', 'MEDIUM', 'LOW'] as const;
export type StakeholderInfluence = (typeof STAKEHOLDER_INFLUENCES)[number];

export const PLAN_STATUSES = ['DRAFT', 'ACTIVE', 'CLOSED'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const ACTION_STATUSES = ['PLANNED', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'CANCELLED'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const OPPORTUNITY_STAGES = ['IDEA', 'QUALIFIED', 'PROPOSED', 'AGREED', 'WON', 'LOST'] as const;
export type OpportunityStage = (typeof OPPORTUNITY_STAGES)[number];

export const RESOURCE_KINDS = ['BUDGET', 'PEOPLE', 'SAMPLES', 'PROMOTION', 'PRICING'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const RESOURCE_REQUEST_STATUSES = ['PENDING', 'APPROVED', 'REJECTED'] as const;
export type ResourceRequestStatus = (typeof RESOURCE_REQUEST_STATUSES)[number];

export const VISIT_KINDS = ['IN_PERSON', 'VIDEO', 'PHONE'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

export const KPI_DIRECTIONS = ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER'] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

export const KPI_FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY'] as const;
export type KpiFrequency = (typeof KPI_FREQUENCIES)[number];

export const KPI_SOURCES = ['MANUAL', 'IMPORT', 'API'] as const;
export type KpiSource = (typeof KPI_SOURCES)[number];

export const KPI_STATUSES = ['GREEN', 'AMBER', 'RED'] as const;
export type KpiStatus = (typeof KPI_STATUSES)[number];

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

/** What an API token may do, further narrowed by its user's own rights. */
export const TOKEN_SCOPES = [
  'read:accounts',
  'read:plans',
  'read:visits',
  'read:kpis',
  'write:kpis',
  'write:revenue',
  'write:visits',
  'write:webhooks',
] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** What a webhook can subscribe to; each is sent for a change committed on an account. */
export const WEBHOOK_EVENT_TYPES = [
  'visit.logged',
  'plan_action.updated',
  'kpi.status_changed',
  'resource_request.decided',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** PENDING until a 2xx answer (DELIVERED) or until the retries are used up (FAILED). */
export const WEBHOOK_DELIVERY_STATES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type WebhookDeliveryState = (typeof WEBHOOK_DELIVERY_STATES)[number];
