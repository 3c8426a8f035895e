import { createHash, randomBytes } from 'node:crypto';
import { type Actor, loginInput } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import type { Config } from '../../config.js';
import { newId } from '../../db/ids.js';
import { dateOf, rows } from '../../db/rows.js';
import { InvalidCredentialsError, RateLimitedError, validate } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { User } from '../users/user.entity.js';
import { actorsOf } from '../users/user.service.js';
import { decoyHash, verifyPassword } from './passwords.js';
import * as rateLimit from './rate-limit.js';
import { Session } from './session.entity.js';
import type { Viewer } from './viewer.js';

/** 256 random bits; only their SHA-256 is stored, so a database leak yields no usable session. */
const newSessionToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Sessions are touched at most once a minute, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

export interface LoginAttempt {
  readonly email: unknown;
  readonly password: unknown;
  readonly clientIp: string;
  readonly userAgent: string | null;
}

/**
 * Checks credentials and opens a session. Every failure is the same InvalidCredentialsError (no
 * account enumeration); repeated failures per email and per client address are rate limited.
 */
export async function login(
  em: EntityManager,
  config: Config,
  attempt: LoginAttempt,
): Promise<{ user: User; token: string; expiresAt: Date }> {
  const { email, password } = validate(loginInput, { email: attempt.email, password: attempt.password });
  const { maxFailures, windowMs } = config.login;
  const keys = [`login:email:${email}`, `login:ip:${attempt.clientIp}`];
  const limits = [maxFailures, maxFailures * 4];
  for (const [i, key] of keys.entries()) {
    const wait = await rateLimit.retryAfterSeconds(em, key, limits[i] ?? maxFailures, windowMs);
    if (wait > 0) throw new RateLimitedError(wait);
  }

  const user = await em.findOne(User, { email }, { populate: ['passwordHash'] });
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
  if (!user || !ok || !user.active) {
    for (const key of keys) await rateLimit.hit(em, key, windowMs);
    throw new InvalidCredentialsError();
  }
  await rateLimit.reset(em, keys[0] as string);

  const token = newSessionToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + config.session.absoluteMs);
  await em.transactional(async (tx) => {
    tx.create(Session, {
      id: newId(),
      tokenHash: hashToken(token),
      user,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      userAgent: attempt.userAgent?.slice(0, 512) ?? null,
    });
    recordAudit(tx, { actorId: user.id, entityType: 'Session', entityId: user.id, action: 'LOGIN' });
  });
  return { user, token, expiresAt };
}

/** The viewer a session token belongs to, or null when unknown, expired or idle for too long. */
export async function resolveSession(
  em: EntityManager,
  config: Config,
  token: string,
): Promise<Viewer | null> {
  // Every request with a cookie comes through here: one plain statement, the user mapped into the
  // request's identity map (never its password hash), instead of a query built by the ORM.
  const [row] = await rows<Record<string, unknown>>(
    em,
    `select s.id as session_id, s.expires_at as session_expires_at, s.last_seen_at as session_last_seen_at,
            u.id, u.email, u.name, u.role, u.team_id, u.active, u.created_at, u.updated_at
       from session s join app_user u on u.id = s.user_id where s.token_hash = ?`,
    [hashToken(token)],
  );
  if (!row) return null;
  const {
    session_id: sessionId,
    session_expires_at: expiresAt,
    session_last_seen_at: lastSeenAt,
    ...userRow
  } = row;
  const sessionIdText = String(sessionId);
  const user = em.map(User, userRow);
  const now = Date.now();
  const lastSeen = dateOf(lastSeenAt).getTime();
  const idleExpired = lastSeen + config.session.idleMs <= now;
  if (dateOf(expiresAt).getTime() <= now || idleExpired || !user.active) {
    await em.nativeDelete(Session, { id: sessionIdText });
    return null;
  }
  if (now - lastSeen > TOUCH_INTERVAL_MS) {
    await em.nativeUpdate(Session, { id: sessionIdText }, { lastSeenAt: new Date(now) });
  }
  return viewerFor(em, user, { kind: 'session', sessionId: sessionIdText });
}

export async function viewerFor(
  em: EntityManager,
  user: User,
  credential: Viewer['credential'],
): Promise<Viewer> {
  const actor = (await actorsOf(em, [user])).get(user.id) as Actor;
  return { user, credential, teamId: user.team?.id ?? null, actor };
}

export async function logout(em: EntityManager, viewer: Viewer): Promise<void> {
  const { credential } = viewer;
  if (credential.kind !== 'session') return;
  await em.transactional(async (tx) => {
    await tx.nativeDelete(Session, { id: credential.sessionId });
    recordAudit(tx, {
      actorId: viewer.user.id,
      entityType: 'Session',
      entityId: viewer.user.id,
      action: 'LOGOUT',
    });
  });
}
