import { OPPORTUNITY_STAGES } from '@clave/domain';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { timestamps } from '../../db/columns.js';
import { enumColumn } from '../../db/enum-column.js';
import { Account } from '../accounts/account.entity.js';
import { User } from '../users/user.entity.js';

/** A win-win initiative with the client: what it is worth to each side, and how likely it is. */
export const Opportunity = defineEntity({
  name: 'Opportunity',
  properties: {
    id: p.uuid().primary(),
    account: () => p.manyToOne(Account).index(),
    title: p.string().length(200),
    description: p.text(),
    valueForUs: p.text(),
    valueForClient: p.text(),
    estimatedRevenue: p.decimal('number').precision(16).scale(2).nullable(),
    /** Whole percent, 0..100. */
    probability: p.integer(),
    stage: enumColumn(OPPORTUNITY_STAGES).index(),
    owner: () => p.manyToOne(User).index(),
    ...timestamps(),
    version: p.integer().version(),
  },
});
export type Opportunity = InferEntity<typeof Opportunity>;

/**
 * A plan action created from an opportunity. The plans module owns PlanAction, so the link lives
 * here, by id, instead of as a column on their table.
 */
export const OpportunityAction = defineEntity({
  name: 'OpportunityAction',
  uniques: [{ properties: ['opportunity', 'planActionId'] }],
  properties: {
    id: p.uuid().primary(),
    opportunity: () => p.manyToOne(Opportunity).deleteRule('cascade').index(),
    planActionId: p.uuid().index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type OpportunityAction = InferEntity<typeof OpportunityAction>;
