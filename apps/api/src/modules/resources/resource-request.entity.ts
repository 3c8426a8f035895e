import { RESOURCE_KINDS, RESOURCE_REQUEST_STATUSES } from '@clave/domain';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { timestamps } from '../../db/columns.js';
import { enumColumn } from '../../db/enum-column.js';
import { Account } from '../accounts/account.entity.js';
import { Opportunity } from '../opportunities/opportunity.entity.js';
import { User } from '../users/user.entity.js';

/**
 * A KAM's request for company resources for one plan action or one opportunity of an account,
 * and the manager's decision on it.
 */
export const ResourceRequest = defineEntity({
  name: 'ResourceRequest',
  indexes: [{ properties: ['status', 'createdAt'] }],
  properties: {
    id: p.uuid().primary(),
    account: () => p.manyToOne(Account).index(),
    requestedBy: () => p.manyToOne(User).index(),
    kind: enumColumn(RESOURCE_KINDS),
    amount: p.decimal('number').precision(16).scale(2).nullable(),
    description: p.text(),
    /** The plan action the resources are for (the plans module's PlanAction id), or null. */
    planActionId: p.uuid().nullable().index(),
    /** The opportunity the resources are for, or null; exactly one of the two is set. */
    opportunity: () => p.manyToOne(Opportunity).nullable().index(),
    status: enumColumn(RESOURCE_REQUEST_STATUSES).index(),
    decidedBy: () => p.manyToOne(User).nullable().index(),
    decidedAt: p.datetime().nullable(),
    decisionReason: p.text().nullable(),
    /**
     * SHA-256 of the creation input (with its author): a re-send of the same client-made id with
     * the same content is answered with the stored row. Null for rows made before (or by the seed).
     */
    contentHash: p.string().length(64).nullable(),
    ...timestamps(),
    version: p.integer().version(),
  },
});
export type ResourceRequest = InferEntity<typeof ResourceRequest>;
