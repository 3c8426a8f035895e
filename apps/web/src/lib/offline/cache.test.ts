import 'fake-indexeddb/auto';
import { CombinedError } from '@urql/core';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cachedQuery, clearCache, isNetworkFailure, readCached } from './cache';
import { closeDB, getDB } from './db';

beforeEach(async () => {
  await closeDB();
  globalThis.indexedDB = new IDBFactory();
});

afterEach(async () => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  await closeDB();
});

const offline = () => new CombinedError({ networkError: new TypeError('Failed to fetch') });

describe('cachedQuery', () => {
  it('answers from the network and keeps the answer with its time', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-27T08:00:00Z'), toFake: ['Date'] });
    const result = await cachedQuery('accounts', async () => ({ accounts: ['Alba'] }));
    expect(result).toEqual({
      data: { accounts: ['Alba'] },
      savedAt: new Date('2026-11-27T08:00:00Z'),
      fromCache: false,
    });
    expect(await readCached('accounts')).toMatchObject({ data: { accounts: ['Alba'] }, fromCache: true });
  });

  it('answers the last stored copy and its age when the network fails', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-27T08:00:00Z'), toFake: ['Date'] });
    await cachedQuery('accounts', async () => ['Alba']);
    vi.setSystemTime(new Date('2026-11-27T12:00:00Z'));

    const result = await cachedQuery('accounts', async () => {
      throw offline();
    });

    expect(result).toEqual({ data: ['Alba'], savedAt: new Date('2026-11-27T08:00:00Z'), fromCache: true });
  });

  it('does not touch the network when the device says it is offline', async () => {
    await cachedQuery('today', async () => 1);
    vi.stubGlobal('navigator', { onLine: false });
    const run = vi.fn(async () => 2);
    expect(await cachedQuery('today', run)).toMatchObject({ data: 1, fromCache: true });
    expect(run).not.toHaveBeenCalled();
  });

  it('throws the network failure when nothing is stored', async () => {
    const failure = offline();
    await expect(
      cachedQuery('never', async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
  });

  it('does not hide an answer from the server (e.g. an ended session) behind the stored copy', async () => {
    await cachedQuery('accounts', async () => ['Alba']);
    const unauthenticated = new CombinedError({
      graphQLErrors: [{ message: 'Please sign in', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    await expect(
      cachedQuery('accounts', async () => {
        throw unauthenticated;
      }),
    ).rejects.toBe(unauthenticated);
  });

  it('keeps one copy per key', async () => {
    await cachedQuery('a', async () => 'A');
    await cachedQuery('b', async () => 'B');
    await cachedQuery('a', async () => 'A2');
    expect((await readCached('a'))?.data).toBe('A2');
    expect((await readCached('b'))?.data).toBe('B');
  });
});

describe('clearCache', () => {
  it('forgets every stored read but never the unsent writes', async () => {
    await cachedQuery('accounts', async () => ['Alba']);
    const db = await getDB();
    await db.put('outbox', {
      id: 'w1',
      kind: 'logVisit',
      variables: {},
      label: 'Visit',
      createdAt: '2026-11-27T08:00:00.000Z',
      attempts: 0,
      nextAttemptAt: '2026-11-27T08:00:00.000Z',
      state: 'pending',
    });

    await clearCache();

    expect(await readCached('accounts')).toBeNull();
    expect(await db.count('outbox')).toBe(1);
  });
});

describe('isNetworkFailure', () => {
  it('tells a missing network from an answer of the server', () => {
    expect(isNetworkFailure(offline())).toBe(true);
    expect(isNetworkFailure(new TypeError('Failed to fetch'))).toBe(true);
    expect(isNetworkFailure({ failure: 'network' })).toBe(true);
    expect(
      isNetworkFailure({
        failure: 'unexpected',
        cause: new CombinedError({ graphQLErrors: ['x'], response: { status: 503 } }),
      }),
    ).toBe(true);
    expect(isNetworkFailure(new CombinedError({ graphQLErrors: ['Unexpected error.'] }))).toBe(false);
    expect(isNetworkFailure(new Error('boom'))).toBe(false);
  });
});
