import type { WEBHOOK_DELIVERY_STATES } from '@clave/domain';
import { ConflictError } from '../../errors.js';
import { builder } from '../../graphql/builder.js';
import { forwardPageArgs, toConnection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { isEntity } from '../../graphql/entity-type.js';
import { orGraphQLError, WRITE_ERRORS } from '../../graphql/errors.js';
import { decodeId } from '../../graphql/ids.js';
import { visibleByAccount } from '../accounts/account.service.js';
import { UserRef } from '../users/user.graphql.js';
import type { Webhook, WebhookAttempt, WebhookDelivery } from './webhook.entity.js';
import {
  createWebhook,
  deleteWebhook,
  listWebhooks,
  loadDeliveries,
  loadWebhooks,
  type NewWebhook,
  redeliverWebhookDelivery,
  rotateWebhookSecret,
  updateWebhook,
  webhookDeliveries,
} from './webhook.service.js';

const EVENTS_DOC =
  'visit.logged, plan_action.updated, kpi.status_changed, resource_request.decided (see docs/API.md).';

const DeliveryStateEnum = builder.enumType('WebhookDeliveryState', {
  description: 'Where a delivery stands.',
  values: {
    PENDING: { description: 'Not delivered yet: due now or waiting for its next retry.' },
    DELIVERED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'Every retry failed (12 attempts over about 24 hours); it can be sent again.' },
  } satisfies Record<(typeof WEBHOOK_DELIVERY_STATES)[number], { description: string }>,
});

export const WebhookRef = builder.loadableNode('Webhook', {
  // API tokens need this scope to see webhooks, on every path.
  authScopes: { tokenScope: 'write:webhooks' },
  description:
    'A URL that receives signed events about the accounts its owner may see. The signing secret is ' +
    'shown only when the webhook is created or its secret rotated.',
  id: { resolve: (webhook) => webhook.id },
  isTypeOf: isEntity('Webhook'),
  // Null for webhooks the viewer may not see: `node` then answers null, as for a missing id.
  load: (ids: string[], ctx: Context) => loadWebhooks(ctx, ids) as Promise<Webhook[]>,
  fields: (t) => ({
    url: t.exposeString('url', { description: 'Where events are POSTed.' }),
    description: t.exposeString('description', { description: 'What it is for; may be empty.' }),
    events: t.stringList({
      description: `The event types it receives: ${EVENTS_DOC}`,
      resolve: (webhook) => [...webhook.events],
    }),
    active: t.exposeBoolean('active', {
      description: 'False while paused: no new events are recorded for it and pending ones wait.',
    }),
    owner: t.field({
      type: UserRef,
      description: 'Who registered it; it receives events about the accounts this user may see.',
      resolve: (webhook, _args, ctx) => UserRef.getDataloader(ctx).load(webhook.owner.id),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was registered.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
    version: t.exposeInt('version', { description: 'Send as expectedVersion to change it.' }),
  }),
});

const AttemptRef = builder.objectRef<WebhookAttempt>('WebhookAttempt').implement({
  authScopes: { tokenScope: 'write:webhooks' },
  description: 'One try to deliver an event.',
  fields: (t) => ({
    at: t.field({
      type: 'DateTime',
      description: 'When the request was sent.',
      resolve: (a) => new Date(a.at),
    }),
    statusCode: t.exposeInt('statusCode', {
      nullable: true,
      description: "The receiver's HTTP status; null when no answer came (refused, timed out…).",
    }),
    error: t.exposeString('error', {
      nullable: true,
      description: 'Why it did not count as delivered (e.g. "HTTP 500", "Timed out"); null on success.',
    }),
    durationMs: t.exposeInt('durationMs', { description: 'How long the attempt took, in milliseconds.' }),
  }),
});

export const WebhookDeliveryRef = builder.loadableNode('WebhookDelivery', {
  authScopes: { tokenScope: 'write:webhooks' },
  description:
    'One event for one webhook, with every attempt. Its id is the Clave-Delivery header: receivers ' +
    'deduplicate on it.',
  id: { resolve: (delivery) => delivery.id },
  isTypeOf: isEntity('WebhookDelivery'),
  load: (ids: string[], ctx: Context) => loadDeliveries(ctx, ids) as Promise<WebhookDelivery[]>,
  fields: (t) => ({
    deliveryId: t.string({
      description: 'The value of the Clave-Delivery header (a UUID).',
      resolve: (d) => d.id,
    }),
    eventId: t.string({
      description: 'The event id (`id` in the body); the same for every webhook that got the event.',
      resolve: (d) => d.event.id,
    }),
    eventType: t.string({ description: `The event type: ${EVENTS_DOC}`, resolve: (d) => d.event.type }),
    occurredAt: t.field({
      type: 'DateTime',
      description: 'When the change happened.',
      resolve: (d) => d.event.occurredAt,
    }),
    payload: t.loadable({
      type: 'String',
      nullable: true,
      description:
        'The JSON body sent; null when the caller may no longer see the account the event is about.',
      load: async (ids: string[], ctx: Context) => {
        const deliveries = await loadDeliveries(ctx, ids);
        const visible = await visibleByAccount(ctx, deliveries, (d) => d.event.account.id);
        return visible.map((d) => (d ? JSON.stringify(d.event.payload) : null));
      },
      resolve: (d) => d.id,
    }),
    state: t.field({ type: DeliveryStateEnum, description: 'Where it stands.', resolve: (d) => d.state }),
    attempts: t.exposeInt('attempts', {
      description: 'Attempts made (since it was created or last sent again by hand).',
    }),
    nextAttemptAt: t.expose('nextAttemptAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the next attempt is due; null once delivered or failed.',
    }),
    lastAttemptAt: t.expose('lastAttemptAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was last tried.',
    }),
    lastStatusCode: t.exposeInt('lastStatusCode', {
      nullable: true,
      description: "The receiver's HTTP status at the last attempt; null when no answer came.",
    }),
    lastError: t.exposeString('lastError', {
      nullable: true,
      description: 'Why the last attempt failed; null if it succeeded or none was made.',
    }),
    deliveredAt: t.expose('deliveredAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the receiver accepted it.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was queued.' }),
    log: t.field({
      type: [AttemptRef],
      description: 'Every attempt, oldest first (the last 50).',
      resolve: (d) => [...d.log],
    }),
    webhook: t.field({
      type: WebhookRef,
      description: 'The webhook it is for.',
      resolve: (d, _args, ctx) => WebhookRef.getDataloader(ctx).load(d.webhook.id),
    }),
  }),
});

