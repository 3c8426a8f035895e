/*
 * Revenue concentration across the portfolio: how much of the company's revenue each key account
 * carries, the Pareto curve, and the Herfindahl–Hirschman index. The point of the view is the
 * dependency risk SPEC.md opens with: one account above 50 % of sales can break the company.
 */

import { type ShareDenominatorKind, shareDenominator } from './revenue.js';

export interface AccountRevenue {
  readonly accountId: string;
  readonly revenue: number;
}

export interface AccountShare {
  readonly accountId: string;
  readonly revenue: number;
  /** Share of the total, 0..1. */
  readonly share: number;
  /** Share of this account plus every account ranked above it (the Pareto curve), 0..1. */
  readonly cumulativeShare: number;
  /** 1 for the largest; equal revenues share a rank (1, 2, 2, 4). */
  readonly rank: number;
}

/** US DOJ/FTC horizontal merger guideline bands (2010) on the 0..10 000 HHI scale. */
export type ConcentrationClass = 'UNCONCENTRATED' | 'MODERATE' | 'HIGH';

export const HHI_MODERATE_FROM = 1500;
export const HHI_HIGH_ABOVE = 2500;

export interface DependencyAlert {
  readonly accountId: string;
  readonly share: number;
  /** The highest configured threshold the share reaches. */
  readonly threshold: number;
}

export interface RevenueConcentration {
  /** The key accounts' revenue (the sum of the entries). */
  readonly total: number;
  /**
   * What every share is a share of: the company's total revenue when given (customers outside
   * Clave included), else `total`.
   */
  readonly denominator: number;
  readonly denominatorKind: ShareDenominatorKind;
  /** Sorted by revenue, largest first; ties by account id so the order is stable. */
  readonly accounts: readonly AccountShare[];
  /** Σ (share × 100)², 0..10 000; null when there is no revenue. */
  readonly hhi: number | null;
  /** Σ share², 0..1; null when there is no revenue. */
  readonly hhiNormalized: number | null;
  readonly classification: ConcentrationClass | null;
  /** Accounts at or above a dependency threshold, largest first. */
  readonly alerts: readonly DependencyAlert[];
}

export const DEFAULT_DEPENDENCY_THRESHOLDS: readonly number[] = [0.3, 0.5];

/**
 * < 1500 unconcentrated, 1500..2500 moderate (both ends included), > 2500 high. Rounded to 1e-6
 * first so that float noise (2500.0000000001) cannot flip a band.
 */
export function classifyHhi(hhi: number): ConcentrationClass {
  const rounded = Math.round(hhi * 1e6) / 1e6;
  if (rounded < HHI_MODERATE_FROM) return 'UNCONCENTRATED';
  return rounded <= HHI_HIGH_ABOVE ? 'MODERATE' : 'HIGH';
}

/**
 * Shares, Pareto curve, HHI and dependency alerts. Pass one entry per account (sum revenue records
 * first). Negative, non-finite revenue or repeated account ids are rejected with a RangeError
 * rather than silently producing shares that do not add up. With a zero total every share is 0 and
 * the HHI is null: there is nothing to be concentrated.
 *
 * With `companyTotal` (the company's revenue including customers outside Clave) shares are of it,
 * and so are the HHI and the alerts: the customers outside Clave count as many tiny customers,
 * whose squared shares add about nothing. See shareDenominator for a total below the accounts' sum.
 */
export function revenueConcentration(
  revenues: readonly AccountRevenue[],
  thresholds: readonly number[] = DEFAULT_DEPENDENCY_THRESHOLDS,
  companyTotal: number | null = null,
): RevenueConcentration {
  for (const t of thresholds) {
    if (!(t > 0 && t <= 1)) throw new RangeError(`Dependency thresholds are shares in (0, 1], not ${t}`);
  }
  const seen = new Set<string>();
  for (const { accountId, revenue } of revenues) {
    if (!Number.isFinite(revenue) || revenue < 0) {
      throw new RangeError(`Revenue of account ${accountId} must be a non-negative number, not ${revenue}`);
    }
    if (seen.has(accountId)) throw new RangeError(`Account ${accountId} appears more than once`);
    seen.add(accountId);
  }

  const sorted = [...revenues].sort(
    (a, b) => b.revenue - a.revenue || (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0),
  );
  const total = sorted.reduce((sum, r) => sum + r.revenue, 0);
  const denominator = shareDenominator(total, companyTotal);
  const base = denominator.value;

  let running = 0;
  let rank = 0;
  const accounts = sorted.map((r, i): AccountShare => {
    running += r.revenue;
    if (i === 0 || r.revenue !== sorted[i - 1]?.revenue) rank = i + 1;
    return {
      accountId: r.accountId,
      revenue: r.revenue,
      share: base > 0 ? r.revenue / base : 0,
      // Divided from the running sum, not summed from shares, so the last one is exactly 1 (of the
      // key accounts' sum; of a company total, the key accounts' part of it).
      cumulativeShare: base > 0 ? running / base : 0,
      rank,
    };
  });

  const hhiNormalized =
    total > 0 && base > 0 ? accounts.reduce((sum, a) => sum + a.share * a.share, 0) : null;
  const hhi = hhiNormalized === null ? null : hhiNormalized * 10_000;

  const ordered = [...thresholds].sort((a, b) => b - a);
  const alerts: DependencyAlert[] = [];
  for (const a of accounts) {
    const threshold = ordered.find((t) => a.share >= t);
    if (threshold !== undefined) alerts.push({ accountId: a.accountId, share: a.share, threshold });
  }

  return {
    total,
    denominator: denominator.value,
    denominatorKind: denominator.kind,
    accounts,
    hhi,
    hhiNormalized,
    classification: hhi === null ? null : classifyHhi(hhi),
    alerts,
  };
}
