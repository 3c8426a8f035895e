// The outbox: every write from the phone goes to IndexedDB first and is delivered from there, in the
// order it was made, whenever the server can be reached. Nothing leaves the outbox unless the server
// holds the write or the user drops it.
import type { Client, OperationResult } from '@urql/core';
import type { IDBPDatabase } from 'idb';
import { getClient } from '$lib/graphql/client';
import { type ClaveDB, getDB } from './db';
import { DELIVERY_TIMEOUT_MS, type Delivery, deliver } from './deliver';
import { OutboxSessionQuery } from './mutations';
import { backoffDelay, byAge, CHANNEL_NAME, defaultLock, targetsOf } from './policy';
import { CREATE_KINDS, type OutboxEntry, type OutboxKind, VERSIONED_KINDS } from './types';

export type { Delivery } from './deliver';
export type {
  LogVisitOutcome,
  OutboxVariables,
  PlanActionOnServer,
  RecordKpiMeasurementsOutcome,
  StakeholderOnServer,
  UpdatePlanActionOutcome,
  UpdateStakeholderOutcome,
  VisitOnServer,
} from './mutations';
export { BACKOFF_BASE_MS, BACKOFF_MAX_MS, backoffDelay, targetsOf } from './policy';
export type { OutboxEntry, OutboxIssue, OutboxKind, OutboxState } from './types';

export interface OutboxOptions {
  /** The GraphQL client to send with (default: the session's client). */
  client?: () => Client;
  db?: () => Promise<IDBPDatabase<ClaveDB>>;
  now?: () => number;
  random?: () => number;
  online?: () => boolean;
  /** Runs a sync pass with no other pass running, in this tab or another (default: Web Locks). */
  lock?: <T>(run: () => Promise<T>) => Promise<T>;
  /** BroadcastChannel that tells the other tabs to reload the list; null for none. */
  channelName?: string | null;
  newId?: () => string;
  timeoutMs?: number;
  /**
   * The global id of the user signed in on this device, also offline: null when the device knows
   * nobody is signed in, undefined when it has no record (then the session's user counts). Default:
   * the user the signed-in layout last loaded, from the read cache (`me`) of this outbox's database.
   */
  currentUser?: () => Promise<string | null | undefined>;
}

/** Who the server says the session belongs to, asked before a pass sends anything. */
export type SessionCheck =
  | { kind: 'user'; id: string }
  | { kind: 'unauthenticated' }
  | { kind: 'unreachable'; reason: string };

async function cachedUser(db: IDBPDatabase<ClaveDB>): Promise<string | null | undefined> {
  const saved = await db.get('cache', 'me');
  if (!saved) return undefined;
  return (saved.data as { me?: { id?: string } | null } | null)?.me?.id ?? null;
}

export type AppliedListener = (entry: OutboxEntry, data: unknown) => void;

function plain<T>(value: T): T {
  // Form state may be a Svelte proxy, which IndexedDB cannot store.
  return $state.snapshot(value) as T;
}

export class Outbox {
  #entries = $state.raw<OutboxEntry[]>([]);
  #syncing = $state(false);
  #paused = $state(false);
  #userId = $state<string | null>(null);
  #currentUser: () => Promise<string | null | undefined>;

  #client: () => Client;
  #db: () => Promise<IDBPDatabase<ClaveDB>>;
  #now: () => number;
  #random: () => number;
  #online: () => boolean;
  #lock: <T>(run: () => Promise<T>) => Promise<T>;
  #newId: () => string;
  #timeoutMs: number;
  #channel: BroadcastChannel | null = null;
  #channelName: string | null;

  #loaded: Promise<void> | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #ignoreBackoff = false;
  /** After a network failure the whole queue waits with the entry that failed (not only that entry). */
  #notBefore = 0;
  #lastStamp = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopFns: (() => void)[] = [];
  #listeners = new Set<AppliedListener>();

  constructor(options: OutboxOptions = {}) {
    this.#client = options.client ?? getClient;
    this.#db = options.db ?? getDB;
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#online = options.online ?? (() => typeof navigator === 'undefined' || navigator.onLine !== false);
    this.#lock = options.lock ?? defaultLock;
    this.#newId = options.newId ?? (() => crypto.randomUUID());
    this.#timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
    this.#channelName = options.channelName === undefined ? CHANNEL_NAME : options.channelName;
    this.#currentUser = options.currentUser ?? (async () => cachedUser(await this.#db()));
  }

  /** The user signed in on this device (global id), as last read; null when nobody is. */
  get userId(): string | null {
    return this.#userId;
  }

