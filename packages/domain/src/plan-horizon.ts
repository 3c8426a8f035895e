import type { ActionStatus } from './enums.js';

/*
 * Calendar arithmetic on ISO dates ('YYYY-MM-DD') treated as UTC calendar days, plus the account
 * plan's horizon. The date helpers live here because the plan horizon is their main client; the KPI
 * trend and relationship health import them too, so every module counts days the same way.
 *
 * Dates travel as strings at every boundary; internally a day is an integer count of days since
 * 1970-01-01, which makes "days between" exact and immune to time zones and DST.
 */

const MS_PER_DAY = 86_400_000;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;

/** Days since 1970-01-01 for an ISO date; throws RangeError for anything that is not a real date. */
export function toEpochDay(date: string): number {
  // Hot path (every KPI value and visit date of a page goes through it): digits and arithmetic,
  // no Date object and no regular expression.
  if (date.length === 10 && date.charCodeAt(4) === DASH && date.charCodeAt(7) === DASH) {
    const y = digits(date, 0, 4);
    const m = digits(date, 5, 7);
    const d = digits(date, 8, 10);
    if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)) return daysFromCivil(y, m, d);
  }
  throw new RangeError(`Not an ISO calendar date (YYYY-MM-DD): ${date}`);
}

export function fromEpochDay(day: number): string {
  if (!Number.isInteger(day)) return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  // Howard Hinnant's civil_from_days: proleptic Gregorian, exact for every integer day.
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 0 || y > 9999) return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  return `${pad(y, 4)}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

const DASH = 45;

/** The number written by the ASCII digits date[from, to), or -1 if any is not a digit. */
function digits(date: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = date.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date. */
function daysFromCivil(y: number, m: number, d: number): number {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function isIsoDate(date: string): boolean {
  try {
    toEpochDay(date);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The same day `months` later, clamped to the end of a shorter month: Jan 31 + 1 month is Feb 28
 * (Feb 29 in leap years), and Feb 29 - 12 months is Feb 28. Rolling over into March instead would
 * silently skip a whole month.
 */
export function addMonths(date: string, months: number): string {
  toEpochDay(date);
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = (((m % 12) + 12) % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Calendar months from the month of `from` to the month of `to` (days ignored). */
export function monthsBetween(from: string, to: string): number {
  toEpochDay(from);
  toEpochDay(to);
  return monthIndex(to) - monthIndex(from);
}

const monthIndex = (date: string): number => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function isYearMonth(value: string): boolean {
  const match = YEAR_MONTH.exec(value);
  if (!match) return false;
  const month = Number(match[2]);
  return month >= 1 && month <= 12;
}

export const MIN_PLAN_MONTHS = 1;
export const MAX_PLAN_MONTHS = 60;
export const DEFAULT_PLAN_MONTHS = 18;

export interface PlanHorizon {
  /** First day of the start month. */
  readonly start: string;
  /** Last day of the last month, inclusive. */
  readonly end: string;
  readonly months: number;
}

/**
 * The plan's horizon: whole calendar months from the start month. A full date is accepted and
 * reduced to its month, because plans are commercial periods, not day ranges.
 */
export function planHorizon(startMonth: string, months: number = DEFAULT_PLAN_MONTHS): PlanHorizon {
  if (!Number.isInteger(months) || months < MIN_PLAN_MONTHS || months > MAX_PLAN_MONTHS) {
    throw new RangeError(`A plan lasts ${MIN_PLAN_MONTHS} to ${MAX_PLAN_MONTHS} whole months, not ${months}`);
  }
  const start = toMonthStart(startMonth);
  const lastMonthStart = addMonths(start, months - 1);
  const end = addDays(addMonths(lastMonthStart, 1), -1);
  return { start, end, months };
}

function toMonthStart(value: string): string {
  if (isYearMonth(value)) return `${value}-01`;
  if (isIsoDate(value)) return `${value.slice(0, 7)}-01`;
  throw new RangeError(`Not a month (YYYY-MM) or date (YYYY-MM-DD): ${value}`);
}

export function isWithinHorizon(horizon: PlanHorizon, date: string): boolean {
  const day = toEpochDay(date);
  return day >= toEpochDay(horizon.start) && day <= toEpochDay(horizon.end);
}

/** Whether a 'YYYY-MM' month lies inside the horizon (revenue targets are per month). */
export function isMonthWithinHorizon(horizon: PlanHorizon, yearMonth: string): boolean {
  return isYearMonth(yearMonth) && isWithinHorizon(horizon, `${yearMonth}-01`);
}

export type PlanPeriodKind = 'MONTH' | 'QUARTER';

export interface PlanPeriod {
  /** '2026-01' for months, '2026-Q1' for quarters. */
  readonly label: string;
  /** Clipped to the horizon: a quarter the horizon only partly covers starts or ends with it. */
  readonly start: string;
  readonly end: string;
  /** True when the horizon covers only part of the calendar period (quarters only). */
  readonly partial: boolean;
}

/**
 * The calendar months or quarters the horizon touches, in order. Quarters are calendar quarters, so
 * a horizon starting in February opens with a partial Q1 rather than a Feb–Apr "quarter" that no
 * finance report would recognise.
 */
export function planPeriods(horizon: PlanHorizon, kind: PlanPeriodKind): PlanPeriod[] {
  const step = kind === 'MONTH' ? 1 : 3;
  const first = horizon.start.slice(0, 7);
  const startMonth = Number(first.slice(5, 7));
  let cursor =
    kind === 'MONTH'
      ? horizon.start
      : `${first.slice(0, 4)}-${pad(startMonth - ((startMonth - 1) % 3), 2)}-01`;
  const periods: PlanPeriod[] = [];
  while (toEpochDay(cursor) <= toEpochDay(horizon.end)) {
    const next = addMonths(cursor, step);
    const periodEnd = addDays(next, -1);
    const start = fromEpochDay(Math.max(toEpochDay(cursor), toEpochDay(horizon.start)));
    const end = fromEpochDay(Math.min(toEpochDay(periodEnd), toEpochDay(horizon.end)));
    const label =
      kind === 'MONTH'
        ? cursor.slice(0, 7)
        : `${cursor.slice(0, 4)}-Q${Math.floor((Number(cursor.slice(5, 7)) - 1) / 3) + 1}`;
    periods.push({ label, start, end, partial: start !== cursor || end !== periodEnd });
    cursor = next;
  }
  return periods;
}

const FINAL_FOR_OVERDUE: readonly ActionStatus[] = ['DONE', 'CANCELLED'];

/** SPEC.md: overdue = due date passed and not DONE/CANCELLED. Due today is not yet overdue. */
export function isPlanActionOverdue(
  action: { readonly dueDate: string; readonly status: ActionStatus },
  today: string,
): boolean {
  return toEpochDay(action.dueDate) < toEpochDay(today) && !FINAL_FOR_OVERDUE.includes(action.status);
}

/**
 * Calendar months of the horizon still ahead, counting the current month as remaining: all of them
 * before the start, 1 during the last month, 0 once the horizon has ended.
 */
export function monthsRemaining(horizon: PlanHorizon, today: string): number {
  if (toEpochDay(today) > toEpochDay(horizon.end)) return 0;
  if (toEpochDay(today) < toEpochDay(horizon.start)) return horizon.months;
  return monthsBetween(today, horizon.end) + 1;
}

/**
 * True while the horizon is running out: today is on or before its last day and at most
 * `withinDays` days from it. A horizon that has already ended is not "nearing" its end.
 */
export function isNearingEnd(horizon: PlanHorizon, today: string, withinDays: number): boolean {
  if (!Number.isInteger(withinDays) || withinDays < 0) {
    throw new RangeError(`withinDays must be a non-negative integer, not ${withinDays}`);
  }
  const left = daysBetween(today, horizon.end);
  return left >= 0 && left <= withinDays;
}

/** How far, in whole years, a plan's start month may lie before or after the current month. */
export const PLAN_START_YEARS_AROUND_TODAY = 5;

/**
 * Whether a plan may start in `startMonth` ('YYYY-MM') when today is `today` ('YYYY-MM-DD'): within
 * PLAN_START_YEARS_AROUND_TODAY years of the current month, both ways (a plan of 9999 is a typo,
 * and one of 1990 is not a plan anybody works).
 */
export function isPlanStartMonthAllowed(startMonth: string, today: string): boolean {
  if (!isYearMonth(startMonth)) return false;
  const distance = Math.abs(monthsBetween(`${startMonth}-01`, today));
  return distance <= PLAN_START_YEARS_AROUND_TODAY * 12;
}

/** Whether a calendar date ('YYYY-MM-DD') falls inside the months of a plan starting `startMonth`. */
export function isDateInPlanMonths(date: string, startMonth: string, horizonMonths: number): boolean {
  return isIsoDate(date) && isWithinHorizon(planHorizon(startMonth, horizonMonths), date);
}
