import type { ACCOUNT_STATUSES, ACCOUNT_TIERS } from '@clave/domain';
import { Reference } from '@mikro-orm/core';
import { builder } from '../../graphql/builder.js';
import { forwardPageArgs, toConnection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { isEntity } from '../../graphql/entity-type.js';
import { orGraphQLError, WRITE_ERRORS } from '../../graphql/errors.js';
import { decodeId } from '../../graphql/ids.js';
import { UserRef } from '../users/user.graphql.js';
import type { Account, AccountRevenue } from './account.entity.js';
import {
  type ACCOUNT_ORDER_FIELDS,
  archiveAccount,
  createAccount,
  listAccounts,
  loadAccounts,
  revenueByAccount,
  setAccountRevenue,
  updateAccount,
} from './account.service.js';

const TierEnum = builder.enumType('AccountTier', {
  description: 'How important the account is: STRATEGIC above KEY above DEVELOPMENT.',
  values: {
    STRATEGIC: { description: 'A customer the company depends on; the highest attention.' },
    KEY: { description: 'A major customer with a full account plan.' },
    DEVELOPMENT: { description: 'A customer being developed into a key account.' },
  } satisfies Record<(typeof ACCOUNT_TIERS)[number], { description: string }>,
});
const StatusEnum = builder.enumType('AccountStatus', {
  description: 'ACTIVE, or ARCHIVED (hidden from default lists; never deleted).',
  values: {
    ACTIVE: { description: 'Worked on and listed by default.' },
    ARCHIVED: { description: 'Kept with its history but hidden from default lists and closed to changes.' },
  } satisfies Record<(typeof ACCOUNT_STATUSES)[number], { description: string }>,
});
const OrderFieldEnum = builder.enumType('AccountOrderField', {
  description: 'What to sort accounts by; ties are broken by id so pages are stable.',
  values: {
    NAME: { description: 'Account name, alphabetically.' },
    UPDATED_AT: { description: 'When the account itself last changed.' },
  } satisfies Record<(typeof ACCOUNT_ORDER_FIELDS)[number], { description: string }>,
});
const OrderDirectionEnum = builder.enumType('OrderDirection', {
  description: 'Sort direction.',
  values: { ASC: { description: 'Ascending (A→Z, oldest first).' }, DESC: { description: 'Descending.' } },
});

const RevenueRef = builder.objectRef<AccountRevenue>('AccountRevenue').implement({
  // API tokens need this scope to read this type, on every path (node, nested, lists).
  authScopes: { tokenScope: 'read:accounts' },
  description: 'Revenue with us from the account in one calendar year.',
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'Calendar year.' }),
    amount: t.exposeFloat('amount', { description: 'Revenue in the company currency, two decimals.' }),
  }),
});

export const AccountRef = builder.loadableNode('Account', {
  // API tokens need this scope to read this type, on every path (node, nested, lists).
  authScopes: { tokenScope: 'read:accounts' },
  description: 'A key account: a customer with its own KAM, plan and KPIs.',
  id: { resolve: (account) => account.id },
  isTypeOf: isEntity('Account'),
  // Null for accounts the viewer may not see: `node` then answers null, as for a missing id.
  load: (ids: string[], ctx: Context) => loadAccounts(ctx, ids) as Promise<Account[]>,
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Trading name of the client.' }),
    segment: t.exposeString('segment', { description: 'Segment or industry, e.g. "Grocery retail".' }),
    tier: t.field({ type: TierEnum, description: 'Account tier.', resolve: (a) => a.tier }),
    status: t.field({ type: StatusEnum, description: 'ACTIVE or ARCHIVED.', resolve: (a) => a.status }),
    visitCadenceDays: t.exposeInt('visitCadenceDays', { description: 'Expected days between visits.' }),
    address: t.exposeString('address', {
      nullable: true,
      description: 'Street address of the client, for directions; null when not given.',
    }),
    owner: t.field({
      type: UserRef,
      description: 'The KAM who owns the account.',
      // Batched: owners not already loaded with the account are fetched in one query per request.
      resolve: (account) => Reference.create(account.owner).loadOrFail({ dataloader: true }),
    }),
    supporters: t.field({
      type: [UserRef],
      description: 'Team members who support the owner on this account.',
      resolve: async (account) => (await account.supporters.load({ dataloader: true })).getItems(),
    }),
    revenue: t.loadableList({
      type: RevenueRef,
      description: 'Revenue records per year, newest first.',
      load: (ids: string[], ctx) => revenueByAccount(ctx.em, ids),
      resolve: (account) => account.id,
    }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'Last change to the account itself.' }),
  }),
});

const AccountFilter = builder.inputType('AccountFilter', {
  description: 'Narrows the accounts list; every condition must hold.',
  fields: (t) => ({
    search: t.string({ description: 'Part of the account name (case-insensitive).' }),
    tier: t.field({ type: TierEnum, description: 'Only accounts of this tier.' }),
    ownerId: t.id({ description: 'Global id of the owning user.' }),
    includeArchived: t.boolean({ description: 'Also list archived accounts (default false).' }),
  }),
});

const AccountOrder = builder.inputType('AccountOrder', {
  description: 'How to sort the accounts list (default: by name, ascending).',
  fields: (t) => ({
    field: t.field({ type: OrderFieldEnum, required: true, description: 'What to sort by.' }),
    direction: t.field({ type: OrderDirectionEnum, required: true, description: 'Ascending or descending.' }),
  }),
});