  /** The signed-in user's writes, oldest first: the only ones this session sends. */
  get mine(): OutboxEntry[] {
    const user = this.#userId;
    return this.#entries.filter((entry) => ownedBy(entry, user));
  }

  /**
   * Writes queued on this device by someone else: held, never sent under this session, until their
   * user signs in again or they are discarded. (A write with no recorded user, queued by an older
   * version of the app, counts as the signed-in user's: it goes with their next pass.)
   */
  get held(): OutboxEntry[] {
    const user = this.#userId;
    return this.#entries.filter((entry) => !ownedBy(entry, user));
  }

  /** Every write not yet held by the server, oldest first. */
  get entries(): OutboxEntry[] {
    return this.#entries;
  }

  /** Writes still on the phone: pending, syncing, rejected or in conflict. */
  get pendingCount(): number {
    return this.#entries.length;
  }

  /** A sync pass is running. */
  get syncing(): boolean {
    return this.#syncing;
  }

  /** The server said the session is gone: nothing is sent until `resume()` (after the next sign-in). */
  get paused(): boolean {
    return this.#paused;
  }

  /** The signed-in user's writes for one account (global id), oldest first. */
  forAccount(accountId: string): OutboxEntry[] {
    return this.mine.filter((entry) => entry.accountId === accountId);
  }

