import { randomBytes } from 'node:crypto';
import {
  WEBHOOK_DELIVERY_STATES,
  WEBHOOK_EVENT_TYPES,
  type WebhookDeliveryState,
  type WebhookEventType,
} from '@clave/domain';
import { Cursor, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { newId } from '../../db/ids.js';
import {
  assertVersion,
  conflictOnRace,
  type FieldIssue,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../errors.js';
import { requireViewer } from '../accounts/account.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { hasScope, type Scope, type Viewer } from '../auth/viewer.js';
import { User } from '../users/user.entity.js';
import { Webhook, WebhookDelivery } from './webhook.entity.js';
import { type WebhookUrlPolicy, webhookUrlProblem } from './webhook-url.js';

/** Recognisable in logs and secret scanners; 256 random bits after the prefix. */
const SECRET_PREFIX = 'whsec_';
/** Enough for every integration a user runs; bounds the work each event costs (message: webhookLimit). */
export const MAX_WEBHOOKS_PER_USER = 20;

const newSecret = () => SECRET_PREFIX + randomBytes(32).toString('base64url');

const eventType = z
  .string()
  .refine((v) => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(v), { message: 'webhookEventUnknown' })
  .transform((v) => v as WebhookEventType);
const events = z
  .array(eventType)
  .min(1, { message: 'webhookEventsEmpty' })
  .max(WEBHOOK_EVENT_TYPES.length)
  .refine((list) => new Set(list).size === list.length, { message: 'noRepeats' });
/** Optional single-line text; empty clears it. */
const description = z
  .string()
  .trim()
  .max(200)
  .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), {
    message: 'singleLine',
  });

const createInput = z.object({
  url: z.string(),
  events,
  description: description.nullish(),
});
const updateInput = z.object({
  url: z.string().nullish(),
  events: events.nullish(),
  description: description.nullish(),
  active: z.boolean().nullish(),
  expectedVersion: z.number().int(),
});

/** Parses `input` and checks its URL under `policy`, reporting every problem at once. */
function parse<S extends z.ZodType>(schema: S, input: unknown, policy: WebhookUrlPolicy): z.output<S> {
  const result = schema.safeParse(input);
  const issues: FieldIssue[] = result.success ? [] : [...ValidationError.fromZod(result.error).issues];
  const url = (input as { url?: unknown } | null)?.url;
  if (typeof url === 'string' && !issues.some((i) => i.path[0] === 'url')) {
    const problem = webhookUrlProblem(url.trim(), policy);
    if (problem) issues.push({ path: ['url'], message: problem });
  }
  if (issues.length > 0 || !result.success) throw new ValidationError(issues);
  return result.data;
}

function snapshot(webhook: Webhook): Record<string, unknown> {
  // Never the secret.
  return {
    ownerId: webhook.owner.id,
    url: webhook.url,
    description: webhook.description,
    events: webhook.events,
    active: webhook.active,
  };
}

/**
 * Who may register and change webhooks: an admin signed in to the app, or an API token with the
 * write:webhooks scope (acting for its user). Other people signed in to the app may only read theirs.
 */
function requireWebhookWriter(scope: Scope): Viewer {
  const viewer = requireViewer(scope);
  const allowed =
    viewer.credential.kind === 'token' ? hasScope(viewer, 'write:webhooks') : viewer.actor.role === 'ADMIN';
  if (!allowed) throw new ForbiddenError();
  return viewer;
}

/** An admin manages every webhook; anyone else only their own. */
const manageable = (viewer: Viewer): FilterQuery<Webhook> =>
  viewer.actor.role === 'ADMIN' ? {} : { owner: viewer.user.id };

async function getManageable(em: EntityManager, viewer: Viewer, id: string): Promise<Webhook> {
  const webhook = await em.findOne(Webhook, { $and: [{ id }, manageable(viewer)] });
  if (!webhook) throw new NotFoundError('Webhook');
  return webhook;
}

