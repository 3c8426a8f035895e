import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { MikroORM } from '@mikro-orm/core';
import { type WebhookAttempt, WebhookDelivery, WebhookEvent } from './webhook.entity.js';
import { guardedLookup, type WebhookUrlPolicy, webhookUrlProblem } from './webhook-url.js';

/** 1 attempt + 11 retries over about 24 hours, then the delivery is FAILED. */
export const MAX_ATTEMPTS = 12;
/** Wait before retry n (after attempt n), before jitter: 30 s, 2 min, 10 min, 30 min, 1 h … 5 h. */
const BACKOFF_MS = [
  30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 14_400_000, 14_400_000, 14_400_000,
  18_000_000,
] as const;
/** Each wait is spread by ±20% so a receiver that comes back is not hit by every retry at once. */
const JITTER = 0.2;
/** How long one attempt may take, connection to answer. */
export const ATTEMPT_TIMEOUT_MS = 10_000;
/** A claimed row is left alone by other workers this long (far more than one attempt takes). */
const LEASE_MS = 5 * ATTEMPT_TIMEOUT_MS;
/** Rows claimed per pass, and attempts in flight at once. */
const BATCH = 50;
const CONCURRENCY = 8;
/** The log keeps the most recent attempts. */
const LOG_LIMIT = 50;

export interface DeliveryOptions extends WebhookUrlPolicy {
  /** The clock; tests move it forward instead of sleeping. */
  readonly now?: Date;
  /** Random number in [0, 1) for the jitter (tests pass a fixed one). */
  readonly random?: () => number;
  readonly timeoutMs?: number;
}

export interface DeliveryPass {
  readonly attempted: number;
  readonly delivered: number;
  /** Attempts that did not get a 2xx (retried later or, after the last, FAILED). */
  readonly failedAttempts: number;
}

/** The wait before the next attempt after `attempts` attempts, with jitter. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1] ?? BACKOFF_MS[0];
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

/** `v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>`. */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

interface Outcome {
  readonly statusCode: number | null;
  readonly error: string | null;
}

/** A short reason safe to show and store (no secrets: only the status or the error code). */
function shortError(error: unknown): string {
  const e = error as { code?: string; name?: string; message?: string };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'Timed out';
  const text = [e?.code, e?.message].filter(Boolean).join(': ') || 'Request failed';
  return text.slice(0, 300);
}

/**
 * POSTs `body` to `url`. Plain node:http(s) rather than fetch: its `lookup` hook lets every
 * connection refuse private addresses (see guardedLookup), and it never follows redirects.
 */
function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  policy: WebhookUrlPolicy,
  timeoutMs: number,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const done = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    try {
      const req = send(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          lookup: guardedLookup(policy) as never,
          agent: false,
          signal: AbortSignal.timeout(timeoutMs),
        },
        (res) => {
          const status = res.statusCode ?? 0;
          // The status decides; the answer's body does not matter and is read away unseen (a
          // receiver that never ends it is cut off by the timeout without changing the outcome).
          res.on('error', () => {});
          res.resume();
          done({ statusCode: status, error: status >= 200 && status < 300 ? null : `HTTP ${status}` });
        },
      );
      req.on('error', (error) => done({ statusCode: null, error: shortError(error) }));
      req.end(body);
    } catch (error) {
      done({ statusCode: null, error: shortError(error) });
    }
  });
}

/**
 * Takes the row for this worker if it is still due and not held by another one: one conditional
 * UPDATE, safe with several API processes on one database.
 */
async function claim(orm: MikroORM, id: string, now: Date): Promise<boolean> {
  const em = orm.em.fork();
  const taken = await em.nativeUpdate(
    WebhookDelivery,
    {
      id,
      state: 'PENDING',
      nextAttemptAt: { $lte: now },
      $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }],
    },
    { lockedUntil: new Date(now.getTime() + LEASE_MS) },
  );
  return taken === 1;
}