const NewWebhookRef = builder.objectRef<NewWebhook>('NewWebhook').implement({
  description: 'A webhook with its signing secret: store the secret now, it cannot be shown again.',
  fields: (t) => ({
    webhook: t.field({ type: WebhookRef, description: 'The webhook.', resolve: (n) => n.webhook }),
    secret: t.exposeString('secret', {
      description: 'The HMAC-SHA256 key of Clave-Signature (whsec_…). Shown once.',
    }),
  }),
});

const CreateWebhookInput = builder.inputType('CreateWebhookInput', {
  description: 'A new webhook. It receives the chosen events about the accounts its owner may see.',
  fields: (t) => ({
    url: t.string({
      required: true,
      description:
        'Absolute https URL (http only when the server allows it); not a loopback, private or ' +
        'link-local address; no user name or password in it.',
    }),
    events: t.stringList({ required: true, description: `One or more of: ${EVENTS_DOC}` }),
    description: t.string({ description: 'What it is for, up to 200 characters.' }),
  }),
});

const UpdateWebhookInput = builder.inputType('UpdateWebhookInput', {
  description: 'Only the fields given change.',
  fields: (t) => ({
    url: t.string({ description: 'New URL (same rules as at creation).' }),
    events: t.stringList({ description: `The complete new list of events: ${EVENTS_DOC}` }),
    description: t.string({ description: 'New description (empty to clear).' }),
    active: t.boolean({ description: 'False pauses it, true resumes it.' }),
    expectedVersion: t.int({ required: true, description: 'The version read; a stale one is a conflict.' }),
  }),
});

