import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDB, getDB } from './db';
import { alreadyApplied } from './deliver';
import { BACKOFF_MAX_MS, backoffDelay, Outbox, type OutboxOptions, targetsOf } from './outbox.svelte';
import { FakeApi } from './testing/fake-api';

const ACCOUNT = 'QWNjb3VudDox';
let clock: number;
let api: FakeApi;
let online: boolean;
let ids: number;

beforeEach(async () => {
  await closeDB();
  globalThis.indexedDB = new IDBFactory();
  clock = Date.parse('2026-11-27T10:00:00.000Z');
  api = new FakeApi();
  api.now = () => clock;
  online = true;
  ids = 0;
  deviceUser = ANA;
});

afterEach(async () => {
  vi.useRealTimers();
  await closeDB();
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

const ANA = 'VXNlcjphbmE=';
const LUIS = 'VXNlcjpsdWlz';
/** The user signed in on the device, as the app last loaded it. */
let deviceUser: string | null | undefined;

function makeOutbox(options: OutboxOptions = {}): Outbox {
  return new Outbox({
    client: () => api.client(),
    currentUser: async () => deviceUser,
    now: () => clock,
    random: () => 0.5,
    online: () => online,
    channelName: null,
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    ...options,
  });
}

function visit(id: string, overrides: Record<string, unknown> = {}) {
  return {
    input: {
      id,
      accountId: ACCOUNT,
      kind: 'IN_PERSON',
      occurredAt: '2026-11-27T09:30:00+01:00',
      purpose: 'Quarterly review',
      acceptance: 4,
      ...overrides,
    },
  };
}

const VISIT_1 = '11111111-1111-4111-8111-111111111111';
const VISIT_2 = '22222222-2222-4222-8222-222222222222';

async function stored() {
  return (await getDB()).getAll('outbox');
}

describe('outbox', () => {
  it('stores a write on the device before enqueue resolves, and a reopened app finds it', async () => {
    online = false;
    const outbox = makeOutbox();
    const entry = await outbox.enqueue('logVisit', visit(VISIT_1), {
      label: 'Visit to Alba',
      accountId: ACCOUNT,
    });

    expect(entry).toMatchObject({
      id: VISIT_1,
      kind: 'logVisit',
      state: 'pending',
      attempts: 0,
      accountId: ACCOUNT,
    });
    expect(await stored()).toEqual([entry]);
    expect(outbox.pendingCount).toBe(1);

    const reopened = makeOutbox();
    await reopened.load();
    expect(reopened.entries).toEqual([entry]);
    expect(api.received).toHaveLength(0);
  });

  it('gives a visit the outbox id as its own id when the form made none', async () => {
    online = false;
    const entry = await makeOutbox().enqueue(
      'logVisit',
      { input: { ...visit('x').input, id: undefined } },
      { label: 'v' },
    );
    expect((entry.variables.input as { id: string }).id).toBe(entry.id);
  });

  it('stores a double-tapped write once', async () => {
    online = false;
    const outbox = makeOutbox();
    await outbox.enqueue('logVisit', visit(VISIT_1), { label: 'v' });
    await outbox.enqueue('logVisit', visit(VISIT_1), { label: 'v' });
    expect(await stored()).toHaveLength(1);
  });

  it('removes a write once the server accepts it, and tells listeners', async () => {
    const outbox = makeOutbox();
    const applied: string[] = [];
    outbox.onApplied((entry) => applied.push(entry.id));
    online = false;
    await outbox.enqueue('logVisit', visit(VISIT_1), { label: 'v' });
    online = true;

    await outbox.sync();

    expect(await stored()).toEqual([]);
    expect(outbox.entries).toEqual([]);
    expect(outbox.pendingCount).toBe(0);
    expect(api.visits.has(VISIT_1)).toBe(true);
    expect(applied).toEqual([VISIT_1]);
  });

  it('keeps a rejected write with the server message and issues, and sends the next ones anyway', async () => {
    online = false;
    const outbox = makeOutbox();
    await outbox.enqueue('logVisit', visit(VISIT_1, { acceptance: 9 }), { label: 'bad' });
    await outbox.enqueue('logVisit', visit(VISIT_2), { label: 'good' });
    online = true;

    await outbox.sync();

    expect(outbox.entries).toHaveLength(1);
    expect(outbox.entries[0]).toMatchObject({
      id: VISIT_1,
      state: 'rejected',
      error: {
        message: 'The visit has errors.',
        code: 'VALIDATION',
        issues: [{ path: ['input', 'acceptance'], message: 'Acceptance goes from 1 to 5.' }],
      },
    });
    expect(api.visits.has(VISIT_2)).toBe(true);

    // A rejected write stays until the user drops it; later passes do not send it again.
    const sent = api.received.length;
    await outbox.sync();
    expect(api.received).toHaveLength(sent);
    await outbox.discard(VISIT_1);
    expect(await stored()).toEqual([]);
  });

  it('keeps a write the server answers NotFound as rejected', async () => {
    const outbox = makeOutbox();
    await outbox.enqueue(
      'updatePlanAction',
      { id: 'missing', input: { expectedVersion: 1, status: 'DONE' } },
      { label: 'a' },
    );
    await outbox.sync();
    expect(outbox.entries[0]).toMatchObject({ state: 'rejected', error: { code: 'NOT_FOUND' } });
  });

  it('marks a stale action update as a conflict with the server version, goes on, and keepMine sends it over that version', async () => {
    api.addAction({ id: 'A1', version: 3, status: 'IN_PROGRESS', progress: 40 });
    online = false;
    const outbox = makeOutbox();
    const update = await outbox.enqueue(
      'updatePlanAction',
      { id: 'A1', input: { expectedVersion: 2, progress: 60, note: 'Listing agreed' } },
      { label: 'Update action' },
    );
    await outbox.enqueue('logVisit', visit(VISIT_1), { label: 'v' });
    online = true;

    await outbox.sync();

    expect(outbox.entries).toHaveLength(1);
    expect(outbox.entries[0]).toMatchObject({
      id: update.id,
      state: 'conflict',
      conflict: { currentVersion: 3, current: { id: 'A1', progress: 40, status: 'IN_PROGRESS' } },
    });
    expect(api.visits.has(VISIT_1)).toBe(true);
    expect(api.actions.get('A1')?.progress).toBe(40);

    await outbox.keepMine(update.id);
    await outbox.sync();

    expect(await stored()).toEqual([]);
    expect(api.actions.get('A1')).toMatchObject({ progress: 60, version: 4 });
    expect(api.received.at(-1)?.variables).toMatchObject({ input: { expectedVersion: 3 } });
  });

  it('keepMine on a visit whose id the server holds with other content sends it as a new visit', async () => {
    api.visits.set(VISIT_1, { uuid: VISIT_1, content: 'other', purpose: 'Other', acceptance: 2 });
    const outbox = makeOutbox();
    await outbox.enqueue('logVisit', visit(VISIT_1), { label: 'v' });
    await outbox.sync();
    expect(outbox.entries[0]).toMatchObject({
      state: 'conflict',
      conflict: { current: { purpose: 'Other' } },
    });

    await outbox.keepMine(VISIT_1);
    await outbox.sync();

    expect(await stored()).toEqual([]);
    expect(api.visits.size).toBe(2);
    expect(api.visits.get(VISIT_1)?.purpose).toBe('Other');
  });

  it('holds later updates of an action in conflict, but not writes to other things', async () => {
    api.addAction({ id: 'A1', version: 3 });
    api.addAction({ id: 'A2', version: 1 });
    const outbox = makeOutbox();
    online = false;
    await outbox.enqueue(
      'updatePlanAction',
      { id: 'A1', input: { expectedVersion: 2, progress: 10 } },
      { label: '1' },
    );
    await outbox.enqueue(
      'updatePlanAction',
      { id: 'A1', input: { expectedVersion: 2, progress: 20 } },
      { label: '2' },
    );
    await outbox.enqueue(
      'updatePlanAction',
      { id: 'A2', input: { expectedVersion: 1, progress: 30 } },
      { label: '3' },
    );
    online = true;

    await outbox.sync();

    expect(outbox.entries.map((e) => [e.label, e.state])).toEqual([
      ['1', 'conflict'],
      ['2', 'pending'],
    ]);
    expect(api.actions.get('A2')?.progress).toBe(30);
  });

  it('bases a second update of the same action on the version the first one produced', async () => {
    api.addAction({ id: 'A1', version: 1 });
    online = false;
    const outbox = makeOutbox();
    await outbox.enqueue(
      'updatePlanAction',
      { id: 'A1', input: { expectedVersion: 1, status: 'IN_PROGRESS' } },
      { label: '1' },
    );
    await outbox.enqueue(
      'updatePlanAction',
      { id: 'A1', input: { expectedVersion: 1, progress: 50 } },
      { label: '2' },
    );
    online = true;

    await outbox.sync();

    expect(await stored()).toEqual([]);
    expect(api.actions.get('A1')).toMatchObject({ status: 'IN_PROGRESS', progress: 50, version: 3 });
  });

  it('counts a conflict that already shows the intended change as applied (a retry after a lost answer)', async () => {
    api.addAction({ id: 'A1', version: 1, status: 'IN_PROGRESS', progress: 40 });
    const outbox = makeOutbox();
    api.once('lose-answer');
    await outbox.enqueue(
      'updatePlanAction',
      { id: 'A1', input: { expectedVersion: 1, status: 'DONE', progress: 100, note: 'Delivered' } },
      { label: 'Done' },
    );
    await outbox.sync();
    expect(outbox.entries[0]).toMatchObject({ state: 'pending', attempts: 1 });
    expect(api.actions.get('A1')).toMatchObject({ status: 'DONE', version: 2 });

    clock += BACKOFF_MAX_MS;
    await outbox.sync();

    expect(await stored()).toEqual([]);
    expect(api.actions.get('A1')).toMatchObject({ status: 'DONE', version: 2 });
    expect(api.actions.get('A1')?.updates).toHaveLength(1);
  });

  it('a real conflict is not mistaken for a retry', () => {
    const entry = {
      id: 'e',
      kind: 'updatePlanAction' as const,
      variables: { id: 'A1', input: { expectedVersion: 1, status: 'DONE', note: 'Delivered' } },
      label: '',
      createdAt: '2026-11-27T10:00:00.000Z',
      attempts: 0,
      nextAttemptAt: '2026-11-27T10:00:00.000Z',
      state: 'pending' as const,
    };
    expect(alreadyApplied(entry, { status: 'BLOCKED', updates: [] })).toBe(false);
    // Someone else set DONE, but our note is not in the log: our change did not land.
    expect(
      alreadyApplied(entry, { status: 'DONE', updates: [{ at: '2026-11-27T10:01:00Z', note: 'Other' }] }),
    ).toBe(false);
    expect(
      alreadyApplied(entry, { status: 'DONE', updates: [{ at: '2026-11-27T10:01:00Z', note: 'Delivered' }] }),
    ).toBe(true);
  });

  it('sends a visit again after a lost answer, and the server stores it once', async () => {
    const outbox = makeOutbox();
    api.once('lose-answer');
    await outbox.enqueue('logVisit', visit(VISIT_1), { label: 'v' });
    await outbox.sync();

    expect(api.visits.size).toBe(1);
    expect(outbox.entries[0]).toMatchObject({ state: 'pending', attempts: 1 });

    clock += BACKOFF_MAX_MS;
    await outbox.sync();

    expect(await stored()).toEqual([]);
    expect(api.visits.size).toBe(1);
    expect(api.received.filter((r) => r.operation === 'OutboxLogVisit')).toHaveLength(2);
  });

  it('backs off longer after each network failure, and waits for the backoff before trying again', async () => {
    api.mode = 'down';
    const outbox = makeOutbox();
    online = false;
    await outbox.enqueue('logVisit', visit(VISIT_1), { label: 'v' });
    await outbox.enqueue('logVisit', visit(VISIT_2), { label: 'w' });
    online = true;

    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      await outbox.sync();
      const [first, second] = outbox.entries;
      // A network failure stops the pass: the second write is not even tried.
      expect(second?.attempts).toBe(0);
      waits.push(Date.parse(first?.nextAttemptAt ?? '') - clock);
      clock = Date.parse(first?.nextAttemptAt ?? '');
    }
    expect(waits).toEqual([750, 1500, 3000, 6000]);

    // Before the backoff ends, a pass sends nothing.
    api.mode = 'up';
    clock -= 1;
    await outbox.sync();
    expect(outbox.pendingCount).toBe(2);
    clock += 1;
    await outbox.sync();
    expect(outbox.pendingCount).toBe(0);
  });

  it('treats a 5xx like a network failure', async () => {
    api.mode = 'error-500';
    const outbox = makeOutbox();
    await outbox.enqueue('logVisit', visit(VISIT_1), { label: 'v' });
    await outbox.sync();
    expect(outbox.entries[0]).toMatchObject({ state: 'pending', attempts: 1 });
  });

  it('backs off a write the server fails on, and goes on with the others', async () => {
    const outbox = makeOutbox();
    online = false;
    await outbox.enqueue('logVisit', visit(VISIT_1), { label: 'v' });
    await outbox.enqueue('logVisit', visit(VISIT_2), { label: 'w' });
    online = true;
    api.once('masked-error');
    await outbox.sync();
    expect(outbox.entries).toHaveLength(1);
    expect(outbox.entries[0]).toMatchObject({ id: VISIT_1, state: 'pending', attempts: 1 });
  });

  it('caps the backoff at five minutes', () => {
    expect(backoffDelay(1, () => 1)).toBe(1_000);
    expect(backoffDelay(5, () => 0)).toBe(8_000);
    expect(backoffDelay(30, () => 1)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(30, () => 0)).toBe(BACKOFF_MAX_MS / 2);
  });

  it('stops when the session is gone, keeps every write, and goes on after the next sign-in', async () => {
    api.mode = 'unauthenticated';
    const outbox = makeOutbox();
    online = false;
    await outbox.enqueue('logVisit', visit(VISIT_1), { label: 'v' });
    await outbox.enqueue('logVisit', visit(VISIT_2), { label: 'w' });
    online = true;
    await outbox.sync();

    expect(outbox.paused).toBe(true);
    expect(outbox.entries.map((e) => [e.state, e.attempts])).toEqual([
      ['pending', 0],
      ['pending', 0],
    ]);
    await outbox.sync();
    expect(api.visits.size).toBe(0);

    api.mode = 'up';
    outbox.resume();
    await outbox.sync();
    expect(outbox.paused).toBe(false);
    expect(outbox.pendingCount).toBe(0);
    expect(api.visits.size).toBe(2);
  });

  it('records KPI values and is done', async () => {
    const outbox = makeOutbox();
    await outbox.enqueue(
      'recordKpiMeasurements',
      { input: { measurements: [{ kpiDefinitionId: 'K1', periodStart: '2026-11-01', value: 97.5 }] } },
      { label: 'OTIF' },
    );
    await outbox.sync();
    expect(outbox.pendingCount).toBe(0);
    expect(api.measurements.get('K1|2026-11-01')).toBe(97.5);
  });

  it('sends each write once when passes overlap, in one tab or two', async () => {
    online = false;
    const tabA = makeOutbox();
    const tabB = makeOutbox();
    await tabA.enqueue('logVisit', visit(VISIT_1), { label: 'v' });
    await tabB.enqueue('logVisit', visit(VISIT_2), { label: 'w' });
    online = true;

    await Promise.all([tabA.sync(), tabA.sync(), tabB.sync(), tabB.sync()]);

    expect(api.received.map((r) => (r.variables.input as { id: string }).id).sort()).toEqual([
      VISIT_1,
      VISIT_2,
    ]);
    await tabA.load();
    expect(tabA.pendingCount).toBe(0);
    expect(tabB.pendingCount).toBe(0);
  });

  it('never sends a write that was discarded while a pass was waiting for the lock', async () => {
    online = false;
    const outbox = makeOutbox();
    await outbox.enqueue('logVisit', visit(VISIT_1), { label: 'v' });
    online = true;
    let release: () => void = () => {};
    const blocker = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = makeOutbox({
      lock: async (run) => {
        await blocker;
        return run();
      },
    });
    const pass = slow.sync();
    await outbox.discard(VISIT_1);
    release();
    await pass;
    expect(api.received).toHaveLength(0);
  });

  it('once started, retries by itself when the backoff ends', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    api.mode = 'down';
    const outbox = makeOutbox();
    await outbox.enqueue('logVisit', visit(VISIT_1), { label: 'v' });
    outbox.start();
    await until(() => outbox.entries[0]?.attempts === 1 && !outbox.syncing);

    api.mode = 'up';
    clock += 750;
    await vi.advanceTimersByTimeAsync(750);
    await until(() => outbox.pendingCount === 0);
    expect(api.visits.has(VISIT_1)).toBe(true);
    outbox.stop();
  });

  it('tells the other tabs when its list changes', async () => {
    online = false;
    const tabA = makeOutbox({ channelName: 'test-outbox' });
    const tabB = makeOutbox({ channelName: 'test-outbox' });
    tabA.start();
    tabB.start();
    await tabA.enqueue('logVisit', visit(VISIT_1), { label: 'v' });
    await until(() => tabB.pendingCount === 1);
    tabA.stop();
    tabB.stop();
  });

  it('a new start (after the next sign-in) lifts the pause of an ended session', async () => {
    api.mode = 'unauthenticated';
    const outbox = makeOutbox();
    await outbox.enqueue('logVisit', visit(VISIT_1), { label: 'v' });
    await outbox.sync();
    expect(outbox.paused).toBe(true);

    api.mode = 'up';
    outbox.start();
    expect(outbox.paused).toBe(false);
    await until(() => outbox.pendingCount === 0);
    outbox.stop();
  });
});

