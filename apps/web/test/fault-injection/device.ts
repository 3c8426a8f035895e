// A simulated phone: the web app's real outbox (src/lib/offline) with IndexedDB storage of its own
// (fake-indexeddb, one IDBFactory per device), its own urql client and its own session cookie,
// talking to the API through the fault proxy.
import { Client, fetchExchange } from '@urql/core';
import { IDBFactory } from 'fake-indexeddb';
import { vi } from 'vitest';
import { Outbox, type OutboxEntry } from '$lib/offline/outbox.svelte';
import { cookieFrom, type Session } from './graphql';

export interface AppliedWrite {
  entry: OutboxEntry;
  data: unknown;
  /** Order in which this device's outbox reported writes applied. */
  seq: number;
}

/** A lock of this device alone (the app's default, Web Locks, is absent in Node and would be shared). */
function deviceLock(): <T>(run: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(run: () => Promise<T>) => {
    const result = tail.then(run, run);
    tail = result.catch(() => undefined);
    return result;
  };
}

export class Device {
  readonly name: string;
  readonly user: string;
  readonly locale: string;
  online = true;
  /** Every write the outbox reported as held by the server, in the order reported. */
  readonly applied: AppliedWrite[] = [];
  readonly outbox: Outbox;
  session: Session;

  private constructor(name: string, user: string, session: Session, outbox: (device: Device) => Outbox) {
    this.name = name;
    this.user = user;
    this.locale = session.locale;
    this.session = session;
    this.outbox = outbox(this);
    this.outbox.onApplied((entry, data) => this.applied.push({ entry, data, seq: this.applied.length }));
  }

  /**
   * A device signed in with `session` (its cookie is copied into the device's jar) whose writes go
   * to `proxyUrl`. `random` drives the outbox's backoff jitter.
   */
  static async create(options: {
    name: string;
    user: string;
    session: Session;
    proxyUrl: string;
    random: () => number;
    timeoutMs: number;
  }): Promise<Device> {
    // Storage of its own: a fresh IndexedDB factory, opened through a fresh copy of the app's db
    // module (whose connection is a module-level singleton), so that devices share nothing.
    globalThis.indexedDB = new IDBFactory();
    vi.resetModules();
    const { getDB } = await import('$lib/offline/db');
    const db = getDB();
    await db;
    const jar: Session = { ...options.session };
    const inFlight = new Map<number, { started: number; body: string }>();
    let requests = 0;
    let last = '';
    const jarFetch: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      if (jar.cookie) headers.set('cookie', jar.cookie);
      const n = ++requests;
      inFlight.set(n, { started: Date.now(), body: String(init?.body ?? '').slice(0, 60) });
      try {
        const response = await fetch(input, { ...init, headers });
        jar.cookie = cookieFrom(response, jar.cookie);
        last = `${response.status} ${(await response.clone().text()).slice(0, 160)}`;
        return response;
      } catch (error) {
        last = String(error).slice(0, 160);
        throw error;
      } finally {
        inFlight.delete(n);
      }
    };
    const client = new Client({
      url: `${options.proxyUrl}/graphql`,
      preferGetMethod: false,
      fetch: jarFetch,
      fetchOptions: () => ({ headers: { 'accept-language': options.session.locale } }),
      exchanges: [fetchExchange],
    });
    const device = new Device(
      options.name,
      options.user,
      jar,
      (device) =>
        new Outbox({
          client: () => client,
          db: () => db,
          random: options.random,
          online: () => device.online,
          lock: deviceLock(),
          channelName: null,
          timeoutMs: options.timeoutMs,
        }),
    );
    device.network = () => {
      const now = Date.now();
      const flying = [...inFlight.values()].map((r) => ({
        s: Math.round((now - r.started) / 1000),
        b: r.body,
      }));
      return `${requests} requests, last answer: ${last}, in flight: ${JSON.stringify(flying)}`;
    };
    return device;
  }

  /** What this device's network is doing (for failure messages). */
  network: () => string = () => '';

  /** Entries the device still holds, by state. */
  byState(state: OutboxEntry['state']): OutboxEntry[] {
    return this.outbox.entries.filter((e) => e.state === state);
  }
}
