import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDB } from './db';
import { alreadyApplied } from './deliver';
import { BACKOFF_MAX_MS, Outbox, targetsOf } from './outbox.svelte';
import { FakeApi } from './testing/fake-api';
import type { OutboxEntry } from './types';

const ALBA = 'QWNjb3VudDox';
const NORTE = 'QWNjb3VudDoy';
const ANA = 'VXNlcjphbmE=';

interface StoredProfile {
  version: number;
  texts: Record<string, string>;
}

/** The fake API, plus versioned profiles answered the way the real server does. */
class ProfileApi extends FakeApi {
  profiles = new Map<string, StoredProfile>();
  /** The next profile write is done, and its answer lost. */
  loseNextProfileAnswer = false;

  profile(accountId: string): StoredProfile {
    let stored = this.profiles.get(accountId);
    if (!stored) {
      stored = { version: 0, texts: {} };
      this.profiles.set(accountId, stored);
    }
    return stored;
  }

  override async fetch(body: string): Promise<Response> {
    const { operationName, variables } = JSON.parse(body) as {
      operationName: string;
      variables: { accountId: string; input: Record<string, unknown> };
    };
    if (operationName !== 'OutboxUpdateAccountProfile') return super.fetch(body);
    if (this.mode === 'down') throw new TypeError('Failed to fetch');
    this.received.push({ operation: operationName, variables });
    const answer = this.#update(variables.accountId, variables.input);
    if (this.loseNextProfileAnswer) {
      this.loseNextProfileAnswer = false;
      throw new TypeError('Network connection lost');
    }
    return new Response(JSON.stringify({ data: { updateAccountProfile: answer } }), {
      headers: { 'content-type': 'application/json' },
    });
  }

  #update(accountId: string, input: Record<string, unknown>): unknown {
    const stored = this.profile(accountId);
    const view = () => ({
      __typename: 'AccountProfile',
      id: accountId,
      version: stored.version,
      historyText: stored.texts.history ?? '',
      ...Object.fromEntries(Object.entries(stored.texts).filter(([key]) => key !== 'history')),
    });
    if (input.expectedVersion !== stored.version) {
      return {
        __typename: 'ConflictError',
        code: 'CONFLICT',
        message: 'Someone changed it first.',
        currentVersion: stored.version,
        current: view(),
      };
    }
    for (const [key, value] of Object.entries(input)) {
      if (key !== 'expectedVersion' && typeof value === 'string') stored.texts[key] = value;
    }
    stored.version++;
    return {
      __typename: 'UpdateAccountProfileSuccess',
      data: { __typename: 'AccountProfile', id: accountId, version: stored.version, updatedAt: null },
    };
  }
}

let clock: number;
let api: ProfileApi;
let online: boolean;

beforeEach(async () => {
  await closeDB();
  globalThis.indexedDB = new IDBFactory();
  clock = Date.parse('2026-12-08T10:00:00.000Z');
  api = new ProfileApi();
  api.now = () => clock;
  online = true;
});

afterEach(async () => {
  await closeDB();
});

function makeOutbox(): Outbox {
  let ids = 0;
  return new Outbox({
    client: () => api.client(),
    currentUser: async () => ANA,
    now: () => clock,
    random: () => 0.5,
    online: () => online,
    channelName: null,
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
  });
}

const write = (accountId: string, input: Record<string, unknown>) => ({ accountId, input });

