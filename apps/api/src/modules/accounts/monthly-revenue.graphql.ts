import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import { orGraphQLError, WRITE_ERRORS } from '../../graphql/errors.js';
import { decodeId } from '../../graphql/ids.js';
import { AccountRef } from './account.graphql.js';
import {
  type MonthlyRevenue,
  type MonthRange,
  monthlyRevenueOf,
  monthRangeOf,
  type RecordedMonthlyRevenue,
  recordMonthlyRevenue,
} from './monthly-revenue.service.js';

export const MonthlyRevenueRef = builder.objectRef<MonthlyRevenue>('AccountMonthlyRevenue').implement({
  // API tokens need this scope to read this type, on every path.
  authScopes: { tokenScope: 'read:accounts' },
  description:
    'Revenue with us from the account in one calendar month. Where a year has months, its yearly AccountRevenue is their sum.',
  fields: (t) => ({
    month: t.exposeString('month', { description: 'The month, YYYY-MM.' }),
    amount: t.exposeFloat('amount', { description: 'Revenue in the company currency, two decimals.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the figure was last recorded.' }),
  }),
});

/** Monthly revenue per account and range, batched per request: a page of accounts costs one query per range. */
const monthlyLoader = createContextCache(
  (ctx: Context) =>
    new DataLoader<{ accountId: string } & MonthRange, MonthlyRevenue[], string>(
      async (keys) => {
        const ranges = new Map<string, MonthRange>();
        for (const k of keys) ranges.set(`${k.from}|${k.to}`, { from: k.from, to: k.to });
        const byRange = new Map(
          await Promise.all(
            [...ranges].map(async ([key, range]) => {
              const ids = keys.filter((k) => `${k.from}|${k.to}` === key).map((k) => k.accountId);
              const found = await monthlyRevenueOf(ctx.em, ids, range);
              return [key, new Map(ids.map((id, i) => [id, found[i] ?? []]))] as const;
            }),
          ),
        );
        return keys.map((k) => byRange.get(`${k.from}|${k.to}`)?.get(k.accountId) ?? []);
      },
      { cacheKeyFn: (k) => `${k.accountId}|${k.from}|${k.to}` },
    ),
);

builder.objectField(AccountRef, 'monthlyRevenue', (t) =>
  t.field({
    type: [MonthlyRevenueRef],
    description:
      'Actual revenue per month in month order, from `from` to `to` (YYYY-MM, inclusive); by default the last 24 months up to the current one. At most 120 months. Months without a record are left out.',
    args: {
      from: t.arg.string({ description: 'First month, YYYY-MM (default: 23 months before `to`).' }),
      to: t.arg.string({ description: 'Last month, YYYY-MM (default: the current month).' }),
    },
    resolve: (account, args, ctx) =>
      orGraphQLError(ctx.locale, async () => {
        const range = monthRangeOf(args.from, args.to);
        return monthlyLoader(ctx).load({ accountId: account.id, ...range });
      }),
  }),
);

const MonthlyRevenueInput = builder.inputType('MonthlyRevenueInput', {
  description: 'The actual revenue of one month.',
  fields: (t) => ({
    month: t.string({
      required: true,
      description: 'The month, YYYY-MM, from 2000-01 to the current month.',
    }),
    amount: t.float({
      required: true,
      description: 'Revenue in the company currency: at least 0, at most 10^12, two decimals at most.',
    }),
  }),
});

const RecordMonthlyRevenueInput = builder.inputType('RecordMonthlyRevenueInput', {
  description:
    "An account's actual revenue for 1 to 36 months, no month twice. All are stored or none; re-sending the same months is harmless (each month is replaced, never duplicated).",
  fields: (t) => ({
    accountId: t.id({ required: true, description: 'Global id of the account.' }),
    months: t.field({ type: [MonthlyRevenueInput], required: true, description: 'The months, 1 to 36.' }),
  }),
});

const RecordMonthlyRevenueSuccess = builder
  .objectRef<RecordedMonthlyRevenue>('RecordMonthlyRevenueSuccess')
  .implement({
    description: 'The months as stored, and the account (its yearly revenue now the sum of its months).',
    fields: (t) => ({
      data: t.field({
        type: [MonthlyRevenueRef],
        description: 'The months recorded, in month order.',
        resolve: (r) => r.data,
      }),
      account: t.field({ type: AccountRef, description: 'The account.', resolve: (r) => r.account }),
    }),
  });

builder.mutationField('recordMonthlyRevenue', (t) =>
  t.field({
    type: RecordMonthlyRevenueSuccess,
    description:
      "Records or corrects an account's actual revenue by month (its KAMs, their manager, admins; API tokens with write:revenue). Each touched year's AccountRevenue becomes the sum of its months in the same transaction; every change is audited.",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({ type: RecordMonthlyRevenueInput, required: true, description: 'Account and months.' }),
    },
    errors: { types: WRITE_ERRORS, directResult: true },
    resolve: (_root, { input }, ctx) =>
      recordMonthlyRevenue(ctx, {
        accountId: decodeId(input.accountId, 'Account', ['accountId']),
        months: input.months,
      }),
  }),
);