describe('outbox: whose writes are sent', () => {
  it('records the signed-in user on every write it stores', async () => {
    online = false;
    const outbox = makeOutbox();
    const entry = await outbox.enqueue('logVisit', visit(VISIT_1), { label: 'v' });
    expect(entry.userId).toBe(ANA);
    expect((await stored())[0]?.userId).toBe(ANA);
  });

  it("sends only the signed-in user's writes; another user's wait on the device, unsent, until they sign in", async () => {
    online = false;
    const outbox = makeOutbox();
    await outbox.enqueue('logVisit', visit(VISIT_1), { label: 'Ana visit', accountId: ACCOUNT });
    // Ana signs out and Luis signs in on the same phone, then the network comes back.
    deviceUser = LUIS;
    api.sessionUser = LUIS;
    await outbox.enqueue('logVisit', visit(VISIT_2), { label: 'Luis visit', accountId: ACCOUNT });
    online = true;
    await outbox.sync();

    expect([...api.visits.keys()]).toEqual([VISIT_2]);
    expect(api.received.map((r) => (r.variables.input as { id: string }).id)).toEqual([VISIT_2]);
    expect(outbox.entries.map((e) => [e.id, e.userId, e.state])).toEqual([[VISIT_1, ANA, 'pending']]);
    expect(outbox.held.map((e) => e.id)).toEqual([VISIT_1]);
    expect(outbox.mine).toEqual([]);
    // Luis's account page does not list Ana's queued visit.
    expect(outbox.forAccount(ACCOUNT)).toEqual([]);

    // Still held on the next passes, whatever the events.
    await outbox.syncNow();
    expect(api.visits.has(VISIT_1)).toBe(false);

    // Ana signs in again: her visit goes.
    deviceUser = ANA;
    api.sessionUser = ANA;
    await outbox.sync();
    expect(api.visits.has(VISIT_1)).toBe(true);
    expect(await stored()).toEqual([]);
  });

  it("never sends when the server's session is someone else's than the device's user", async () => {
    online = false;
    const outbox = makeOutbox();
    await outbox.enqueue('logVisit', visit(VISIT_1), { label: 'v' });
    online = true;
    // Another tab signed Luis in; this tab has not reloaded the user yet.
    api.sessionUser = LUIS;
    await outbox.sync();
    expect(api.received).toHaveLength(0);
    expect(outbox.entries[0]).toMatchObject({ state: 'pending', attempts: 0, userId: ANA });
  });

  it('asks the server whose session it is once per pass, and not at all with nothing to send', async () => {
    const outbox = makeOutbox();
    await outbox.sync();
    expect(api.sessionChecks).toBe(0);
    online = false;
    await outbox.enqueue('logVisit', visit(VISIT_1), { label: 'v' });
    await outbox.enqueue('logVisit', visit(VISIT_2), { label: 'w' });
    online = true;
    await outbox.sync();
    expect(api.sessionChecks).toBe(1);
    expect(api.visits.size).toBe(2);
  });

  it('sends nothing while nobody is signed in on the device', async () => {
    online = false;
    const outbox = makeOutbox();
    await outbox.enqueue('logVisit', visit(VISIT_1), { label: 'v' });
    online = true;
    deviceUser = null;
    await outbox.sync();
    expect(api.received).toHaveLength(0);
    expect(outbox.held.map((e) => e.id)).toEqual([VISIT_1]);
  });

  it("sends a write stored before the outbox recorded users with the signed-in user's, as theirs", async () => {
    const db = await getDB();
    await db.put('outbox', {
      id: VISIT_1,
      kind: 'logVisit',
      variables: visit(VISIT_1),
      label: 'Old visit',
      createdAt: '2026-11-26T10:00:00.000Z',
      attempts: 0,
      nextAttemptAt: '2026-11-26T10:00:00.000Z',
      state: 'pending',
    });
    const outbox = makeOutbox();
    await outbox.load();
    expect(outbox.mine.map((e) => e.id)).toEqual([VISIT_1]);
    api.once('lose-answer');
    await outbox.sync();
    expect(outbox.entries[0]).toMatchObject({ userId: ANA, attempts: 1 });
    clock += BACKOFF_MAX_MS;
    await outbox.sync();
    expect(api.visits.has(VISIT_1)).toBe(true);
    expect(outbox.pendingCount).toBe(0);
  });

  it("without a record of the device's user, writes go under the session's user and are marked theirs", async () => {
    deviceUser = undefined;
    const outbox = makeOutbox();
    online = false;
    const entry = await outbox.enqueue('logVisit', visit(VISIT_1), { label: 'v' });
    expect(entry.userId).toBeUndefined();
    online = true;
    api.mode = 'down';
    await outbox.sync();
    expect(outbox.entries[0]).toMatchObject({ attempts: 1 });
    api.mode = 'up';
    await outbox.syncNow();
    expect(api.visits.has(VISIT_1)).toBe(true);
    expect(outbox.userId).toBe(ANA);
    // What it queues next is recorded as the session's user's.
    online = false;
    expect((await outbox.enqueue('logVisit', visit(VISIT_2), { label: 'w' })).userId).toBe(ANA);
  });

  it("knows the device's user from the signed-in layout's saved `me`, and sends nothing once it is signed out", async () => {
    const db = await getDB();
    await db.put('cache', {
      key: 'me',
      data: { me: { id: ANA, name: 'Ana' } },
      savedAt: new Date(clock).toISOString(),
    });
    online = false;
    const outbox = makeOutbox({ currentUser: undefined });
    expect((await outbox.enqueue('logVisit', visit(VISIT_1), { label: 'v' })).userId).toBe(ANA);
    await db.put('cache', { key: 'me', data: { me: null }, savedAt: new Date(clock).toISOString() });
    online = true;
    await outbox.sync();
    expect(api.received).toHaveLength(0);
    expect(api.sessionChecks).toBe(0);
  });

  it("lets the device's user discard another user's held write", async () => {
    online = false;
    const outbox = makeOutbox();
    await outbox.enqueue('logVisit', visit(VISIT_1), { label: 'v' });
    deviceUser = LUIS;
    await outbox.load();
    await outbox.discard(VISIT_1);
    expect(await stored()).toEqual([]);
  });
});