  /** Called with each write the server accepted (its success data), e.g. to reload a screen. */
  onApplied(listener: AppliedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Reads the stored entries once (start, enqueue and sync do it themselves). */
  load(): Promise<void> {
    this.#loaded ??= this.#refresh().catch((error: unknown) => {
      this.#loaded = null;
      throw error;
    });
    return this.#loaded;
  }

  /**
   * Stores a write and resolves once it is on disk, so that closing the app right after loses
   * nothing; then tries to send it. The same id twice (a double tap) stores it once.
   */
  async enqueue(
    kind: OutboxKind,
    variables: Record<string, unknown>,
    meta: { id?: string; label: string; accountId?: string; names?: Record<string, string> },
  ): Promise<OutboxEntry> {
    await this.load();
    let vars = plain(variables);
    const input = vars.input as Record<string, unknown> | undefined;
    const creates = CREATE_KINDS.includes(kind);
    const ownId = creates && typeof input?.id === 'string' ? input.id : undefined;
    const id = meta.id ?? ownId ?? this.#newId();
    // A new object keeps the outbox id as its own: sending it twice then stores it once on the server.
    if (creates) vars = { ...vars, input: { ...input, id } };
    const userId = (await this.#readDeviceUser()) ?? this.#userId;
    const now = this.#now();
    const entry: OutboxEntry = {
      id,
      kind,
      variables: vars,
      label: meta.label,
      ...(userId ? { userId } : {}),
      ...(meta.accountId ? { accountId: meta.accountId } : {}),
      ...(meta.names ? { names: plain(meta.names) } : {}),
      createdAt: this.#stamp(now),
      attempts: 0,
      nextAttemptAt: new Date(now).toISOString(),
      state: 'pending',
    };
    const db = await this.#db();
    const tx = db.transaction('outbox', 'readwrite');
    const existing = await tx.store.get(id);
    if (existing) {
      await tx.done;
      return existing;
    }
    await tx.store.add(entry);
    await tx.done;
    this.#setLocal(entry);
    this.#announce();
    void this.sync();
    return entry;
  }

  /** One pass over the outbox; calling it while a pass runs makes that pass go round once more. */
  sync(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      try {
        do {
          this.#again = false;
          await this.#pass();
        } while (this.#again && !this.#paused);
      } catch (error) {
        // Storage failures must not surface as unhandled rejections of background syncs.
        console.error('Outbox sync failed', error);
      } finally {
        this.#running = null;
        this.#schedule();
      }
    })();
    return this.#running;
  }

  /** Drops a write the user gave up on (rejected, in conflict, or still waiting). */
  async discard(id: string): Promise<void> {
    const db = await this.#db();
    const entry = await db.get('outbox', id);
    if (entry?.state === 'syncing' && this.#syncing) throw new Error('This write is being sent right now.');
    await db.delete('outbox', id);
    this.#removeLocal(id);
    this.#announce();
    void this.sync();
  }

  /**
   * Conflict, the user keeps their version: an action update is sent again over the server's
   * current version; a visit whose id the server holds with other content is sent as a new visit.
   * `fields` (updates only) keeps just those fields of the user's and takes the server's for the
   * rest (a profile settled section by section); keeping none drops the write.
   */
  async keepMine(id: string, fields?: readonly string[]): Promise<void> {
    const db = await this.#db();
    const found = await db.get('outbox', id);
    if (found?.state !== 'conflict' || !found.conflict) throw new Error('No conflict to resolve.');
    const currentVersion = found.conflict.currentVersion;
    let entry = found;
    if (fields && VERSIONED_KINDS.includes(found.kind)) {
      const all = found.variables.input as Record<string, unknown>;
      const kept = Object.entries(all).filter(([key]) => key === 'expectedVersion' || fields.includes(key));
      if (kept.length <= 1) return this.discard(id);
      entry = { ...found, variables: { ...found.variables, input: Object.fromEntries(kept) } };
    }
    const { conflict: _conflict, error: _error, ...rest } = entry;
    const released = {
      ...rest,
      state: 'pending' as const,
      attempts: 0,
      nextAttemptAt: new Date(this.#now()).toISOString(),
    };
    const input = entry.variables.input as Record<string, unknown>;
    if (VERSIONED_KINDS.includes(entry.kind)) {
      const next = {
        ...released,
        variables: {
          ...entry.variables,
          input: { ...input, expectedVersion: currentVersion },
        },
      };
      await db.put('outbox', next);
      this.#setLocal(next);
    } else if (CREATE_KINDS.includes(entry.kind)) {
      const newId = this.#newId();
      const next = {
        ...released,
        id: newId,
        variables: { ...entry.variables, input: { ...input, id: newId } },
      };
      const tx = db.transaction('outbox', 'readwrite');
      await Promise.all([tx.store.delete(id), tx.store.put(next), tx.done]);
      this.#removeLocal(id);
      this.#setLocal(next);
    } else {
      throw new Error(`A ${entry.kind} write cannot conflict.`);
    }
    this.#announce();
    void this.sync();
  }

  /** Sends a rejected write again as it is (e.g. after access was granted). */
  async retry(id: string): Promise<void> {
    const db = await this.#db();
    const entry = await db.get('outbox', id);
    if (entry?.state !== 'rejected') return;
    const { error: _error, ...rest } = entry;
    const next = {
      ...rest,
      state: 'pending' as const,
      attempts: 0,
      nextAttemptAt: new Date(this.#now()).toISOString(),
    };
    await db.put('outbox', next);
    this.#setLocal(next);
    this.#announce();
    void this.sync();
  }

  /** After a sign-in: sending starts again where it stopped. */
  resume(): void {
    this.#paused = false;
    this.#kick();
  }

  /** A pass the user asked for ("sync now"): writes waiting out a backoff are tried too. */
  syncNow(): Promise<void> {
    this.#ignoreBackoff = true;
    return this.sync();
  }

  /**
   * Syncs now, when the device comes online, when the app becomes visible, and after each backoff.
   * Starting happens with a session (the signed-in part of the app), so it also lifts a pause left
   * by an ended session. It keeps running while the app is open, whatever screen shows (an error
   * page included); `stop()` is for tests.
   */
  start(): void {
    this.#paused = false;
    if (this.#stopFns.length) {
      this.#kick();
      return;
    }
    if (this.#channelName && typeof BroadcastChannel !== 'undefined') {
      const channel = new BroadcastChannel(this.#channelName);
      channel.onmessage = () => void this.#refresh().catch(() => undefined);
      this.#channel = channel;
      this.#stopFns.push(() => {
        channel.close();
        this.#channel = null;
      });
    }
    if (typeof window !== 'undefined') {
      const onOnline = () => this.#kick();
      window.addEventListener('online', onOnline);
      this.#stopFns.push(() => window.removeEventListener('online', onOnline));
    }
    if (typeof document !== 'undefined') {
      const onVisible = () => {
        if (document.visibilityState === 'visible') this.#kick();
      };
      document.addEventListener('visibilitychange', onVisible);
      this.#stopFns.push(() => document.removeEventListener('visibilitychange', onVisible));
    }
    this.#stopFns.push(() => clearTimeout(this.#timer));
    // Ask the browser not to evict the outbox under storage pressure (granted to installed apps).
    if (typeof navigator !== 'undefined') void navigator.storage?.persist?.().catch(() => false);
    void this.load()
      .then(() => this.#kick())
      .catch((error: unknown) => console.error('Outbox could not be read', error));
  }

  /** Undoes `start()` (tests). */
  stop(): void {
    for (const fn of this.#stopFns.splice(0)) fn();
  }

  /** A sync prompted by an event (online, visible, sign-in): entries backing off are tried too. */
  #kick(): void {
    void this.syncNow();
  }

  async #pass(): Promise<void> {
    if (this.#paused || !this.#online()) return;
    const ignoreBackoff = this.#ignoreBackoff;
    this.#ignoreBackoff = false;
    if (!ignoreBackoff && this.#now() < this.#notBefore) return;
    await this.#lock(async () => {
      const db = await this.#db();
      // Read again under the lock: another tab may have delivered or resolved entries meanwhile.
      const stored = (await db.getAll('outbox')).sort(byAge);
      this.#entries = stored;
      const device = await this.#readDeviceUser();
      // The device knows nobody is signed in: nothing can be sent.
      if (device === null) return;
      // Whose writes go: the device's user, checked against the server's session before sending.
      let user: string | undefined = device;
      let sessionChecked = false;
      this.#syncing = true;
      try {
        const held = new Set<string>();
        for (const listed of stored) {
          // Another user's writes are never sent under this session.
          if (listed.userId && user !== undefined && listed.userId !== user) continue;
          const targets = targetsOf(listed);
          const waiting = !ignoreBackoff && Date.parse(listed.nextAttemptAt) > this.#now();
          if (listed.state === 'rejected') continue;
          if (listed.state === 'conflict' || waiting || targets.some((t) => held.has(t))) {
            for (const t of targets) held.add(t);
            continue;
          }
          const entry = await db.get('outbox', listed.id);
          if (!entry || entry.state === 'rejected' || entry.state === 'conflict') continue;
          if (!sessionChecked) {
            // The cookie is what the server goes by: make sure it is this user's before sending.
            const session = await this.#checkSession();
            if (session.kind !== 'user') {
              const outcome: Delivery =
                session.kind === 'unauthenticated'
                  ? session
                  : { kind: 'unreachable', reason: session.reason };
              await this.#settle(db, entry, outcome);
              break;
            }
            // The session is someone else's (the device's user changed in another tab): send nothing.
            if (user !== undefined && session.id !== user) break;
            user = session.id;
            this.#userId = user;
            sessionChecked = true;
            if (entry.userId && entry.userId !== user) continue;
          }
          // A write with no recorded user (an older app version) becomes the sender's.
          const owned: OutboxEntry = { ...entry, userId: entry.userId ?? (user as string) };
          const sending: OutboxEntry = { ...owned, state: 'syncing' };
          await this.#save(db, sending);
          const outcome = await deliver(this.#client(), sending, this.#timeoutMs);
          const stop = await this.#settle(db, owned, outcome);
          if (outcome.kind !== 'unreachable') this.#notBefore = 0;
          if (outcome.kind === 'conflict' || outcome.kind === 'failed') for (const t of targets) held.add(t);
          if (stop) break;
        }
      } finally {
        this.#syncing = false;
      }
    });
  }

  /** Records what the answer means for the entry; true when the pass must stop. */
  async #settle(db: IDBPDatabase<ClaveDB>, entry: OutboxEntry, outcome: Delivery): Promise<boolean> {
    const { error: _error, conflict: _conflict, ...base } = entry;
    switch (outcome.kind) {
      case 'applied': {
        const tx = db.transaction('outbox', 'readwrite');
        await tx.store.delete(entry.id);
        if (VERSIONED_KINDS.includes(entry.kind) && outcome.version !== undefined) {
          await this.#rebase(tx.store, entry, outcome.version);
        }
        await tx.done;
        this.#entries = (await db.getAll('outbox')).sort(byAge);
        this.#announce();
        for (const listener of this.#listeners) listener(entry, outcome.data);
        return false;
      }
      case 'rejected':
        await this.#save(db, { ...base, state: 'rejected', error: outcome.error });
        return false;
      case 'conflict':
        await this.#save(db, {
          ...base,
          state: 'conflict',
          conflict: { current: outcome.current, currentVersion: outcome.currentVersion },
        });
        return false;
      case 'unauthenticated':
        await this.#save(db, { ...base, state: 'pending' });
        this.#paused = true;
        return true;
      case 'unreachable':
      case 'failed': {
        const attempts = entry.attempts + 1;
        const retryAt = this.#now() + backoffDelay(attempts, this.#random);
        await this.#save(db, {
          ...base,
          state: 'pending',
          attempts,
          nextAttemptAt: new Date(retryAt).toISOString(),
        });
        if (outcome.kind === 'unreachable') this.#notBefore = retryAt;
        return outcome.kind === 'unreachable';
      }
    }
  }

  /**
   * Later updates of the same action were made over the version this one was based on; now that it
   * landed they are based on the version it produced, so the user's own changes never conflict.
   */
  async #rebase(
    store: { getAll(): Promise<OutboxEntry[]>; put(value: OutboxEntry): Promise<unknown> },
    applied: OutboxEntry,
    version: number,
  ): Promise<void> {
    const sentVersion = (applied.variables.input as { expectedVersion?: number }).expectedVersion;
    for (const later of await store.getAll()) {
      const input = later.variables.input as { expectedVersion?: number } | undefined;
      if (later.kind !== applied.kind || later.variables.id !== applied.variables.id) continue;
      // A profile is named by its account.
      if (later.variables.accountId !== applied.variables.accountId) continue;
      if (input?.expectedVersion !== sentVersion || later.state !== 'pending') continue;
      await store.put({
        ...later,
        variables: { ...later.variables, input: { ...input, expectedVersion: version } },
      });
    }
  }

  /** Stores the entry's new state, unless it was discarded meanwhile (the user, or another tab). */
  async #save(db: IDBPDatabase<ClaveDB>, entry: OutboxEntry): Promise<void> {
    const tx = db.transaction('outbox', 'readwrite');
    const present = await tx.store.getKey(entry.id);
    if (present !== undefined) await tx.store.put(entry);
    await tx.done;
    if (present === undefined) this.#removeLocal(entry.id);
    else this.#setLocal(entry);
    this.#announce();
  }

  async #refresh(): Promise<void> {
    const db = await this.#db();
    await this.#readDeviceUser();
    this.#entries = (await db.getAll('outbox')).sort(byAge);
  }

  /**
   * The device's signed-in user, read afresh (a sign-in or sign-out may have happened in another
   * tab): null when nobody is, undefined when the device has no record (the last session's user stays).
   */
  async #readDeviceUser(): Promise<string | null | undefined> {
    const user = await this.#currentUser().catch(() => undefined);
    if (user !== undefined) this.#userId = user;
    return user;
  }

  async #checkSession(): Promise<SessionCheck> {
    return checkSession(this.#client(), this.#timeoutMs);
  }

  #setLocal(entry: OutboxEntry): void {
    const others = this.#entries.filter((e) => e.id !== entry.id);
    this.#entries = [...others, entry].sort(byAge);
  }

  #removeLocal(id: string): void {
    this.#entries = this.#entries.filter((e) => e.id !== id);
  }

  #announce(): void {
    this.#channel?.postMessage('changed');
  }

  /** createdAt strictly increasing within this tab, so entries made in the same millisecond keep their order. */
  #stamp(now: number): string {
    this.#lastStamp = Math.max(now, this.#lastStamp + 1);
    return new Date(this.#lastStamp).toISOString();
  }

  /** Wakes up when the earliest entry's backoff ends. */
  #schedule(): void {
    clearTimeout(this.#timer);
    if (!this.#stopFns.length || this.#paused) return;
    const now = this.#now();
    const next = [
      this.#notBefore,
      ...this.#entries.filter((e) => e.state === 'pending').map((e) => Date.parse(e.nextAttemptAt)),
    ]
      .filter((t) => t > now)
      .sort((a, b) => a - b)[0];
    if (next !== undefined) this.#timer = setTimeout(() => void this.sync(), next - now);
  }
}

