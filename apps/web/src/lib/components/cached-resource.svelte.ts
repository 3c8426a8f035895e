import type { CombinedError, OperationResult } from '@urql/core';
import { classifyError, type Failure } from '$lib/graphql/errors';
import { cachedQuery } from '$lib/offline/cache';

/** Thrown from a cached read so that the cache falls back to its stored copy on a network failure. */
export class QueryFailure extends Error {
  constructor(
    readonly failure: Failure,
    readonly graphqlError?: CombinedError,
  ) {
    super(failure);
  }
}

/** The data of an operation result, or a QueryFailure (so errors are never cached as data). */
export function unwrap<T>(result: OperationResult<T>): T {
  if (result.error) throw new QueryFailure(classifyError(result.error), result.error);
  if (!result.data) throw new QueryFailure('unexpected');
  return result.data;
}

/**
 * A screen's read: network first, else the copy saved on the device with its age. `reload()` runs
 * it again (after a write, or when the user asks).
 */
export class CachedResource<T> {
  data = $state.raw<T | null>(null);
  savedAt = $state<Date | null>(null);
  fromCache = $state(false);
  loading = $state(false);
  failure = $state<Failure | null>(null);

  #key: string;
  #run: () => Promise<T>;
  #generation = 0;

  constructor(key: string, run: () => Promise<T>) {
    this.#key = key;
    this.#run = run;
  }

  async load(): Promise<void> {
    const generation = ++this.#generation;
    this.loading = true;
    this.failure = null;
    try {
      const result = await cachedQuery(this.#key, this.#run);
      if (generation !== this.#generation) return;
      this.data = result.data;
      this.savedAt = result.savedAt;
      this.fromCache = result.fromCache;
    } catch (error) {
      if (generation !== this.#generation) return;
      this.failure = error instanceof QueryFailure ? error.failure : 'network';
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }
}
