// The rules of the sync engine that need no state: backoff, ordering, what a write touches, locking.
import type { OutboxEntry } from './types';

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 5 * 60_000;

/**
 * How long to wait after the n-th failed delivery: doubling from 1 s up to 5 min, with "equal
 * jitter" (half fixed, half random) so that phones coming back online together do not all retry in
 * the same instant, while the wait still grows with every failure.
 */
export function backoffDelay(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export const LOCK_NAME = 'clave-outbox';
export const CHANNEL_NAME = 'clave-outbox';

/** Without Web Locks (old browsers, Node), passes of this page at least never overlap. */
let localLockTail: Promise<unknown> = Promise.resolve();
export function defaultLock<T>(run: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (locks?.request) return locks.request(LOCK_NAME, run) as Promise<T>;
  const result = localLockTail.then(run, run);
  localLockTail = result.catch(() => undefined);
  return result;
}

export function byAge(a: OutboxEntry, b: OutboxEntry): number {
  return a.createdAt < b.createdAt
    ? -1
    : a.createdAt > b.createdAt
      ? 1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0;
}

/**
 * What an entry writes to. A later write to the same thing waits while an earlier one is in conflict
 * or backing off, so the server sees them in the order they were made; writes to other things go on.
 */
export function targetsOf(entry: OutboxEntry): string[] {
  const vars = entry.variables as {
    id?: unknown;
    input?: { measurements?: { kpiDefinitionId?: unknown }[] };
  };
  switch (entry.kind) {
    case 'updatePlanAction':
      return [`action:${String(vars.id)}`];
    case 'createPlanAction':
      return [`new-action:${entry.id}`];
    case 'updateStakeholder':
      return [`stakeholder:${String(vars.id)}`];
    case 'createStakeholder':
      return [`new-stakeholder:${entry.id}`];
    case 'createResourceRequest':
      return [`request:${entry.id}`];
    case 'updateAccountProfile':
      return [`profile:${String((entry.variables as { accountId?: unknown }).accountId)}`];
    case 'recordKpiMeasurements':
      return [...new Set((vars.input?.measurements ?? []).map((m) => `kpi:${String(m.kpiDefinitionId)}`))];
    default:
      return [`visit:${entry.id}`];
  }
}