describe('outbox: stakeholders and resource requests', () => {
  const PERSON = '33333333-3333-4333-8333-333333333333';
  const REQUEST = '44444444-4444-4444-8444-444444444444';
  const newPerson = (overrides: Record<string, unknown> = {}) => ({
    input: { accountId: ACCOUNT, name: 'Lucía Ferrer', decisionRole: 'INFLUENCER', ...overrides },
  });

  it('gives a new stakeholder the outbox id as its own, and after a lost answer the server stores it once', async () => {
    const outbox = makeOutbox();
    api.once('lose-answer');
    const entry = await outbox.enqueue('createStakeholder', newPerson(), { label: 'Lucía', id: PERSON });
    expect(entry.variables).toMatchObject({ input: { id: PERSON } });
    await outbox.sync();
    expect(api.stakeholders.size).toBe(1);
    expect(outbox.entries[0]).toMatchObject({ state: 'pending', attempts: 1 });

    clock += BACKOFF_MAX_MS;
    await outbox.sync();
    expect(await stored()).toEqual([]);
    expect(api.stakeholders.size).toBe(1);
    expect(api.received.filter((r) => r.operation === 'OutboxCreateStakeholder')).toHaveLength(2);
  });

  it('keeps a rejected new stakeholder with the field issues, and sends the rest', async () => {
    online = false;
    const outbox = makeOutbox();
    await outbox.enqueue('createStakeholder', newPerson({ name: ' ' }), { label: 'nobody', id: PERSON });
    await outbox.enqueue(
      'createResourceRequest',
      { input: { accountId: ACCOUNT, description: 'Samples' } },
      {
        label: 'samples',
        id: REQUEST,
      },
    );
    online = true;
    await outbox.sync();
    expect(outbox.entries).toHaveLength(1);
    expect(outbox.entries[0]).toMatchObject({
      state: 'rejected',
      error: { code: 'VALIDATION', issues: [{ path: ['input', 'name'], message: 'Give a name.' }] },
    });
    expect(api.requests.has(REQUEST)).toBe(true);
  });

  it('a new stakeholder whose id the server holds with other content: keepMine sends it under a new id', async () => {
    api.stakeholders.set(`S:${PERSON}`, {
      id: `S:${PERSON}`,
      version: 1,
      name: 'Someone Else',
      title: null,
      decisionRole: 'USER',
      attitude: 'NEUTRAL',
      email: null,
      phone: null,
      reportsToId: null,
      content: 'other',
    });
    const outbox = makeOutbox();
    await outbox.enqueue('createStakeholder', newPerson(), { label: 'Lucía', id: PERSON });
    await outbox.sync();
    expect(outbox.entries[0]).toMatchObject({
      state: 'conflict',
      conflict: { current: { name: 'Someone Else' }, currentVersion: 1 },
    });
    await outbox.keepMine(PERSON);
    await until(() => outbox.pendingCount === 0);
    expect(api.stakeholders.size).toBe(2);
  });

  it('sends a resource request made offline once the network is back, stored once after a lost answer', async () => {
    online = false;
    const outbox = makeOutbox();
    await outbox.enqueue(
      'createResourceRequest',
      { input: { accountId: ACCOUNT, kind: 'SAMPLES', description: '300 unidades', opportunityId: 'T3Bw' } },
      { label: 'Samples', accountId: ACCOUNT },
    );
    online = true;
    api.once('lose-answer');
    await outbox.sync();
    clock += BACKOFF_MAX_MS;
    await outbox.sync();
    expect(api.requests.size).toBe(1);
    expect(outbox.pendingCount).toBe(0);
  });

  it('marks a stale stakeholder edit as a conflict with both versions; keepMine sends it over the current version', async () => {
    const person = api.addStakeholder({ id: 'S:1', name: 'Elena Vidal', attitude: 'NEUTRAL', version: 3 });
    const outbox = makeOutbox();
    await outbox.enqueue(
      'updateStakeholder',
      { id: 'S:1', input: { attitude: 'CHAMPION', expectedVersion: 2 } },
      { label: 'Elena', accountId: ACCOUNT },
    );
    await outbox.sync();
    expect(outbox.entries[0]).toMatchObject({
      state: 'conflict',
      conflict: { currentVersion: 3, current: { attitude: 'NEUTRAL', name: 'Elena Vidal' } },
    });
    await outbox.keepMine(outbox.entries[0]?.id ?? '');
    await until(() => outbox.pendingCount === 0);
    expect(person).toMatchObject({ attitude: 'CHAMPION', version: 4 });
    expect(api.received.at(-1)?.variables).toMatchObject({ input: { expectedVersion: 3 } });
  });

  it('counts a stale stakeholder edit the server already shows as applied (a retry after a lost answer)', async () => {
    api.addStakeholder({ id: 'S:1', name: 'Elena', email: 'elena@alba.example', version: 1 });
    const outbox = makeOutbox();
    api.once('lose-answer');
    await outbox.enqueue(
      'updateStakeholder',
      { id: 'S:1', input: { email: ' Elena.V@Alba.example ', expectedVersion: 1 } },
      { label: 'Elena' },
    );
    await outbox.sync();
    expect(api.stakeholders.get('S:1')).toMatchObject({ version: 2 });
    // The fake stores the email as sent; the real server lower-cases and trims it.
    const stored = api.stakeholders.get('S:1');
    if (stored) stored.email = 'elena.v@alba.example';
    clock += BACKOFF_MAX_MS;
    await outbox.sync();
    expect(outbox.pendingCount).toBe(0);
    expect(api.stakeholders.get('S:1')).toMatchObject({ version: 2 });
  });

  it('bases a second edit of the same stakeholder on the version the first one produced', async () => {
    api.addStakeholder({ id: 'S:1', version: 5 });
    online = false;
    const outbox = makeOutbox();
    await outbox.enqueue(
      'updateStakeholder',
      { id: 'S:1', input: { title: 'Jefa', expectedVersion: 5 } },
      { label: 'a' },
    );
    await outbox.enqueue(
      'updateStakeholder',
      { id: 'S:1', input: { phone: '600 11 22 33', expectedVersion: 5 } },
      {
        label: 'b',
      },
    );
    online = true;
    await outbox.sync();
    expect(outbox.pendingCount).toBe(0);
    expect(api.stakeholders.get('S:1')).toMatchObject({ title: 'Jefa', phone: '600 11 22 33', version: 7 });
  });

  it('keeps a second edit of a stakeholder waiting while the first is in conflict', () => {
    const edit = (id: string) => ({
      id,
      kind: 'updateStakeholder' as const,
      variables: { id: 'S:1', input: {} },
      label: '',
      createdAt: '',
      attempts: 0,
      nextAttemptAt: '',
      state: 'pending' as const,
    });
    expect(targetsOf(edit('a'))).toEqual(targetsOf(edit('b')));
    expect(targetsOf({ ...edit('c'), kind: 'createStakeholder' })).toEqual(['new-stakeholder:c']);
    expect(targetsOf({ ...edit('d'), kind: 'createResourceRequest' })).toEqual(['request:d']);
    expect(targetsOf({ ...edit('e'), kind: 'createPlanAction' })).toEqual(['new-action:e']);
  });
});

