import type { TokenScope } from '@clave/domain';
import { Reference } from '@mikro-orm/core';
import { builder } from '../../graphql/builder.js';
import { forwardPageArgs, toConnection } from '../../graphql/connection.js';
import { orGraphQLError, WRITE_ERRORS } from '../../graphql/errors.js';
import { decodeId } from '../../graphql/ids.js';
import { UserRef } from '../users/user.graphql.js';
import type { ApiToken } from './token.entity.js';
import { createMyApiToken, listAllApiTokens, listMyApiTokens, revokeMyApiToken } from './token.service.js';

export const TokenScopeEnum = builder.enumType('TokenScope', {
  description: 'What an API token may do; it never exceeds what its user may do.',
  // GraphQL names cannot hold ':'; each value stands for the scope written `read:accounts` etc.
  values: {
    READ_ACCOUNTS: {
      value: 'read:accounts',
      description: 'read:accounts — accounts, profile, stakeholders, revenue.',
    },
    READ_PLANS: {
      value: 'read:plans',
      description: 'read:plans — plans, objectives, actions, opportunities, resource requests.',
    },
    READ_VISITS: { value: 'read:visits', description: 'read:visits — visits.' },
    READ_KPIS: {
      value: 'read:kpis',
      description: 'read:kpis — KPI templates, definitions, measurements, trends.',
    },
    WRITE_KPIS: { value: 'write:kpis', description: 'write:kpis — recordKpiMeasurements.' },
    WRITE_REVENUE: {
      value: 'write:revenue',
      description: 'write:revenue — recordMonthlyRevenue (actual revenue per account and month).',
    },
    WRITE_VISITS: { value: 'write:visits', description: 'write:visits — logVisit.' },
    WRITE_WEBHOOKS: {
      value: 'write:webhooks',
      description: 'write:webhooks — register, change and delete webhooks; read their delivery log.',
    },
  } as const satisfies Record<string, { value: TokenScope; description: string }>,
});

const ApiTokenRef = builder.objectRef<ApiToken>('ApiToken').implement({
  description:
    "An API token (of the signed-in user, or anyone's for an admin). The secret itself is never shown again.",
  fields: (t) => ({
    user: t.field({
      type: UserRef,
      description: "Whose token it is: it acts with this user's rights.",
      resolve: (token) => Reference.create(token.user).loadOrFail({ dataloader: true }),
    }),
    id: t.id({
      description: 'Global id of the token.',
      resolve: (token) => Buffer.from(`ApiToken:${token.id}`).toString('base64'),
    }),
    name: t.exposeString('name', { description: 'What the token is for, e.g. "Power BI".' }),
    prefix: t.exposeString('prefix', { description: 'The first characters of the secret, to recognise it.' }),
    scopes: t.field({
      type: [TokenScopeEnum],
      description: 'What it may do.',
      resolve: (token) => token.scopes,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When it stops working.' }),
    revokedAt: t.expose('revokedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was revoked, if it was.',
    }),
    lastUsedAt: t.expose('lastUsedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was last used (to the minute); null if never.',
    }),
  }),
});

const NewApiTokenRef = builder.objectRef<{ token: ApiToken; secret: string }>('NewApiToken').implement({
  description: 'A token just created, with its secret: copy it now, it cannot be shown again.',
  fields: (t) => ({
    token: t.field({ type: ApiTokenRef, description: 'The token.', resolve: (n) => n.token }),
    secret: t.exposeString('secret', { description: 'Send as `Authorization: Bearer <secret>`.' }),
  }),
});

const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  description: 'A new API token for the signed-in user.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'What it is for, 1–100 characters.' }),
    scopes: t.field({ type: [TokenScopeEnum], required: true, description: 'At least one scope.' }),
    expiresAt: t.string({
      required: true,
      description: 'ISO 8601 instant with offset, in the future and at most a year away.',
    }),
  }),
});

builder.queryField('myApiTokens', (t) =>
  t.field({
    type: [ApiTokenRef],
    description: "The signed-in user's API tokens, newest first (from a browser session only).",
    authScopes: { signedIn: true },
    resolve: (_root, _args, ctx) => orGraphQLError(ctx.locale, () => listMyApiTokens(ctx)),
  }),
);

builder.mutationField('createApiToken', (t) =>
  t.field({
    type: NewApiTokenRef,
    description: 'Creates an API token for the signed-in user (from a browser session only).',
    authScopes: { signedIn: true },
    args: {
      input: t.arg({ type: CreateApiTokenInput, required: true, description: 'The token to create.' }),
    },
    errors: { types: WRITE_ERRORS },
    resolve: (_root, { input }, ctx) => createMyApiToken(ctx, input),
  }),
);

builder.mutationField('revokeApiToken', (t) =>
  t.field({
    type: ApiTokenRef,
    description:
      'Revokes one of the signed-in user’s tokens (an admin: anyone’s), effective immediately ' +
      '(from a browser session only).',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true, description: 'Global id of the token.' }) },
    errors: { types: WRITE_ERRORS },
    resolve: (_root, { id }, ctx) => revokeMyApiToken(ctx, decodeId(id, 'ApiToken')),
  }),
);

builder.queryField('apiTokens', (t) =>
  t.connection(
    {
      type: ApiTokenRef,
      description:
        "Every user's API tokens, newest first, revoked and expired ones included: for an admin " +
        'signed in to the app (others get FORBIDDEN). Never the secret or its hash.',
      authScopes: { signedIn: true },
      args: { userId: t.arg.id({ description: "Only this user's tokens (global id of a User)." }) },
      validate: forwardPageArgs,
      resolve: (_root, args, ctx) =>
        orGraphQLError(ctx.locale, async () =>
          toConnection(
            await listAllApiTokens(ctx, {
              first: args.first,
              after: args.after,
              userId: args.userId ? decodeId(args.userId, 'User', ['userId']) : null,
            }),
          ),
        ),
    },
    {
      fields: (t) => ({
        totalCount: t.int({
          description: 'How many tokens match, across all pages.',
          resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
        }),
      }),
    },
  ),
);