/** Runs `work` in one transaction; a concurrent change found at flush is a ConflictError. */
async function writeWebhook<T>(
  scope: Scope,
  id: string,
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  return conflictOnRace(
    'Webhook',
    () => scope.em.fork().findOne(Webhook, { id }),
    () => scope.em.transactional(work),
  );
}

export interface NewWebhook {
  readonly webhook: Webhook;
  /** Shown once, at creation or rotation; never again. */
  readonly secret: string;
}

/** Registers a webhook owned by the caller; its events are those the caller may see. */
export async function createWebhook(
  scope: Scope,
  input: unknown,
  policy: WebhookUrlPolicy,
  now = new Date(),
): Promise<NewWebhook> {
  const viewer = requireWebhookWriter(scope);
  const data = parse(createInput, input, policy);
  const secret = newSecret();
  return scope.em.transactional(async (em) => {
    const count = await em.count(Webhook, { owner: viewer.user.id });
    if (count >= MAX_WEBHOOKS_PER_USER) {
      throw ValidationError.field([], 'webhookLimit');
    }
    const webhook = em.create(Webhook, {
      id: newId(),
      owner: em.getReference(User, viewer.user.id),
      url: data.url.trim(),
      description: data.description ?? '',
      events: data.events,
      secret,
      active: true,
      createdAt: now,
      updatedAt: now,
    });
    recordAudit(em, {
      actorId: viewer.user.id,
      entityType: 'Webhook',
      entityId: webhook.id,
      action: 'CREATE',
      after: snapshot(webhook),
    });
    return { webhook, secret };
  });
}

/** The caller's webhooks (every webhook for an admin), newest first. */
export async function listWebhooks(scope: Scope): Promise<Webhook[]> {
  const viewer = requireViewer(scope);
  return scope.em.find(Webhook, manageable(viewer), { orderBy: { createdAt: 'desc', id: 'desc' } });
}

