import {
  type AccountShare,
  type RevenueConcentration,
  revenueConcentration,
  shareDenominator,
} from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { marks, rows } from '../../db/rows.js';
import { ForbiddenError } from '../../errors.js';
import { Account } from '../accounts/account.entity.js';
import { requireViewer, visibleAccounts } from '../accounts/account.service.js';
import type { Scope } from '../auth/viewer.js';
import { accountRevenueYears, companyTotals, shareYear } from '../company/company.service.js';

/**
 * Concentration is computed over the whole company (a share of company revenue means nothing
 * otherwise); each viewer is then shown only the accounts they may see. Plain rows, not entities:
 * hydrating a thousand revenue entities cost more than the rest of the request (bench/README.md).
 */
async function companyConcentration(
  em: EntityManager,
  year: number,
  thresholds: readonly number[],
): Promise<RevenueConcentration> {
  const [found, totals] = await Promise.all([
    rows<{ account_id: string; amount: number | string }>(
      em,
      'select account_id, amount from account_revenue where year = ?',
      [year],
    ),
    companyTotals(em, [year]),
  ]);
  return revenueConcentration(
    found.map((r) => ({ accountId: r.account_id, revenue: Number(r.amount) })),
    thresholds,
    totals.get(year) ?? null,
  );
}

/**
 * Each account's share of the company's revenue in a year (null without a record for it): the
 * same figure as the portfolio's shares (of the company total when set, see shareDenominator),
 * without reading every account's revenue.
 */
export async function revenueShares(
  em: EntityManager,
  year: number,
  accountIds: readonly string[],
): Promise<Map<string, number>> {
  const found = await rows<{
    account_id: string;
    amount: number | string;
    total: number | string;
    company: number | string | null;
  }>(
    em,
    `select account_id, amount, (select sum(amount) from account_revenue where year = ?) as total,
            (select total_revenue from company_revenue where year = ?) as company
       from account_revenue where year = ? and account_id in (${marks(accountIds.length)})`,
    [year, year, year, ...accountIds],
  );
  return new Map(
    found.map((r) => {
      const { value } = shareDenominator(Number(r.total), r.company === null ? null : Number(r.company));
      return [r.account_id, value > 0 ? Number(r.amount) / value : 0];
    }),
  );
}

/** Years that have revenue on record, newest first. */
export const revenueYears = accountRevenueYears;

export interface PortfolioConcentration {
  readonly year: number;
  readonly concentration: RevenueConcentration;
  /** The viewer's accounts, ranked within the whole company. */
  readonly accounts: readonly (AccountShare & { account: Account })[];
}

/** The portfolio's revenue concentration for managers (their team's accounts) and admins. */
export async function portfolioConcentration(
  scope: Scope,
  thresholds: readonly number[],
  year?: number | null,
): Promise<PortfolioConcentration | null> {
  const { actor } = requireViewer(scope);
  if (actor.role === 'KAM') throw new ForbiddenError();
  // By default the share year, as every share the product shows (the domain's shareYearOf).
  const chosenYear = year ?? (await shareYear(scope.em));
  if (chosenYear === null) return null;
  const concentration = await companyConcentration(scope.em, chosenYear, thresholds);
  // The viewer's accounts, matched with the company's shares below (not an `in` list of every
  // account with revenue: a thousand parameters cost more to build than the rows to read).
  const visible = await scope.em.find(Account, visibleAccounts(actor));
  const byId = new Map(visible.map((a) => [a.id, a]));
  const accounts = concentration.accounts.flatMap((share) => {
    const account = byId.get(share.accountId);
    return account ? [{ ...share, account }] : [];
  });
  return { year: chosenYear, concentration, accounts };
}
