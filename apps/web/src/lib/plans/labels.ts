import type { ObjectiveStatus } from '@clave/domain';
import { m } from '$lib/paraglide/messages';
import type { PlanInputKind } from './objective-form';

type Label = () => string;

export type PlanStatus = 'DRAFT' | 'ACTIVE' | 'CLOSED';

export const planStatusLabel: Record<PlanStatus, Label> = {
  DRAFT: m.plan_status_draft,
  ACTIVE: m.plan_status_active,
  CLOSED: m.plan_status_closed,
};

export const objectiveStatusLabel: Record<ObjectiveStatus, Label> = {
  OPEN: m.objective_status_open,
  ACHIEVED: m.objective_status_achieved,
  DROPPED: m.objective_status_dropped,
};

/** The three inputs of a plan, as the matrix and the objective form name them. */
export const planInputLabel: Record<PlanInputKind, Label> = {
  COMPANY_OBJECTIVES: m.plan_company_objectives,
  CLIENT_NEEDS: m.plan_client_needs,
  MARKET_OPPORTUNITIES: m.plan_market_opportunities,
};

/** Short names of the three inputs, for the matrix's column heads. */
export const planInputShort: Record<PlanInputKind, Label> = {
  COMPANY_OBJECTIVES: m.plan_input_company_short,
  CLIENT_NEEDS: m.plan_input_client_short,
  MARKET_OPPORTUNITIES: m.plan_input_market_short,
};
