import type { TokenScope } from '@clave/domain';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { User } from '../users/user.entity.js';

/** A third party's credential. The secret is shown once; only its SHA-256 is stored. */
export const ApiToken = defineEntity({
  name: 'ApiToken',
  properties: {
    id: p.uuid().primary(),
    user: () => p.manyToOne(User).index().deleteRule('cascade'),
    name: p.string().length(100),
    tokenHash: p.string().length(64).unique().hidden(),
    /** The first characters of the secret, so people can tell their tokens apart. */
    prefix: p.string().length(16),
    scopes: p.json<TokenScope[]>(),
    createdAt: p.datetime(),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    lastUsedAt: p.datetime().nullable(),
  },
});
export type ApiToken = InferEntity<typeof ApiToken>;
