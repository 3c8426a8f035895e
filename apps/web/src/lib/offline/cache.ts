// Reads that survive a dead network: each screen's last good answer is kept in IndexedDB with the
// time it was fetched, and shown (with its age) when the network fails.
import { type CacheRecord, getDB } from './db';

export interface CachedResult<T> {
  data: T;
  savedAt: Date;
  fromCache: boolean;
}

/**
 * Network first: runs the read and stores its answer under `key`. Offline (navigator.onLine false)
 * or when the read fails for lack of network, answers the last stored copy with its time instead.
 * Throws the read's own error when it failed for another reason (e.g. the session ended), or when
 * there is no stored copy.
 */
export async function cachedQuery<T>(key: string, run: () => Promise<T>): Promise<CachedResult<T>> {
  if (isOffline()) {
    const stored = await readCached<T>(key);
    if (stored) return stored;
  }
  let data: T;
  try {
    data = await run();
  } catch (error) {
    if (!isNetworkFailure(error)) throw error;
    const stored = await readCached<T>(key).catch(() => null);
    if (stored) return stored;
    throw error;
  }
  const savedAt = new Date();
  try {
    const db = await getDB();
    await db.put('cache', { key, data, savedAt: savedAt.toISOString() } satisfies CacheRecord);
  } catch {
    // A full or unavailable store costs the offline copy, not the answer in hand.
  }
  return { data, savedAt, fromCache: false };
}

/** The stored copy for `key`, if any, without touching the network. */
export async function readCached<T>(key: string): Promise<CachedResult<T> | null> {
  const db = await getDB();
  const record = await db.get('cache', key);
  return record ? { data: record.data as T, savedAt: new Date(record.savedAt), fromCache: true } : null;
}

/**
 * Forgets every stored read (on sign-out, so the next user of the device sees nothing of this one).
 * The outbox is left alone: unsent writes are never dropped without the user's say.
 */
export async function clearCache(): Promise<void> {
  const db = await getDB();
  await db.clear('cache');
}

function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/**
 * Whether a failed read failed for lack of network, as opposed to an answer from the server. Knows
 * urql's CombinedError (networkError, or a 5xx/timeout status), fetch's TypeError, abort/timeout
 * DOMExceptions, and errors that say so through `failure: 'network'` or wrap one in `cause`.
 */
export function isNetworkFailure(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const e = error as {
    name?: string;
    failure?: unknown;
    networkError?: unknown;
    response?: { status?: number };
    cause?: unknown;
  };
  if (e.failure === 'network') return true;
  if (e.failure === 'unauthenticated' || e.failure === 'unexpected')
    return isNetworkFailure(e.cause, depth + 1);
  if (e.networkError) return true;
  const status = e.response?.status;
  if (typeof status === 'number' && (status >= 500 || status === 408)) return true;
  if (error instanceof TypeError) return true;
  if (e.name === 'NetworkError' || e.name === 'AbortError' || e.name === 'TimeoutError') return true;
  return isNetworkFailure(e.cause, depth + 1);
}
