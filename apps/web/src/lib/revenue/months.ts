// Calendar months as 'YYYY-MM' strings, the way the API writes them.

const pad = (n: number) => String(n).padStart(2, '0');

/** The current month in the device's time zone, e.g. '2026-12'. */
export function currentMonth(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;
}

/** The month `count` months after `month` (negative: before). */
export function addMonths(month: string, count: number): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (mon - 1) + count;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The twelve months of a calendar year, January first. */
export function monthsOfYear(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`);
}

/** The year of a 'YYYY-MM' month. */
export function yearOf(month: string): number {
  return Number(month.slice(0, 4));
}

/**
 * The years a person can record revenue for: from `earliest` (the oldest year on record, at most
 * `back` years before) to the current one, newest first.
 */
export function recordableYears(now: Date = new Date(), earliest?: number, back = 4): number[] {
  const current = now.getFullYear();
  const first = Math.max(2000, Math.min(earliest ?? current - back, current - back));
  return Array.from({ length: current - first + 1 }, (_, i) => current - i);
}

/** Amounts keyed by month, as the grid edits them (null: nothing typed). */
export type MonthAmounts = Record<string, number | null>;

/**
 * The months whose amount changed against what the server has, ready for recordMonthlyRevenue.
 * A month emptied that had an amount is not sent (revenue is not deleted by clearing a field): the
 * caller tells the person instead, through `cleared`.
 */
export function changedMonths(
  edited: MonthAmounts,
  saved: MonthAmounts,
): { months: { month: string; amount: number }[]; cleared: string[] } {
  const months: { month: string; amount: number }[] = [];
  const cleared: string[] = [];
  for (const month of Object.keys(edited).sort()) {
    const value = edited[month] ?? null;
    const before = saved[month] ?? null;
    if (value === null) {
      if (before !== null) cleared.push(month);
    } else if (before === null || Math.round(value * 100) !== Math.round(before * 100)) {
      months.push({ month, amount: value });
    }
  }
  return { months, cleared };
}

/**
 * Which month a validation issue of recordMonthlyRevenue is about: its path names the index in the
 * list sent (["input", "months", "3", "amount"]); null when it is about the whole input.
 */
export function monthOfIssue(path: readonly string[], sent: readonly { month: string }[]): string | null {
  const at = path.lastIndexOf('months');
  if (at < 0) return null;
  const index = Number(path[at + 1]);
  return Number.isInteger(index) ? (sent[index]?.month ?? null) : null;
}
