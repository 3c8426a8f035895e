/**
 * The three answers of the desk overview, as pure functions of what the API returns, so that
 * "which account, which KAM, which accounts" is decided the same way everywhere and is tested.
 */

interface ShareRow {
  readonly share: number;
  readonly dependencyThreshold: number | null;
}

/**
 * The account that puts the company at risk: of the viewer's accounts in the share year (`year`,
 * the company's; the latest year when it is not given or has no figures), the one past the highest
 * dependency threshold, else simply the largest share. Null without revenue.
 */
export function riskiestAccount<T extends ShareRow>(
  years: readonly { readonly year: number; readonly accounts: readonly T[] }[] | null | undefined,
  year?: number | null,
): { year: number; row: T } | null {
  const latest =
    (years ?? []).find((y) => y.year === year) ?? [...(years ?? [])].sort((a, b) => a.year - b.year).at(-1);
  if (!latest || latest.accounts.length === 0) return null;
  const [row] = [...latest.accounts].sort(
    (a, b) => (b.dependencyThreshold ?? 0) - (a.dependencyThreshold ?? 0) || b.share - a.share,
  );
  return row ? { year: latest.year, row } : null;
}

interface KamRow {
  readonly overdue: number;
  readonly open: number;
  readonly overdueShare: number | null;
  readonly kam: { readonly name: string };
}

/**
 * The KAM whose plans slip most: the highest share of open actions overdue, then the most overdue
 * actions; null when nothing is overdue.
 */
export function slippingKam<T extends KamRow>(rows: readonly T[] | null | undefined): T | null {
  const slipping = (rows ?? []).filter((r) => r.overdue > 0);
  slipping.sort(
    (a, b) =>
      (b.overdueShare ?? 0) - (a.overdueShare ?? 0) ||
      b.overdue - a.overdue ||
      a.kam.name.localeCompare(b.kam.name),
  );
  return slipping[0] ?? null;
}

interface CoverageRow {
  readonly name: string;
  readonly visitCoverage: {
    readonly overdue: boolean;
    readonly daysSinceLastVisit: number | null;
    readonly cadenceDays: number;
  };
}

/** Days past the cadence; never visited counts as the most late. */
export function daysLate(coverage: CoverageRow['visitCoverage']): number {
  return coverage.daysSinceLastVisit === null
    ? Number.MAX_SAFE_INTEGER
    : coverage.daysSinceLastVisit - coverage.cadenceDays;
}

/** Accounts past their visit cadence, the most late first (never visited on top). */
export function unvisitedAccounts<T extends CoverageRow>(accounts: readonly T[] | null | undefined): T[] {
  return (accounts ?? [])
    .filter((a) => a.visitCoverage.overdue)
    .sort((a, b) => daysLate(b.visitCoverage) - daysLate(a.visitCoverage) || a.name.localeCompare(b.name));
}
