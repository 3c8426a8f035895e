import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { User } from '../users/user.entity.js';

/** Who changed what, when, with the state before and after; written in the change's transaction. */
export const AuditEntry = defineEntity({
  name: 'AuditEntry',
  indexes: [
    { properties: ['entityType', 'entityId'] },
    // The audit log and the histories read newest first, per account or overall.
    { properties: ['accountId', 'at'] },
    { properties: ['at'] },
  ],
  properties: {
    id: p.uuid().primary(),
    /** Null for the command line and system jobs. */
    actor: () => p.manyToOne(User).nullable().index(),
    at: p.datetime(),
    entityType: p.string().length(60),
    entityId: p.string().length(64),
    action: p.string().length(30),
    /**
     * The account the change belongs to (no foreign key: the entry outlives what it describes),
     * null for changes outside any account (users, tokens, webhooks, company settings). Readers of
     * the audit are authorized through it, under the account's rules.
     */
    accountId: p.string().length(64).nullable(),
    before: p.json<Record<string, unknown>>().nullable(),
    after: p.json<Record<string, unknown>>().nullable(),
  },
});
export type AuditEntry = InferEntity<typeof AuditEntry>;