describe('outbox: new plan actions', () => {
  const ACTION = '55555555-5555-4555-8555-555555555555';
  const newAction = (overrides: Record<string, unknown> = {}) => ({
    input: {
      planId: 'UGxhbjox',
      title: 'Degustación en 20 tiendas',
      ownerId: ANA,
      dueDate: '2027-03-15',
      ...overrides,
    },
  });

  it('creates the action under the outbox id, made offline, stored once after a lost answer', async () => {
    online = false;
    const outbox = makeOutbox();
    const entry = await outbox.enqueue('createPlanAction', newAction(), { label: 'Degustación', id: ACTION });
    expect(entry.variables).toMatchObject({ input: { id: ACTION, title: 'Degustación en 20 tiendas' } });
    online = true;
    api.once('lose-answer');
    await outbox.sync();
    expect(api.createdActions.size).toBe(1);
    expect(outbox.entries[0]).toMatchObject({ state: 'pending', attempts: 1 });
    clock += BACKOFF_MAX_MS;
    await outbox.sync();
    expect(await stored()).toEqual([]);
    expect(api.createdActions.size).toBe(1);
    expect(api.received.filter((r) => r.operation === 'OutboxCreatePlanAction')).toHaveLength(2);
  });

  it('a new action whose id the server holds with other content: keepMine sends it under a new id', async () => {
    api.createdActions.set(ACTION, { content: 'other', title: 'Otra acción' });
    const outbox = makeOutbox();
    await outbox.enqueue('createPlanAction', newAction(), { label: 'Degustación', id: ACTION });
    await outbox.sync();
    expect(outbox.entries[0]).toMatchObject({
      state: 'conflict',
      conflict: { current: { title: 'Otra acción' } },
    });
    await outbox.keepMine(ACTION);
    await until(() => outbox.pendingCount === 0);
    expect(api.createdActions.size).toBe(2);
  });

  it('keeps a rejected new action with its field issues', async () => {
    const outbox = makeOutbox();
    await outbox.enqueue('createPlanAction', newAction({ title: ' ' }), { label: 'nada', id: ACTION });
    await outbox.sync();
    expect(outbox.entries[0]).toMatchObject({
      state: 'rejected',
      error: { issues: [{ path: ['input', 'title'], message: 'Write what will be done.' }] },
    });
  });
});