/** Whether `user` may send the entry: theirs, or one with no recorded user. */
function ownedBy(entry: OutboxEntry, user: string | null): boolean {
  return user !== null && (!entry.userId || entry.userId === user);
}

/** Asks the server whose session the cookie carries (`me`), within the delivery timeout. */
export async function checkSession(client: Client, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<SessionCheck> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stop: (() => void) | undefined;
  try {
    // Unsubscribed when done or timed out: that tears the query down (its fetch is aborted). A query
    // left running would make every later check wait on it, as urql sends no second copy of a query
    // still in flight — one lost answer would stop the outbox for good.
    const result = await new Promise<OperationResult | null>((resolve) => {
      stop = client
        .query(OutboxSessionQuery, {}, { requestPolicy: 'network-only' })
        .subscribe(resolve).unsubscribe;
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    if (!result) return { kind: 'unreachable', reason: 'timeout' };
    if (result.error) {
      const unauthenticated =
        result.error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED') ||
        (result.error.response as { status?: number } | undefined)?.status === 401;
      return unauthenticated
        ? { kind: 'unauthenticated' }
        : { kind: 'unreachable', reason: result.error.message };
    }
    const id = result.data?.me?.id;
    return id ? { kind: 'user', id } : { kind: 'unauthenticated' };
  } catch (error) {
    return { kind: 'unreachable', reason: String(error) };
  } finally {
    clearTimeout(timer);
    stop?.();
  }
}

/** The app's outbox; call `outbox.start()` once the user is signed in. */
export const outbox = new Outbox();
