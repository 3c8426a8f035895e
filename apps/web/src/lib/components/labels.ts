import type {
  ActionStatus,
  KpiStatus,
  OpportunityStage,
  ResourceKind,
  ResourceRequestStatus,
  StakeholderAttitude,
  StakeholderRole,
  VisitKind,
} from '@clave/domain';
import { m } from '$lib/paraglide/messages';

type Label = () => string;

export const kpiStatusLabel: Record<KpiStatus, Label> = {
  GREEN: m.kpi_status_green,
  AMBER: m.kpi_status_amber,
  RED: m.kpi_status_red,
};

export const actionStatusLabel: Record<ActionStatus, Label> = {
  PLANNED: m.action_status_planned,
  IN_PROGRESS: m.action_status_in_progress,
  BLOCKED: m.action_status_blocked,
  DONE: m.action_status_done,
  CANCELLED: m.action_status_cancelled,
};

export const visitKindLabel: Record<VisitKind, Label> = {
  IN_PERSON: m.visit_kind_in_person,
  VIDEO: m.visit_kind_video,
  PHONE: m.visit_kind_phone,
};

export const decisionRoleLabel: Record<StakeholderRole, Label> = {
  DECISION_MAKER: m.stakeholder_role_decision_maker,
  INFLUENCER: m.stakeholder_role_influencer,
  USER: m.stakeholder_role_user,
  GATEKEEPER: m.stakeholder_role_gatekeeper,
};

export const attitudeLabel: Record<StakeholderAttitude, Label> = {
  CHAMPION: m.stakeholder_attitude_champion,
  SUPPORTER: m.stakeholder_attitude_supporter,
  NEUTRAL: m.stakeholder_attitude_neutral,
  DETRACTOR: m.stakeholder_attitude_detractor,
};

export const resourceKindLabel: Record<ResourceKind, Label> = {
  BUDGET: m.resource_kind_budget,
  PEOPLE: m.resource_kind_people,
  SAMPLES: m.resource_kind_samples,
  PROMOTION: m.resource_kind_promotion,
  PRICING: m.resource_kind_pricing,
};

export const requestStatusLabel: Record<ResourceRequestStatus, Label> = {
  PENDING: m.request_status_pending,
  APPROVED: m.request_status_approved,
  REJECTED: m.request_status_rejected,
};

export const opportunityStageLabel: Record<OpportunityStage, Label> = {
  IDEA: m.opportunity_stage_idea,
  QUALIFIED: m.opportunity_stage_qualified,
  PROPOSED: m.opportunity_stage_proposed,
  AGREED: m.opportunity_stage_agreed,
  WON: m.opportunity_stage_won,
  LOST: m.opportunity_stage_lost,
};
