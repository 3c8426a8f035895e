import { VISIT_KINDS } from '@clave/domain';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { enumColumn } from '../../db/enum-column.js';
import { Account } from '../accounts/account.entity.js';
import { Stakeholder } from '../stakeholders/stakeholder.entity.js';
import { User } from '../users/user.entity.js';

/** A next step as submitted with the visit (kept verbatim for the re-send comparison). */
export interface VisitNextStep {
  readonly title: string;
  readonly dueDate: string;
  readonly ownerId: string | null;
}

/**
 * A client visit. The primary key is the UUID the phone made, so a sync retried after a dropped
 * connection finds the stored visit instead of adding a second one.
 */
export const Visit = defineEntity({
  name: 'Visit',
  indexes: [
    // Covering for relationship health (acceptance of the recent visits) and the last visit.
    { properties: ['account', 'occurredAt', 'acceptance'] },
    { properties: ['kam', 'occurredAt'] },
  ],
  properties: {
    id: p.uuid().primary(),
    account: () => p.manyToOne(Account).deleteRule('cascade'),
    /** The author: the KAM (or manager) who logged it. */
    kam: () => p.manyToOne(User),
    occurredAt: p.datetime(),
    kind: enumColumn(VISIT_KINDS),
    purpose: p.string().length(300),
    notes: p.text(),
    outcomes: p.text(),
    acceptance: p.integer(),
    locationLat: p.double().nullable(),
    locationLng: p.double().nullable(),
    locationLabel: p.string().length(200).nullable(),
    stakeholders: () =>
      p
        .manyToMany(Stakeholder)
        .pivotEntity(() => VisitStakeholder)
        .owner(),
    nextSteps: p.json<VisitNextStep[]>(),
    /** Ids of the plan actions the next steps created, in the order of `nextSteps`. */
    createdActionIds: p.json<string[]>(),
    /** sha256 of the normalised input: a re-send with the same meaning has the same hash. */
    contentHash: p.string().length(64),
    createdAt: p.datetime(),
  },
});
export type Visit = InferEntity<typeof Visit>;

/**
 * Who was met in which visit. Declared as an entity only to index the stakeholder side: a
 * stakeholder's last contact is looked up from it.
 */
export const VisitStakeholder = defineEntity({
  name: 'VisitStakeholder',
  tableName: 'visit_stakeholder',
  properties: {
    visit: () => p.manyToOne(Visit).primary().deleteRule('cascade'),
    stakeholder: () => p.manyToOne(Stakeholder).primary().index().deleteRule('cascade'),
  },
});
export type VisitStakeholder = InferEntity<typeof VisitStakeholder>;
