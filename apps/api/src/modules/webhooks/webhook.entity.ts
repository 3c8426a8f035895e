import { WEBHOOK_DELIVERY_STATES, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@clave/domain';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { enumColumn } from '../../db/enum-column.js';
import { Account } from '../accounts/account.entity.js';
import { User } from '../users/user.entity.js';

/**
 * A URL that receives signed events. The signing secret must be usable for HMAC, so it is kept as
 * is (it cannot be a hash): hidden from serialization, never exposed by GraphQL after creation,
 * never logged nor written to the audit trail.
 */
export const Webhook = defineEntity({
  name: 'Webhook',
  properties: {
    id: p.uuid().primary(),
    /** Whose rights decide which events it receives: the admin, or the token's user, who made it. */
    owner: () => p.manyToOne(User).index().deleteRule('cascade'),
    url: p.string().length(2048),
    description: p.string().length(200),
    events: p.json<WebhookEventType[]>(),
    secret: p.string().length(100).hidden(),
    active: p.boolean().index(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    version: p.integer().version(),
  },
});
export type Webhook = InferEntity<typeof Webhook>;

/**
 * The outbox: one row per event, written in the transaction of the change it describes, so an
 * event exists exactly when its change was committed. `payload` is the JSON body sent.
 */
export const WebhookEvent = defineEntity({
  name: 'WebhookEvent',
  properties: {
    id: p.uuid().primary(),
    type: enumColumn(WEBHOOK_EVENT_TYPES),
    account: () => p.manyToOne(Account).index().deleteRule('cascade'),
    payload: p.json<Record<string, unknown>>(),
    occurredAt: p.datetime(),
  },
});
export type WebhookEvent = InferEntity<typeof WebhookEvent>;

/** One attempt to deliver, kept on its delivery (the delivery log). */
export interface WebhookAttempt {
  /** ISO 8601 instant the request was sent. */
  readonly at: string;
  /** The receiver's HTTP status, or null when no answer came (refused, timeout, DNS…). */
  readonly statusCode: number | null;
  /** A short reason when it was not a 2xx answer; never holds the secret. */
  readonly error: string | null;
  readonly durationMs: number;
}

/**
 * One event for one webhook. The worker claims due rows (PENDING, nextAttemptAt passed, not locked
 * by another process), sends them, and records every attempt here.
 */
export const WebhookDelivery = defineEntity({
  name: 'WebhookDelivery',
  indexes: [
    // What the worker polls on.
    { properties: ['state', 'nextAttemptAt'] },
    // The delivery log of a webhook, newest first.
    { properties: ['webhook', 'createdAt'] },
  ],
  uniques: [{ properties: ['webhook', 'event'] }],
  properties: {
    id: p.uuid().primary(),
    webhook: () => p.manyToOne(Webhook).deleteRule('cascade'),
    event: () => p.manyToOne(WebhookEvent).index().deleteRule('cascade'),
    state: enumColumn(WEBHOOK_DELIVERY_STATES),
    /** Attempts made since the delivery was created or last sent again by hand. */
    attempts: p.integer(),
    /** When the next attempt is due; null once DELIVERED or FAILED. */
    nextAttemptAt: p.datetime().nullable(),
    /** A worker holds the row until then; a crashed worker's claim simply runs out. */
    lockedUntil: p.datetime().nullable(),
    lastAttemptAt: p.datetime().nullable(),
    lastStatusCode: p.integer().nullable(),
    lastError: p.string().length(300).nullable(),
    deliveredAt: p.datetime().nullable(),
    /** Every attempt, oldest first (at most the last 50). */
    log: p.json<WebhookAttempt[]>(),
    createdAt: p.datetime(),
  },
});
export type WebhookDelivery = InferEntity<typeof WebhookDelivery>;
