import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { User } from '../users/user.entity.js';

/** Who changed what, when, with the state before and after; written in the change's transaction. */
export const AuditEntry = defineEntity({
  name: 'AuditEntry',
  indexes: [{ properties: ['entityType', 'entityId'] }],
  properties: {
    id: p.uuid().primary(),
    /** Null for the command line and system jobs. */
    actor: () => p.manyToOne(User).nullable().index(),
    at: p.datetime(),
    entityType: p.string().length(60),
    entityId: p.string().length(64),
    action: p.string().length(30),
    before: p.json<Record<string, unknown>>().nullable(),
    after: p.json<Record<string, unknown>>().nullable(),
  },
});
export type AuditEntry = InferEntity<typeof AuditEntry>;
