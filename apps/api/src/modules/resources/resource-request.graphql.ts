import type { RESOURCE_KINDS, RESOURCE_REQUEST_STATUSES } from '@clave/domain';
import { Reference } from '@mikro-orm/core';
import { ConflictError } from '../../errors.js';
import { builder } from '../../graphql/builder.js';
import { forwardPageArgs, toConnection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { isEntity } from '../../graphql/entity-type.js';
import { orGraphQLError, WRITE_ERRORS } from '../../graphql/errors.js';
import { decodeId } from '../../graphql/ids.js';
import { AccountRef } from '../accounts/account.graphql.js';
import { OpportunityRef } from '../opportunities/opportunity.graphql.js';
import { PlanActionRef } from '../plans/plan-action.graphql.js';
import { UserRef } from '../users/user.graphql.js';
import type { ResourceRequest } from './resource-request.entity.js';
import {
  createResourceRequest,
  decideResourceRequest,
  listMyResourceRequests,
  listPendingResourceRequests,
  loadResourceRequests,
  resourceRequestsByAccount,
  resourceRequestsByOpportunity,
} from './resource-request.service.js';

const ResourceKindEnum = builder.enumType('ResourceKind', {
  description: 'What kind of company resource a KAM asks for.',
  values: {
    BUDGET: { description: 'Money to spend, e.g. a trade-marketing budget.' },
    PEOPLE: { description: 'People’s time: merchandisers, promoters, specialists.' },
    SAMPLES: { description: 'Free product for tastings or trials.' },
    PROMOTION: { description: 'A promotion funded or supported by the company.' },
    PRICING: { description: 'A price or terms exception.' },
  } satisfies Record<(typeof RESOURCE_KINDS)[number], { description: string }>,
});

const ResourceRequestStatusEnum = builder.enumType('ResourceRequestStatus', {
  description: 'Where a resource request stands.',
  values: {
    PENDING: { description: 'Waiting for a manager of the account’s team to decide.' },
    APPROVED: { description: 'Approved by a manager.' },
    REJECTED: { description: 'Rejected by a manager, with a reason.' },
  } satisfies Record<(typeof RESOURCE_REQUEST_STATUSES)[number], { description: string }>,
});

export const ResourceRequestRef = builder.loadableNode('ResourceRequest', {
  // API tokens need this scope to read this type, on every path (node, nested, lists).
  authScopes: { tokenScope: 'read:plans' },
  description:
    'A KAM’s request for company resources for a plan action or an opportunity, and the decision a ' +
    'manager of the account’s team took on it.',
  id: { resolve: (request) => request.id },
  isTypeOf: isEntity('ResourceRequest'),
  // Null for requests on accounts the viewer may not see: `node` then answers null.
  load: (ids: string[], ctx: Context) => loadResourceRequests(ctx, ids) as Promise<ResourceRequest[]>,
  fields: (t) => ({
    account: t.field({
      type: AccountRef,
      description: 'The account the resources are for.',
      resolve: (r) => Reference.create(r.account).loadOrFail({ dataloader: true }),
    }),
    kind: t.field({ type: ResourceKindEnum, description: 'What is asked for.', resolve: (r) => r.kind }),
    amount: t.float({
      nullable: true,
      description: 'Money asked for, in the company currency; null when none (e.g. people, samples).',
      resolve: (r) => r.amount ?? null,
    }),
    description: t.exposeString('description', { description: 'What is needed and why.' }),
    planAction: t.field({
      type: PlanActionRef,
      nullable: true,
      description: 'The plan action the resources are for, or null (then `opportunity` is set).',
      // An id: the PlanAction loader fetches and authorizes, batched across the page.
      resolve: (r) => r.planActionId ?? null,
    }),
    opportunity: t.field({
      type: OpportunityRef,
      nullable: true,
      description: 'The opportunity the resources are for, or null (then `planActionId` is set).',
      resolve: (r) =>
        r.opportunity ? Reference.create(r.opportunity).loadOrFail({ dataloader: true }) : null,
    }),
    status: t.field({
      type: ResourceRequestStatusEnum,
      description: 'PENDING until a manager decides.',
      resolve: (r) => r.status,
    }),
    requestedBy: t.field({
      type: UserRef,
      description: 'Who asked.',
      resolve: (r) => Reference.create(r.requestedBy).loadOrFail({ dataloader: true }),
    }),
    decidedBy: t.field({
      type: UserRef,
      nullable: true,
      description: 'The manager who decided, or null while PENDING.',
      resolve: (r) => (r.decidedBy ? Reference.create(r.decidedBy).loadOrFail({ dataloader: true }) : null),
    }),
    decidedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was decided, or null while PENDING.',
      resolve: (r) => r.decidedAt ?? null,
    }),
    decisionReason: t.string({
      nullable: true,
      description: 'Why it was rejected (always given), or a remark on an approval; null otherwise.',
      resolve: (r) => r.decisionReason ?? null,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was asked.' }),
    version: t.exposeInt('version', { description: 'Changes every time the request changes.' }),
  }),
});

builder.objectField(AccountRef, 'resourceRequests', (t) =>
  t.loadableList({
    type: ResourceRequestRef,
    description: 'Resource requests made for the account, newest first.',
    load: (ids: string[], ctx) => resourceRequestsByAccount(ctx.em, ids),
    resolve: (account) => account.id,
  }),
);

builder.objectField(OpportunityRef, 'resourceRequests', (t) =>
  t.loadableList({
    type: ResourceRequestRef,
    description: 'Resource requests made for this opportunity, newest first.',
    load: (ids: string[], ctx) => resourceRequestsByOpportunity(ctx.em, ids),
    resolve: (opportunity) => opportunity.id,
  }),
);

builder.queryField('pendingResourceRequests', (t) =>
  t.connection(
    {
      type: ResourceRequestRef,
      description:
        'The approvals inbox: PENDING requests on the active accounts of the teams the caller manages, ' +
        'oldest first. Empty for callers who decide nothing (KAMs, admins).',
      authScopes: { tokenScope: 'read:plans' },
      validate: forwardPageArgs,
      resolve: (_root, args, ctx) =>
        orGraphQLError(ctx.locale, async () =>
          toConnection(await listPendingResourceRequests(ctx, { first: args.first, after: args.after })),
        ),
    },
    {
      fields: (t) => ({
        totalCount: t.int({
          description: 'How many requests match, across all pages.',
          resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
        }),
      }),
    },
  ),
);

builder.queryField('myResourceRequests', (t) =>
  t.connection(
    {
      type: ResourceRequestRef,
      description: 'The requests the caller made, newest first, with their decisions.',
      authScopes: { tokenScope: 'read:plans' },
      args: {
        status: t.arg({ type: ResourceRequestStatusEnum, description: 'Only requests in this status.' }),
      },
      validate: forwardPageArgs,
      resolve: (_root, args, ctx) =>
        orGraphQLError(ctx.locale, async () =>
          toConnection(
            await listMyResourceRequests(ctx, { first: args.first, after: args.after, status: args.status }),
          ),
        ),
    },
    {
      fields: (t) => ({
        totalCount: t.int({
          description: 'How many requests match, across all pages.',
          resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
        }),
      }),
    },
  ),
);

const CreateResourceRequestInput = builder.inputType('CreateResourceRequestInput', {
  description: 'A request for resources for exactly one plan action or one opportunity of the account.',
  fields: (t) => ({
    id: t.id({
      description:
        'A UUID the client made for this request (not a global id), so that sending it again ' +
        'stores it once. Optional: the server makes one when absent.',
    }),
    accountId: t.id({ required: true, description: 'Global id of the account.' }),
    kind: t.field({ type: ResourceKindEnum, required: true, description: 'What is asked for.' }),
    amount: t.float({ description: 'Money asked for, non-negative, at most two decimals (optional).' }),
    description: t.string({ required: true, description: 'What is needed and why, 1–4000 characters.' }),
    planActionId: t.id({ description: 'Global id of the plan action (or give opportunityId).' }),
    opportunityId: t.id({ description: 'Global id of the opportunity (or give planActionId).' }),
  }),
});

builder.mutationField('createResourceRequest', (t) =>
  t.field({
    type: ResourceRequestRef,
    description:
      'Asks for resources; the request waits PENDING for a manager of the account’s team. With a ' +
      'client-made id, sending the same request again returns the stored one; the same id with ' +
      'other content is a ConflictError.',
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: CreateResourceRequestInput, required: true, description: 'The request.' }) },
    errors: { types: [...WRITE_ERRORS, ConflictError] },
    resolve: (_root, { input }, ctx) =>
      createResourceRequest(ctx, {
        ...(input.id == null ? {} : { id: input.id }),
        kind: input.kind,
        amount: input.amount ?? undefined,
        description: input.description,
        accountId: decodeId(input.accountId, 'Account', ['accountId']),
        planActionId: input.planActionId
          ? decodeId(input.planActionId, 'PlanAction', ['planActionId'])
          : undefined,
        opportunityId: input.opportunityId
          ? decodeId(input.opportunityId, 'Opportunity', ['opportunityId'])
          : undefined,
      }),
  }),
);

builder.mutationField('decideResourceRequest', (t) =>
  t.field({
    type: ResourceRequestRef,
    description:
      'Approves or rejects a request (managers of the account’s team only; a rejection needs a reason). ' +
      'Re-sending the decision already taken returns the request unchanged.',
    authScopes: { signedIn: true },
    args: {
      id: t.arg.id({ required: true, description: 'Global id of the request.' }),
      approve: t.arg.boolean({ required: true, description: 'True to approve, false to reject.' }),
      reason: t.arg.string({ description: 'Why (required to reject, up to 2000 characters).' }),
    },
    errors: { types: WRITE_ERRORS },
    resolve: (_root, { id, approve, reason }, ctx) =>
      decideResourceRequest(ctx, decodeId(id, 'ResourceRequest'), { approve, reason: reason ?? undefined }),
  }),
);
