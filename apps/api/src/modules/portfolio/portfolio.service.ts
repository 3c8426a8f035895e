import { type AccountShare, type RevenueConcentration, revenueConcentration } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { ForbiddenError } from '../../errors.js';
import { Account } from '../accounts/account.entity.js';
import { requireViewer, visibleAccounts } from '../accounts/account.service.js';
import type { Scope } from '../auth/viewer.js';

/**
 * Concentration is computed over the whole company (a share of company revenue means nothing
 * otherwise), then each viewer is shown only the accounts they may see. Memoized per request
 * (per EntityManager fork) so that many `revenueShare` fields cost one query.
 */
const perRequest = new WeakMap<EntityManager, Map<number, Promise<RevenueConcentration>>>();

export function companyConcentration(
  em: EntityManager,
  year: number,
  thresholds: readonly number[],
): Promise<RevenueConcentration> {
  const byYear = perRequest.get(em) ?? new Map<number, Promise<RevenueConcentration>>();
  perRequest.set(em, byYear);
  let result = byYear.get(year);
  if (!result) {
    // Plain rows, not entities: every account's revenue is read for each page that shows a share,
    // and hydrating a thousand entities cost more than the rest of the account page (bench/README.md).
    result = em
      .getConnection()
      .execute('select account_id, amount from account_revenue where year = ?', [year])
      .then((rows) =>
        revenueConcentration(
          (rows as { account_id: string; amount: number | string }[]).map((r) => ({
            accountId: r.account_id,
            revenue: Number(r.amount),
          })),
          thresholds,
        ),
      );
    byYear.set(year, result);
  }
  return result;
}

/** Years that have revenue on record, newest first. */
export async function revenueYears(em: EntityManager): Promise<number[]> {
  const rows = await em
    .getConnection()
    .execute<{ year: number | string }[]>('select distinct year from account_revenue order by year desc');
  return (rows as { year: number | string }[]).map((r) => Number(r.year));
}

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
  const chosenYear = year ?? (await revenueYears(scope.em))[0];
  if (chosenYear === undefined) return null;
  const concentration = await companyConcentration(scope.em, chosenYear, thresholds);
  const ids = concentration.accounts.map((a) => a.accountId);
  const visible = await scope.em.find(Account, { $and: [{ id: { $in: ids } }, visibleAccounts(actor)] });
  const byId = new Map(visible.map((a) => [a.id, a]));
  const accounts = concentration.accounts.flatMap((share) => {
    const account = byId.get(share.accountId);
    return account ? [{ ...share, account }] : [];
  });
  return { year: chosenYear, concentration, accounts };
}