builder.queryField('accounts', (t) =>
  t.connection(
    {
      type: AccountRef,
      description:
        'Accounts the caller may see (owned or supported for a KAM, the team for a manager, all for an admin).',
      authScopes: { tokenScope: 'read:accounts' },
      args: {
        filter: t.arg({ type: AccountFilter, description: 'Conditions the accounts must meet.' }),
        orderBy: t.arg({ type: AccountOrder, description: 'Sort order (default by name).' }),
      },
      validate: forwardPageArgs,
      resolve: (_root, args, ctx) =>
        orGraphQLError(ctx.locale, async () => {
          const filter = args.filter
            ? {
                ...args.filter,
                ownerId: args.filter.ownerId
                  ? decodeId(args.filter.ownerId, 'User', ['filter', 'ownerId'])
                  : undefined,
              }
            : {};
          const cursor = await listAccounts(ctx, {
            first: args.first,
            after: args.after,
            filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== null)),
            orderBy: args.orderBy,
          });
          return toConnection(cursor);
        }),
    },
    {
      fields: (t) => ({
        totalCount: t.int({
          description: 'How many accounts match, across all pages.',
          resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
        }),
      }),
    },
  ),
);

const CreateAccountInput = builder.inputType('CreateAccountInput', {
  description: 'A new key account.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Trading name, 1–200 characters.' }),
    segment: t.string({ required: true, description: 'Segment or industry, 1–120 characters.' }),
    tier: t.field({ type: TierEnum, required: true, description: 'Account tier.' }),
    ownerId: t.id({ required: true, description: 'Global id of the owning KAM (or manager).' }),
    supporterIds: t.idList({ description: 'Global ids of supporting team members.' }),
    visitCadenceDays: t.int({ description: 'Expected days between visits (default 30).' }),
    address: t.string({ description: 'Street address for directions, at most 300 characters.' }),
  }),
});

const UpdateAccountInput = builder.inputType('UpdateAccountInput', {
  description: 'Only the fields given change. Owner, tier and supporters are for managers and admins.',
  fields: (t) => ({
    name: t.string({ description: 'New trading name.' }),
    segment: t.string({ description: 'New segment or industry.' }),
    tier: t.field({ type: TierEnum, description: 'New tier (managers and admins).' }),
    ownerId: t.id({ description: 'Global id of the new owner (managers and admins).' }),
    supporterIds: t.idList({ description: 'The complete new list of supporters (managers and admins).' }),
    visitCadenceDays: t.int({ description: 'Expected days between visits, 1–365.' }),
    address: t.string({
      description: 'New street address, at most 300 characters; an empty string removes it.',
    }),
  }),
});

interface AccountIdsInput {
  ownerId?: string | null;
  supporterIds?: readonly string[] | null;
  [key: string]: unknown;
}

/** Turns the input's global ids into database ids, dropping fields left null. */
function withDatabaseIds(input: AccountIdsInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input))
    if (value !== null && value !== undefined) out[key] = value;
  if (input.ownerId) out.ownerId = decodeId(input.ownerId, 'User', ['ownerId']);
  if (input.supporterIds) {
    out.supporterIds = input.supporterIds.map((id, i) => decodeId(id, 'User', ['supporterIds', i]));
  }
  return out;
}

builder.mutationField('createAccount', (t) =>
  t.field({
    type: AccountRef,
    description: 'Creates a key account (managers for their team, admins for anyone).',
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: CreateAccountInput, required: true, description: 'The new account.' }) },
    errors: { types: WRITE_ERRORS },
    resolve: (_root, { input }, ctx) => createAccount(ctx, withDatabaseIds(input)),
  }),
);

builder.mutationField('updateAccount', (t) =>
  t.field({
    type: AccountRef,
    description: 'Changes an account. Archived accounts cannot be changed.',
    authScopes: { signedIn: true },
    args: {
      id: t.arg.id({ required: true, description: 'Global id of the account.' }),
      input: t.arg({ type: UpdateAccountInput, required: true, description: 'The fields to change.' }),
    },
    errors: { types: WRITE_ERRORS },
    resolve: (_root, { id, input }, ctx) =>
      updateAccount(ctx, decodeId(id, 'Account'), withDatabaseIds(input)),
  }),
);

builder.mutationField('archiveAccount', (t) =>
  t.field({
    type: AccountRef,
    description: 'Archives an account (managers of its team, admins). Archiving twice is harmless.',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true, description: 'Global id of the account.' }) },
    errors: { types: WRITE_ERRORS },
    resolve: (_root, { id }, ctx) => archiveAccount(ctx, decodeId(id, 'Account')),
  }),
);

builder.mutationField('setAccountRevenue', (t) =>
  t.field({
    type: AccountRef,
    description: "Records or corrects the account's revenue with us for one year.",
    authScopes: { signedIn: true },
    args: {
      accountId: t.arg.id({ required: true, description: 'Global id of the account.' }),
      year: t.arg.int({ required: true, description: 'Calendar year, e.g. 2026.' }),
      amount: t.arg.float({
        required: true,
        description: 'Revenue in the company currency, at most two decimals.',
      }),
    },
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { accountId, year, amount }, ctx) => {
      const record = await setAccountRevenue(ctx, decodeId(accountId, 'Account', ['accountId']), {
        year,
        amount,
      });
      return record.account;
    },
  }),
);