const webhookId = (id: string) => decodeId(id, 'Webhook');

builder.queryField('webhooks', (t) =>
  t.field({
    type: [WebhookRef],
    description: "The caller's webhooks, newest first (an admin sees every webhook).",
    // Signed in, and for an API token the write:webhooks scope (sessions have every scope).
    authScopes: { tokenScope: 'write:webhooks' },
    resolve: (_root, _args, ctx) => orGraphQLError(ctx.locale, () => listWebhooks(ctx)),
  }),
);

interface Page {
  first?: number | null;
  after?: string | null;
  state?: (typeof WEBHOOK_DELIVERY_STATES)[number] | null;
}

builder.queryField('webhookDeliveries', (t) =>
  t.connection(
    {
      type: WebhookDeliveryRef,
      description: "A webhook's delivery log, newest first (its owner or an admin).",
      // Signed in, and for an API token the write:webhooks scope, even when asking only for totalCount.
      authScopes: { tokenScope: 'write:webhooks' },
      args: {
        webhookId: t.arg.id({ required: true, description: 'Global id of the webhook.' }),
        state: t.arg({ type: DeliveryStateEnum, description: 'Only deliveries in this state.' }),
      },
      validate: forwardPageArgs,
      resolve: (_root, args, ctx) =>
        orGraphQLError(ctx.locale, async () =>
          toConnection(
            await webhookDeliveries(ctx, decodeId(args.webhookId, 'Webhook', ['webhookId']), args as Page),
          ),
        ),
    },
    {
      fields: (t) => ({
        totalCount: t.int({
          description: 'How many deliveries match, across all pages.',
          resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
        }),
      }),
    },
  ),
);

builder.mutationField('createWebhook', (t) =>
  t.field({
    type: NewWebhookRef,
    description:
      'Registers a webhook (an admin signed in, or an API token with write:webhooks). Returns its ' +
      'signing secret, once.',
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: CreateWebhookInput, required: true, description: 'The webhook.' }) },
    errors: { types: WRITE_ERRORS },
    resolve: (_root, { input }, ctx) => createWebhook(ctx, input, ctx.config.webhooks),
  }),
);

builder.mutationField('updateWebhook', (t) =>
  t.field({
    type: WebhookRef,
    description: 'Changes a webhook: URL, events, description, or pauses/resumes it.',
    authScopes: { signedIn: true },
    args: {
      id: t.arg.id({ required: true, description: 'Global id of the webhook.' }),
      input: t.arg({ type: UpdateWebhookInput, required: true, description: 'The fields to change.' }),
    },
    errors: { types: [...WRITE_ERRORS, ConflictError] },
    resolve: (_root, { id, input }, ctx) => updateWebhook(ctx, webhookId(id), input, ctx.config.webhooks),
  }),
);

builder.mutationField('deleteWebhook', (t) =>
  t.field({
    type: 'ID',
    description: 'Deletes a webhook and its delivery log; returns its global id.',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true, description: 'Global id of the webhook.' }) },
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { id }, ctx) => {
      await deleteWebhook(ctx, webhookId(id));
      return id;
    },
  }),
);

builder.mutationField('rotateWebhookSecret', (t) =>
  t.field({
    type: NewWebhookRef,
    description: 'Replaces the signing secret (the old one stops at once) and returns the new one, once.',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true, description: 'Global id of the webhook.' }) },
    errors: { types: WRITE_ERRORS },
    resolve: (_root, { id }, ctx) => rotateWebhookSecret(ctx, webhookId(id)),
  }),
);

builder.mutationField('redeliverWebhookDelivery', (t) =>
  t.field({
    type: WebhookDeliveryRef,
    description:
      'Sends a delivered or failed delivery again, with the same Clave-Delivery id and a fresh round ' +
      'of retries.',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true, description: 'Global id of the delivery.' }) },
    errors: { types: WRITE_ERRORS },
    resolve: (_root, { id }, ctx) => redeliverWebhookDelivery(ctx, decodeId(id, 'WebhookDelivery')),
  }),
);
