import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { User } from '../users/user.entity.js';

/** A signed-in browser. Only the SHA-256 of the cookie's token is stored. */
export const Session = defineEntity({
  name: 'Session',
  properties: {
    id: p.uuid().primary(),
    tokenHash: p.string().length(64).unique().hidden(),
    user: () => p.manyToOne(User).index().deleteRule('cascade'),
    createdAt: p.datetime(),
    lastSeenAt: p.datetime(),
    /** Absolute expiry; idle expiry is lastSeenAt + the configured idle time. */
    expiresAt: p.datetime(),
    userAgent: p.string().length(512).nullable(),
  },
});
export type Session = InferEntity<typeof Session>;

/**
 * Fixed-window counters kept in the database so that every API process sees the same limits.
 */
export const RateLimitBucket = defineEntity({
  name: 'RateLimitBucket',
  tableName: 'rate_limit_bucket',
  properties: {
    key: p.string().length(300).primary(),
    /** Epoch milliseconds: plain numbers compare the same way in every SQL dialect. */
    windowStartMs: p.bigint('number'),
    count: p.integer(),
  },
});
export type RateLimitBucket = InferEntity<typeof RateLimitBucket>;
