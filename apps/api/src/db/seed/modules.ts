import type { EntityManager } from '@mikro-orm/core';
import type { Account } from '../../modules/accounts/account.entity.js';
import { seedMonthlyRevenue } from '../../modules/accounts/revenue.seed.js';
import { seedCompany } from '../../modules/company/company.seed.js';
import { seedKpis } from '../../modules/kpis/kpi.seed.js';
import { seedOpportunities } from '../../modules/opportunities/opportunity.seed.js';
import { seedPlanLinks, seedPlans } from '../../modules/plans/plan.seed.js';
import { seedProfiles } from '../../modules/profiles/profile.seed.js';
import { seedResourceRequests } from '../../modules/resources/resource-request.seed.js';
import { seedStakeholders } from '../../modules/stakeholders/stakeholder.seed.js';
import type { User } from '../../modules/users/user.entity.js';
import { seedVisits } from '../../modules/visits/visit.seed.js';

/** What the core demo (users, teams, accounts, revenue) hands to each module's demo seed. */
export interface DemoContext {
  /** Demo users by email, e.g. `users.get('ana@clave.dev')`. */
  readonly users: ReadonlyMap<string, User>;
  /** Demo accounts by name, e.g. `accounts.get('Supermercados Alba')`. */
  readonly accounts: ReadonlyMap<string, Account>;
  /** The day the demo is loaded; every demo date is relative to it. */
  readonly today: Date;
  /** Deterministic pseudo-random numbers in [0, 1). */
  readonly random: () => number;
}

export type ModuleSeed = (em: EntityManager, context: DemoContext) => Promise<void> | void;

/** Module demo seeds, run in this order inside the demo's transaction. */
export const MODULE_SEEDS: ModuleSeed[] = [
  seedPlans,
  seedKpis,
  seedProfiles,
  seedStakeholders,
  seedVisits,
  seedOpportunities,
  seedResourceRequests,
  // The plans' objectives to their KPIs and opportunities, once both exist (no random draws).
  seedPlanLinks,
  // After the others, so their random draws stay as they were; the company totals last, over the
  // yearly figures the monthly revenue completes.
  seedMonthlyRevenue,
  seedCompany,
];

/** mulberry32: a tiny, well-known deterministic generator; the demo needs repeatability, not crypto. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
