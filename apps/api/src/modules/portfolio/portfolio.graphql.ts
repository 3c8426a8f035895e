import type { AccountShare } from '@clave/domain';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import { orGraphQLError } from '../../graphql/errors.js';
import type { Account } from '../accounts/account.entity.js';
import { AccountRef } from '../accounts/account.graphql.js';
import { shareYearOfRequest } from '../company/company.graphql.js';
import {
  type PortfolioConcentration,
  portfolioConcentration,
  revenueShares,
  revenueYears,
} from './portfolio.service.js';

export const ConcentrationClassEnum = builder.enumType('ConcentrationClass', {
  description: 'Herfindahl–Hirschman index bands (US DOJ/FTC guidelines).',
  values: {
    UNCONCENTRATED: { description: 'HHI below 1,500.' },
    MODERATE: { description: 'HHI from 1,500 to 2,500.' },
    HIGH: { description: 'HHI above 2,500: revenue depends on very few accounts.' },
  },
});

export const PortfolioAccountRef = builder
  .objectRef<AccountShare & { account: Account; threshold: number | null }>('PortfolioAccount')
  .implement({
    description: "One account's place in the company's revenue.",
    fields: (t) => ({
      account: t.field({ type: AccountRef, description: 'The account.', resolve: (a) => a.account }),
      revenue: t.exposeFloat('revenue', { description: 'Revenue with us in the year.' }),
      share: t.exposeFloat('share', { description: 'Share of company revenue, 0 to 1.' }),
      cumulativeShare: t.exposeFloat('cumulativeShare', {
        description: 'Share of this account plus all larger ones (the Pareto curve), 0 to 1.',
      }),
      rank: t.exposeInt('rank', { description: 'Position by revenue in the whole company, 1 = largest.' }),
      dependencyThreshold: t.float({
        nullable: true,
        description: 'The highest dependency alert threshold this account reaches, if any (e.g. 0.5).',
        resolve: (a) => a.threshold,
      }),
    }),
  });

export const ShareDenominatorEnum = builder.enumType('ShareDenominator', {
  description: 'What the shares of a year are shares of.',
  values: {
    COMPANY_TOTAL: {
      description:
        "The company's total revenue of the year, customers outside Clave included (set by an admin).",
    },
    KEY_ACCOUNTS: {
      description:
        "The key accounts' revenue of the year: no company total is set (or it is below their sum).",
    },
  },
});

const PortfolioRef = builder.objectRef<PortfolioConcentration>('Portfolio').implement({
  // API tokens need this scope to read this type, on every path (node, nested, lists).
  authScopes: { tokenScope: 'read:accounts' },
  description: 'Revenue concentration of the company, as seen by a manager (their team) or an admin (all).',
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'Calendar year of the revenue figures.' }),
    totalRevenue: t.float({
      description: 'Company revenue from all key accounts in the year.',
      resolve: (p) => p.concentration.total,
    }),
    companyRevenue: t.float({
      description:
        "What every share, the HHI and the dependency alerts are of: the company's total revenue of the year when set (customers outside Clave included), otherwise the key accounts' sum (totalRevenue).",
      resolve: (p) => p.concentration.denominator,
    }),
    shareDenominator: t.field({
      type: ShareDenominatorEnum,
      description: "Whether companyRevenue is the company total (COMPANY_TOTAL) or the key accounts' sum.",
      resolve: (p) => p.concentration.denominatorKind,
    }),
    hhi: t.float({
      nullable: true,
      description:
        'Herfindahl–Hirschman index on the 0–10,000 scale over shares of companyRevenue (customers outside Clave count as many tiny ones); null without revenue.',
      resolve: (p) => p.concentration.hhi,
    }),
    concentration: t.field({
      type: ConcentrationClassEnum,
      nullable: true,
      description: 'The HHI band.',
      resolve: (p) => p.concentration.classification,
    }),
    accounts: t.field({
      type: [PortfolioAccountRef],
      description: "The viewer's accounts, largest first, with company-wide shares and ranks.",
      resolve: (p) => {
        const alerts = new Map(p.concentration.alerts.map((a) => [a.accountId, a.threshold]));
        return p.accounts.map((a) => ({ ...a, threshold: alerts.get(a.accountId) ?? null }));
      },
    }),
    alerts: t.field({
      type: [PortfolioAccountRef],
      description: "The viewer's accounts at or above a dependency threshold: the company's risk.",
      resolve: (p) => {
        const alerts = new Map(p.concentration.alerts.map((a) => [a.accountId, a.threshold]));
        return p.accounts
          .filter((a) => alerts.has(a.accountId))
          .map((a) => ({ ...a, threshold: alerts.get(a.accountId) ?? null }));
      },
    }),
  }),
});

builder.queryField('portfolio', (t) =>
  t.field({
    type: PortfolioRef,
    nullable: true,
    description: 'Revenue concentration for managers and admins; null when no revenue is on record.',
    authScopes: { tokenScope: 'read:accounts' },
    args: {
      year: t.arg.int({
        description:
          'Calendar year (default: Company.shareYear, the latest complete year with revenue on record).',
      }),
    },
    resolve: (_root, { year }, ctx) =>
      orGraphQLError(ctx.locale, () => portfolioConcentration(ctx, ctx.config.dependencyThresholds, year)),
  }),
);

builder.queryField('revenueYears', (t) =>
  t.intList({
    description: 'Years with revenue on record, newest first (for the evolution of concentration).',
    authScopes: { tokenScope: 'read:accounts' },
    resolve: (_root, _args, ctx) => revenueYears(ctx.em),
  }),
);

/** Shares of one year, batched per request: a page of accounts costs one query. */
const shareLoader = createContextCache(
  (ctx: Context) =>
    new DataLoader<{ year: number; accountId: string }, number | null, string>(
      async (keys) => {
        const years = [...new Set(keys.map((k) => k.year))];
        const byYear = new Map(
          await Promise.all(
            years.map(async (year) => {
              const ids = keys.filter((k) => k.year === year).map((k) => k.accountId);
              return [year, await revenueShares(ctx.em, year, ids)] as const;
            }),
          ),
        );
        return keys.map((k) => byYear.get(k.year)?.get(k.accountId) ?? null);
      },
      { cacheKeyFn: (k) => `${k.year}|${k.accountId}` },
    ),
);

builder.objectField(AccountRef, 'revenueShare', (t) =>
  t.float({
    nullable: true,
    description:
      "The account's share of company revenue (0 to 1) in a year: its revenue over the company's total revenue of the year when set (Company.revenueYears), otherwise over every key account's revenue; null without a record for the year.",
    args: {
      year: t.arg.int({
        description:
          'Calendar year (default: Company.shareYear, the latest complete year with revenue on record).',
      }),
    },
    resolve: async (account, { year }, ctx) => {
      const chosen = year ?? (await shareYearOfRequest(ctx));
      return chosen === null ? null : shareLoader(ctx).load({ year: chosen, accountId: account.id });
    },
  }),
);
