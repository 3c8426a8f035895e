import { createHash, randomBytes } from 'node:crypto';
import { createApiTokenInput, isTokenExpiryAllowed } from '@clave/domain';
import { Cursor, type EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { newId } from '../../db/ids.js';
import { ForbiddenError, NotFoundError, ValidationError, validate } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { viewerFor } from '../auth/auth.service.js';
import type { Scope, Viewer } from '../auth/viewer.js';
import { User } from '../users/user.entity.js';
import { ApiToken } from './token.entity.js';

/** Recognisable in logs and secret scanners; 256 random bits after the prefix. */
const TOKEN_PREFIX = 'clave_';
const hashToken = (secret: string) => createHash('sha256').update(secret).digest('hex');
/** Last use is recorded at most once a minute per token, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

function snapshot(token: ApiToken): Record<string, unknown> {
  return {
    name: token.name,
    prefix: token.prefix,
    scopes: token.scopes,
    expiresAt: token.expiresAt.toISOString(),
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}

/**
 * Creates a token for `userId` (a user creates tokens for themselves; the command line for
 * anyone). Returns the secret, which is never stored and cannot be shown again.
 */
export async function createApiToken(
  em: EntityManager,
  userId: string,
  input: unknown,
  actorId: string | null,
  now = new Date(),
): Promise<{ token: ApiToken; secret: string }> {
  const data = validate(createApiTokenInput, input);
  if (!isTokenExpiryAllowed(data.expiresAt, now)) throw ValidationError.field(['expiresAt'], 'tokenExpiry');
  const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return em.transactional(async (tx) => {
    const user = await tx.findOne(User, { id: userId, active: true });
    if (!user) throw new NotFoundError('User');
    const token = tx.create(ApiToken, {
      id: newId(),
      user,
      name: data.name,
      tokenHash: hashToken(secret),
      prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
      scopes: data.scopes,
      createdAt: now,
      expiresAt: new Date(data.expiresAt),
      revokedAt: null,
      lastUsedAt: null,
    });
    recordAudit(tx, {
      actorId,
      entityType: 'ApiToken',
      entityId: token.id,
      action: 'CREATE',
      after: snapshot(token),
    });
    return { token, secret };
  });
}

/** Tokens can only be managed from a signed-in session, never with a token. */
export function requireSessionViewer(scope: Scope): Viewer {
  const viewer = scope.viewer;
  if (viewer?.credential.kind !== 'session') throw new ForbiddenError();
  return viewer;
}

export async function createMyApiToken(scope: Scope, input: unknown) {
  const viewer = requireSessionViewer(scope);
  return createApiToken(scope.em, viewer.user.id, input, viewer.user.id);
}

export async function listMyApiTokens(scope: Scope): Promise<ApiToken[]> {
  const viewer = requireSessionViewer(scope);
  return scope.em.find(ApiToken, { user: viewer.user.id }, { orderBy: { createdAt: 'desc' } });
}

const tokenPageInput = z.object({
  first: z.number().int().min(1).max(100).nullish(),
  after: z.string().max(1000).nullish(),
  userId: z.uuid().nullish(),
});

/**
 * Everyone's tokens, newest first, for an admin signed in to the app (never with a token): who
 * holds which access, when it was last used, and when it ends. Never the secret or its hash.
 */
export async function listAllApiTokens(
  scope: Scope,
  request: { first?: number | null; after?: string | null; userId?: string | null },
): Promise<Cursor<ApiToken>> {
  const viewer = requireSessionViewer(scope);
  if (viewer.actor.role !== 'ADMIN') throw new ForbiddenError();
  const data = validate(tokenPageInput, request);
  if (data.after) {
    let valid = false;
    try {
      valid = Array.isArray(Cursor.decode(data.after));
    } catch {
      valid = false;
    }
    if (!valid) throw ValidationError.field(['after'], 'invalidInput');
  }
  return scope.em.findByCursor(ApiToken, data.userId ? { user: data.userId } : {}, {
    first: data.first ?? 20,
    after: data.after ?? undefined,
    orderBy: { createdAt: 'desc', id: 'desc' },
    includeCount: true,
    populate: ['user'],
  } as never);
}

/**
 * Revokes at once: the next request with the token is refused. Revoking twice is harmless. A
 * user revokes their own tokens; an admin anyone's (someone else's looks missing to the others).
 */
export async function revokeMyApiToken(scope: Scope, id: string): Promise<ApiToken> {
  const viewer = requireSessionViewer(scope);
  return scope.em.transactional(async (em) => {
    const token = await em.findOne(
      ApiToken,
      viewer.actor.role === 'ADMIN' ? { id } : { id, user: viewer.user.id },
    );
    if (!token) throw new NotFoundError('ApiToken');
    if (token.revokedAt) return token;
    const before = snapshot(token);
    token.revokedAt = new Date();
    recordAudit(em, {
      actorId: viewer.user.id,
      entityType: 'ApiToken',
      entityId: token.id,
      action: 'REVOKE',
      before,
      after: snapshot(token),
    });
    return token;
  });
}

/** The viewer a bearer token acts as, or null when it is unknown, expired or revoked. */
export async function resolveApiToken(
  em: EntityManager,
  secret: string,
  now = Date.now(),
): Promise<Viewer | null> {
  if (!secret.startsWith(TOKEN_PREFIX)) return null;
  const token = await em.findOne(ApiToken, { tokenHash: hashToken(secret) }, { populate: ['user'] });
  if (!token || token.revokedAt || token.expiresAt.getTime() <= now || !token.user.active) return null;
  if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await em.nativeUpdate(ApiToken, { id: token.id }, { lastUsedAt: new Date(now) });
  }
  return viewerFor(em, token.user, { kind: 'token', tokenId: token.id, scopes: token.scopes });
}