/** Webhooks among `ids` that the viewer may see (null for the others), in order. */
export async function loadWebhooks(scope: Scope, ids: readonly string[]): Promise<(Webhook | null)[]> {
  if (!scope.viewer) return ids.map(() => null);
  const found = await scope.em.find(Webhook, { $and: [{ id: { $in: [...ids] } }, manageable(scope.viewer)] });
  const byId = new Map(found.map((w) => [w.id, w]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Changes the URL, events, description or whether it is active (paused webhooks get no events). */
export async function updateWebhook(
  scope: Scope,
  id: string,
  input: unknown,
  policy: WebhookUrlPolicy,
  now = new Date(),
): Promise<Webhook> {
  const viewer = requireWebhookWriter(scope);
  const data = parse(updateInput, input, policy);
  return writeWebhook(scope, id, async (em) => {
    const webhook = await getManageable(em, viewer, id);
    assertVersion('Webhook', webhook, data.expectedVersion);
    const before = snapshot(webhook);
    if (data.url != null) webhook.url = data.url.trim();
    if (data.events != null) webhook.events = data.events;
    if (data.description != null) webhook.description = data.description;
    if (data.active != null) webhook.active = data.active;
    webhook.updatedAt = now;
    recordAudit(em, {
      actorId: viewer.user.id,
      entityType: 'Webhook',
      entityId: webhook.id,
      action: 'UPDATE',
      before,
      after: snapshot(webhook),
    });
    return webhook;
  });
}

/** Deletes a webhook and its delivery log; nothing more is sent to it. */
export async function deleteWebhook(scope: Scope, id: string): Promise<string> {
  const viewer = requireWebhookWriter(scope);
  return scope.em.transactional(async (em) => {
    const webhook = await getManageable(em, viewer, id);
    const before = snapshot(webhook);
    await em.nativeDelete(WebhookDelivery, { webhook: webhook.id });
    em.remove(webhook);
    recordAudit(em, {
      actorId: viewer.user.id,
      entityType: 'Webhook',
      entityId: id,
      action: 'DELETE',
      before,
    });
    return id;
  });
}

/**
 * A new signing secret, shown once; the old one stops at once, so pending and retried
 * deliveries are signed with the new one.
 */
export async function rotateWebhookSecret(scope: Scope, id: string, now = new Date()): Promise<NewWebhook> {
  const viewer = requireWebhookWriter(scope);
  const secret = newSecret();
  return writeWebhook(scope, id, async (em) => {
    const webhook = await getManageable(em, viewer, id);
    webhook.secret = secret;
    webhook.updatedAt = now;
    recordAudit(em, {
      actorId: viewer.user.id,
      entityType: 'Webhook',
      entityId: webhook.id,
      action: 'ROTATE_SECRET',
    });
    return { webhook, secret };
  });
}

const pageInput = z.object({
  first: z
    .number()
    .int()
    .min(1, { message: 'firstOutOfRange' })
    .max(100, { message: 'firstOutOfRange' })
    .nullish(),
  after: z.string().max(1000).nullish(),
  state: z.enum(WEBHOOK_DELIVERY_STATES).nullish(),
});

/** The delivery log of a webhook the viewer may see, newest first. */
export async function webhookDeliveries(
  scope: Scope,
  webhookId: string,
  request: { first?: number | null; after?: string | null; state?: WebhookDeliveryState | null },
): Promise<Cursor<WebhookDelivery>> {
  const viewer = requireViewer(scope);
  const parsed = pageInput.safeParse(request);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  const { first, after, state } = parsed.data;
  if (after) {
    let valid = false;
    try {
      valid = Array.isArray(Cursor.decode(after));
    } catch {
      valid = false;
    }
    if (!valid) throw ValidationError.field(['after'], 'invalidInput');
  }
  const webhook = await getManageable(scope.em, viewer, webhookId);
  const where: FilterQuery<WebhookDelivery> = state
    ? { webhook: webhook.id, state }
    : { webhook: webhook.id };
  return scope.em.findByCursor(WebhookDelivery, where, {
    first: first ?? 20,
    after: after ?? undefined,
    orderBy: { createdAt: 'desc', id: 'desc' },
    includeCount: true,
    populate: ['event'],
  } as never);
}

/** Deliveries among `ids` whose webhook the viewer may see (null for the others), in order. */
export async function loadDeliveries(
  scope: Scope,
  ids: readonly string[],
): Promise<(WebhookDelivery | null)[]> {
  if (!scope.viewer) return ids.map(() => null);
  const found = await scope.em.find(
    WebhookDelivery,
    { $and: [{ id: { $in: [...ids] } }, { webhook: manageable(scope.viewer) }] },
    { populate: ['event'] },
  );
  const byId = new Map(found.map((d) => [d.id, d]));
  return ids.map((id) => byId.get(id) ?? null);
}

/**
 * Sends a delivered or failed delivery again, with the same Clave-Delivery id (receivers that
 * processed it already can tell), starting a fresh round of retries.
 */
export async function redeliverWebhookDelivery(
  scope: Scope,
  id: string,
  now = new Date(),
): Promise<WebhookDelivery> {
  const viewer = requireWebhookWriter(scope);
  return scope.em.transactional(async (em) => {
    const [delivery] = await loadDeliveries({ ...scope, em }, [id]);
    if (!delivery) throw new NotFoundError('WebhookDelivery');
    if (delivery.state === 'PENDING') throw ValidationError.field([], 'webhookDeliveryPending');
    // A claim by a worker on the same row is harmless: the row is only taken while PENDING.
    const claimed = await em.nativeUpdate(
      WebhookDelivery,
      { id: delivery.id, state: delivery.state },
      { state: 'PENDING', attempts: 0, nextAttemptAt: now, lockedUntil: null },
    );
    if (claimed !== 1) throw ValidationError.field([], 'webhookDeliveryPending');
    recordAudit(em, {
      actorId: viewer.user.id,
      entityType: 'WebhookDelivery',
      entityId: delivery.id,
      action: 'REDELIVER',
      before: { state: delivery.state },
      after: { state: 'PENDING' },
    });
    await em.refresh(delivery);
    return delivery;
  });
}
