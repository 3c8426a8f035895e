import { STAKEHOLDER_ATTITUDES, STAKEHOLDER_INFLUENCES, STAKEHOLDER_ROLES } from '@clave/domain';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { timestamps } from '../../db/columns.js';
import { enumColumn } from '../../db/enum-column.js';
import { Account } from '../accounts/account.entity.js';

/** A person at the client. `reportsTo` points at another stakeholder of the same account. */
export const Stakeholder = defineEntity({
  name: 'Stakeholder',
  properties: {
    id: p.uuid().primary(),
    account: () => p.manyToOne(Account).index().deleteRule('cascade'),
    name: p.string().length(200),
    title: p.string().length(200).nullable(),
    decisionRole: enumColumn(STAKEHOLDER_ROLES),
    attitude: enumColumn(STAKEHOLDER_ATTITUDES),
    /** Weight in the decision, separate from the role; null when nobody assessed it. */
    influence: enumColumn(STAKEHOLDER_INFLUENCES).nullable(),
    reportsTo: () => p.manyToOne(Stakeholder).nullable().index().deleteRule('set null'),
    email: p.string().length(254).nullable(),
    phone: p.string().length(40).nullable(),
    archivedAt: p.datetime().nullable(),
    /**
     * SHA-256 of the creation input (with its author): a re-send of the same client-made id with
     * the same content is answered with the stored row. Null for rows made before (or by the seed).
     */
    contentHash: p.string().length(64).nullable(),
    version: p.integer().version(),
    ...timestamps(),
  },
});
export type Stakeholder = InferEntity<typeof Stakeholder>;
