import type { StakeholderInfluence } from '@clave/domain';
import { m } from '$lib/paraglide/messages';

/** "Alta", "Media", "Baja": a stakeholder's weight in the decision. */
export const influenceLabel: Record<StakeholderInfluence, () => string> = {
  HIGH: m.stakeholder_influence_high,
  MEDIUM: m.stakeholder_influence_medium,
  LOW: m.stakeholder_influence_low,
};
