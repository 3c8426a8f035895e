import { setTimeout as sleep } from 'node:timers/promises';
import { type TransactionOptions, Utils, wrap } from '@mikro-orm/core';
import { SqlEntityManager } from '@mikro-orm/knex';
import { ConflictError } from '../errors.js';
import { currentLogger } from '../http/logging.js';

/**
 * How often a transaction that lost a race with another writer is tried in all. SQLite waits
 * `busy_timeout` for a lock before it reports SQLITE_BUSY, so few attempts are enough.
 */
export const TRANSACTION_ATTEMPTS = 4;
const BASE_DELAY_MS = 10;
const MAX_DELAY_MS = 200;

/**
 * Failures that say "another transaction got in the way, try again": nothing of ours was written
 * (the database rolled the transaction back) and the same work may well succeed a moment later.
 * - SQLite: SQLITE_BUSY (a lock was still held after busy_timeout) and SQLITE_BUSY_SNAPSHOT (in WAL
 *   mode, a read transaction cannot become a write one after another connection committed).
 * - PostgreSQL: 40001 serialization_failure and 40P01 deadlock_detected.
 * Constraint violations, validation and everything else are final and are not retried.
 */
const RETRYABLE_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_BUSY_RECOVERY',
  '40001',
  '40P01',
]);

export function isRetryableTransactionError(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, sqlState } = e as { code?: unknown; sqlState?: unknown };
    if (typeof code === 'string' && RETRYABLE_CODES.has(code)) return true;
    if (typeof sqlState === 'string' && RETRYABLE_CODES.has(sqlState)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Exponential backoff with full jitter, so two losers of the same race do not collide again. */
export function retryDelayMs(attempt: number): number {
  return Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
}

/**
 * The EntityManager every request and command gets (configured in orm.ts): its `transactional`
 * re-runs a top-level transaction that failed with a retryable error, up to TRANSACTION_ATTEMPTS
 * times in all. This is the one place where retries happen.
 *
 * Why a re-run is safe here:
 * - the database rolled the failed attempt back, so nothing of it is stored;
 * - the entity manager is cleared before the next attempt, so no entity carries changes (or a
 *   "this was already inserted" mark) from the failed attempt into the next one, and the callback
 *   loads fresh rows. Service callbacks load what they change through the transaction's `em`
 *   (never through entities captured from outside), which the codebase's services all do;
 * - nested transactions (savepoints) are never retried on their own: the outer one is, whole.
 */
export class RetryingEntityManager extends SqlEntityManager {
  override async transactional<T>(
    cb: (em: this) => T | Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    const em = this.getContext(false);
    if (options.ctx || em.isInTransaction()) return super.transactional(cb, options);
    for (let attempt = 1; ; attempt++) {
      try {
        // MikroORM writes into the options it is given; each attempt gets its own copy.
        return await super.transactional(cb, { ...options });
      } catch (error) {
        if (error instanceof ConflictError) throw await withCurrentReloaded(this, error);
        if (attempt >= TRANSACTION_ATTEMPTS || !isRetryableTransactionError(error)) throw error;
        em.clear();
        const delay = retryDelayMs(attempt);
        currentLogger()?.warn(
          { attempt, delayMs: Math.round(delay), code: (error as { code?: string }).code },
          'transaction lost a race with another writer; retrying',
        );
        await sleep(delay);
      }
    }
  }
}

/**
 * A conflict found inside a transaction carries the object as that transaction read it; once the
 * transaction is over its relations (e.g. `current { owner { name } }`) can no longer be loaded
 * through it. The client needs the object as it is now, so it is read again in a fork of its own.
 */
async function withCurrentReloaded(em: SqlEntityManager, error: ConflictError): Promise<ConflictError> {
  if (!Utils.isEntity(error.current)) return error;
  const stale = wrap(error.current, true);
  const current = (await em
    .fork()
    .findOne(stale.__meta.class, stale.getPrimaryKey() as object, { refresh: true })) as {
    version?: number;
  } | null;
  if (!current) return error;
  return new ConflictError(error.entity, current, current.version ?? error.currentVersion);
}
