import { addMonths, recordableYears, yearOf } from './months';

/** How far back months are read to tell which years have them (the API's limit is 120 months). */
export const MONTHS_READ = 120;

export interface YearRow {
  year: number;
  /** The year's revenue on record, null without one. */
  amount: number | null;
  /** The year has monthly figures: its revenue is their sum and is changed month by month. */
  fromMonths: boolean;
}

/** The months to read: the last MONTHS_READ up to `thisMonth`. */
export function monthsWindow(thisMonth: string): { from: string; to: string } {
  return { from: addMonths(thisMonth, -(MONTHS_READ - 1)), to: thisMonth };
}

/**
 * The years the screen offers, newest first: from the oldest on record (or four years back) to
 * the current one, each with its amount and whether months make it up.
 */
export function yearRows(
  revenue: readonly { year: number; amount: number }[],
  months: readonly { month: string }[],
  now: Date = new Date(),
): YearRow[] {
  const earliest = revenue.length > 0 ? Math.min(...revenue.map((r) => r.year)) : undefined;
  const withMonths = new Set(months.map((m) => yearOf(m.month)));
  const amounts = new Map(revenue.map((r) => [r.year, r.amount]));
  return recordableYears(now, earliest).map((year) => ({
    year,
    amount: amounts.get(year) ?? null,
    fromMonths: withMonths.has(year),
  }));
}