describe('outbox: client profile', () => {
  it('sends sections edited offline one after the other, each over the version the one before produced', async () => {
    api.profile(ALBA).version = 3;
    online = false;
    const outbox = makeOutbox();
    await outbox.enqueue('updateAccountProfile', write(ALBA, { expectedVersion: 3, vision: 'Líder' }), {
      label: 'Alba: Visión',
      accountId: ALBA,
    });
    await outbox.enqueue('updateAccountProfile', write(ALBA, { expectedVersion: 3, fears: 'Rotura' }), {
      label: 'Alba: Miedos',
      accountId: ALBA,
    });
    // Another account's profile, made over the same version number: left alone by the re-base.
    api.profile(NORTE).version = 3;
    await outbox.enqueue('updateAccountProfile', write(NORTE, { expectedVersion: 3, mission: 'M' }), {
      label: 'Norte: Misión',
      accountId: NORTE,
    });
    expect(api.received).toHaveLength(0);
    online = true;
    await outbox.sync();
    expect(outbox.pendingCount).toBe(0);
    expect(api.profile(ALBA)).toEqual({ version: 5, texts: { vision: 'Líder', fears: 'Rotura' } });
    expect(api.profile(NORTE)).toEqual({ version: 4, texts: { mission: 'M' } });
    expect(
      api.received.map((r) => (r.variables.input as { expectedVersion: number }).expectedVersion),
    ).toEqual([3, 4, 3]);
  });

  it('a stale write is a conflict holding the server’s sections; keeping some sections sends only those', async () => {
    const stored = api.profile(ALBA);
    stored.version = 2;
    stored.texts = { vision: 'La suya', fears: 'Sus miedos', history: 'Desde 1998' };
    const outbox = makeOutbox();
    await outbox.enqueue(
      'updateAccountProfile',
      write(ALBA, { expectedVersion: 1, vision: 'La mía', fears: 'Mis miedos', history: 'Desde 1999' }),
      { label: 'Alba', accountId: ALBA },
    );
    await outbox.sync();
    const [entry] = outbox.entries;
    expect(entry).toMatchObject({
      state: 'conflict',
      conflict: { currentVersion: 2, current: { vision: 'La suya', historyText: 'Desde 1998' } },
    });
    await outbox.keepMine(entry?.id ?? '', ['vision', 'history']);
    await outbox.sync();
    expect(outbox.pendingCount).toBe(0);
    expect(api.profile(ALBA)).toEqual({
      version: 3,
      texts: { vision: 'La mía', fears: 'Sus miedos', history: 'Desde 1999' },
    });
    expect(api.received.at(-1)?.variables.input).toEqual({
      expectedVersion: 2,
      vision: 'La mía',
      history: 'Desde 1999',
    });
  });

  it('taking theirs for every section drops the write', async () => {
    api.profile(ALBA).version = 2;
    const outbox = makeOutbox();
    await outbox.enqueue('updateAccountProfile', write(ALBA, { expectedVersion: 1, vision: 'La mía' }), {
      label: 'Alba',
      accountId: ALBA,
    });
    await outbox.sync();
    expect(outbox.entries[0]?.state).toBe('conflict');
    await outbox.keepMine(outbox.entries[0]?.id ?? '', []);
    expect(outbox.pendingCount).toBe(0);
    expect(api.received).toHaveLength(1);
  });

  it('a write whose answer was lost is stored once: the retry finds it there and counts as applied', async () => {
    api.profile(ALBA).version = 1;
    const outbox = makeOutbox();
    api.loseNextProfileAnswer = true;
    await outbox.enqueue(
      'updateAccountProfile',
      write(ALBA, { expectedVersion: 1, threats: 'Marca blanca' }),
      {
        label: 'Alba',
        accountId: ALBA,
      },
    );
    await outbox.sync();
    expect(outbox.pendingCount).toBe(1);
    expect(api.profile(ALBA).version).toBe(2);
    clock += BACKOFF_MAX_MS;
    await outbox.sync();
    expect(outbox.pendingCount).toBe(0);
    expect(api.profile(ALBA)).toEqual({ version: 2, texts: { threats: 'Marca blanca' } });
  });

  it('tells a retry from a real conflict, section by section', () => {
    const entry = {
      id: 'e',
      kind: 'updateAccountProfile',
      variables: write(ALBA, { expectedVersion: 1, vision: 'V', history: '' }),
      label: '',
      createdAt: '',
      attempts: 0,
      nextAttemptAt: '',
      state: 'pending',
    } satisfies OutboxEntry;
    expect(alreadyApplied(entry, { vision: 'V', historyText: '' })).toBe(true);
    expect(alreadyApplied(entry, { vision: 'V', historyText: 'otra' })).toBe(false);
    expect(alreadyApplied(entry, { vision: 'V ', historyText: '' })).toBe(false);
    // One account's profile writes wait for each other; another account's go on.
    expect(targetsOf(entry)).toEqual([`profile:${ALBA}`]);
    expect(targetsOf({ ...entry, variables: write(NORTE, {}) })).toEqual([`profile:${NORTE}`]);
  });
});