/** One attempt of a claimed delivery, recorded on it. True when delivered. */
async function attempt(orm: MikroORM, id: string, options: DeliveryOptions, now: Date): Promise<boolean> {
  const em = orm.em.fork();
  const delivery = await em.findOne(WebhookDelivery, { id }, { populate: ['webhook', 'event'] });
  if (!delivery) return false;
  const { webhook, event } = delivery;
  const body = JSON.stringify(event.payload);
  const timestamp = Math.floor(now.getTime() / 1000);
  const started = performance.now();
  const problem = webhookUrlProblem(webhook.url, options);
  const outcome: Outcome = problem
    ? { statusCode: null, error: `URL refused: ${problem}` }
    : await post(
        webhook.url,
        {
          'content-type': 'application/json',
          'user-agent': 'Clave-Webhooks/1',
          'clave-event': event.type,
          'clave-delivery': delivery.id,
          'clave-timestamp': String(timestamp),
          'clave-signature': signature(webhook.secret, timestamp, body),
        },
        body,
        options,
        options.timeoutMs ?? ATTEMPT_TIMEOUT_MS,
      );
  const delivered = outcome.error === null;
  const entry: WebhookAttempt = {
    at: now.toISOString(),
    statusCode: outcome.statusCode,
    error: outcome.error,
    durationMs: Math.round(performance.now() - started),
  };
  const attempts = delivery.attempts + 1;
  const gaveUp = !delivered && attempts >= MAX_ATTEMPTS;
  await em.nativeUpdate(
    WebhookDelivery,
    { id, state: 'PENDING' },
    {
      attempts,
      state: delivered ? 'DELIVERED' : gaveUp ? 'FAILED' : 'PENDING',
      nextAttemptAt:
        delivered || gaveUp ? null : new Date(now.getTime() + retryDelayMs(attempts, options.random)),
      lockedUntil: null,
      lastAttemptAt: now,
      lastStatusCode: outcome.statusCode,
      lastError: outcome.error,
      deliveredAt: delivered ? now : null,
      log: [...delivery.log, entry].slice(-LOG_LIMIT),
    },
  );
  return delivered;
}

/**
 * One pass of the delivery worker: claims the deliveries due at `now` (PENDING, next attempt
 * passed, not held by another worker, webhook active) and attempts each once. Returns what it did;
 * deliveries that keep failing are retried by later passes with backoff, then FAILED.
 */
export async function deliverDueWebhooks(orm: MikroORM, options: DeliveryOptions): Promise<DeliveryPass> {
  const now = options.now ?? new Date();
  const due = await orm.em.fork().find(
    WebhookDelivery,
    {
      state: 'PENDING',
      nextAttemptAt: { $lte: now },
      $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }],
      webhook: { active: true },
    },
    { fields: ['id'], orderBy: { nextAttemptAt: 'asc', id: 'asc' }, limit: BATCH },
  );
  let attempted = 0;
  let delivered = 0;
  const queue = due.map((d) => d.id);
  async function lane() {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      if (!(await claim(orm, id, now))) continue;
      attempted += 1;
      if (await attempt(orm, id, options, now)) delivered += 1;
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, lane));
  return { attempted, delivered, failedAttempts: attempted - delivered };
}

/** Finished deliveries (and events left without any) are kept this long in the log. */
export const LOG_RETENTION_DAYS = 30;
const PRUNE_EVERY_MS = 3_600_000;
const PRUNE_CHUNK = 500;

/**
 * Deletes DELIVERED and FAILED deliveries older than LOG_RETENTION_DAYS, then the events no
 * delivery refers to any more. PENDING deliveries are never deleted. Returns the deliveries removed.
 */
export async function pruneWebhookLog(orm: MikroORM, now = new Date()): Promise<number> {
  const em = orm.em.fork();
  const cutoff = new Date(now.getTime() - LOG_RETENTION_DAYS * 86_400_000);
  const removed = await em.nativeDelete(WebhookDelivery, {
    state: { $in: ['DELIVERED', 'FAILED'] },
    createdAt: { $lt: cutoff },
  });
  for (;;) {
    const old = await em.find(
      WebhookEvent,
      { occurredAt: { $lt: cutoff } },
      { fields: ['id'], orderBy: { occurredAt: 'asc', id: 'asc' }, limit: PRUNE_CHUNK },
    );
    if (old.length === 0) break;
    const ids = old.map((e) => e.id);
    const kept = await em.find(WebhookDelivery, { event: { $in: ids } }, { fields: ['event'] });
    const referenced = new Set(kept.map((d) => d.event.id));
    const orphans = ids.filter((id) => !referenced.has(id));
    if (orphans.length > 0) await em.nativeDelete(WebhookEvent, { id: { $in: orphans } });
    // Old events still referenced (by pending deliveries) stay; stop once a chunk frees nothing.
    if (orphans.length === 0 || old.length < PRUNE_CHUNK) break;
  }
  return removed;
}

export interface WebhookWorker {
  /** Stops polling and waits for the attempts in flight to finish and be recorded. */
  stop(): Promise<void>;
}

/**
 * Polls for due deliveries every `pollMs` (at once again when a pass was full), and prunes the
 * delivery log once an hour. Errors of a pass
 * (e.g. the database briefly away) are reported and the next pass tries again.
 */
export function startWebhookWorker(
  orm: MikroORM,
  options: WebhookUrlPolicy & { readonly pollMs: number },
  report: (error: unknown) => void = (error) => console.error('webhook delivery pass failed', error),
): WebhookWorker {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let prunedAt = 0;

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      running = pass().finally(() => {
        running = null;
      });
    }, ms);
  };
  async function pass() {
    let full = false;
    try {
      const result = await deliverDueWebhooks(orm, options);
      full = result.attempted >= BATCH;
      if (Date.now() - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = Date.now();
        await pruneWebhookLog(orm);
      }
    } catch (error) {
      report(error);
    }
    schedule(full ? 0 : options.pollMs);
  }
  schedule(0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
