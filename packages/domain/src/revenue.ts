import { type AccountAccessFacts, type Actor, canWriteAccount } from './permissions.js';
import { isYearMonth, planHorizon, planPeriods } from './plan-horizon.js';

/*
 * Revenue by month and the one share definition. Actual revenue is recorded per account and month
 * (a year is the sum of its months where months exist); the company's total revenue per year,
 * customers outside Clave included, is the denominator of every share when set. Pure: the API and
 * the web import the same functions, so a number means the same everywhere.
 */

/** The earliest month revenue may be recorded for. */
export const FIRST_REVENUE_MONTH = '2000-01';
/** Most months one recordMonthlyRevenue call or one monthlyRevenue read may carry. */
export const MAX_MONTHS_PER_RECORD = 36;
export const MAX_MONTHS_PER_READ = 120;
/** Highest amount one month may carry (10^12 in the company currency). */
export const MAX_MONTHLY_REVENUE = 1e12;

/**
 * Record an account's actual revenue by month: whoever works the account (its KAMs, their
 * manager) and admins, who keep the company's figures (unlike the rest of the KAM's work).
 */
export function canRecordRevenue(actor: Actor, account: AccountAccessFacts): boolean {
  return actor.role === 'ADMIN' || canWriteAccount(actor, account);
}

/** 'YYYY-MM' of an instant, in UTC like every other date of the product. */
export function monthOf(now: Date): string {
  return now.toISOString().slice(0, 7);
}

/** The month `delta` months after `month` ('YYYY-MM'); negative deltas go back. */
export function addToMonth(month: string, delta: number): string {
  if (!isYearMonth(month)) throw new RangeError(`Not a month (YYYY-MM): ${month}`);
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to` inclusive, in order (empty when `to` is before `from`). */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addToMonth(m, 1)) out.push(m);
  return out;
}

/**
 * THE share year: the latest complete year with revenue on record, i.e. the latest year before
 * the current one that has any account revenue; when only the current year (or later) has some,
 * the latest year on record; null without revenue. Every share of company revenue the product
 * shows by default (account page, lists, portfolio, desk) is of this year.
 */
export function shareYearOf(yearsWithRevenue: readonly number[], currentYear: number): number | null {
  let complete: number | null = null;
  let latest: number | null = null;
  for (const year of yearsWithRevenue) {
    if (latest === null || year > latest) latest = year;
    if (year < currentYear && (complete === null || year > complete)) complete = year;
  }
  return complete ?? latest;
}

export type ShareDenominatorKind = 'COMPANY_TOTAL' | 'KEY_ACCOUNTS';

export interface ShareDenominator {
  readonly value: number;
  readonly kind: ShareDenominatorKind;
}

/**
 * What shares of a year are shares of: the company's total revenue when it is set, otherwise the
 * key accounts' sum. A company total below the key accounts' sum (set before more revenue was
 * recorded) cannot be right, since it includes them: the key accounts' sum is then used, so shares
 * never add up to more than 1.
 */
export function shareDenominator(keyAccountsRevenue: number, companyTotal: number | null): ShareDenominator {
  if (companyTotal !== null && companyTotal >= keyAccountsRevenue && companyTotal > 0) {
    return { value: companyTotal, kind: 'COMPANY_TOTAL' };
  }
  return { value: keyAccountsRevenue, kind: 'KEY_ACCOUNTS' };
}

/** Rounds to cents, so sums of money do not carry float noise (0.1 + 0.2). */
export const roundMoney = (n: number): number => Math.round(n * 100) / 100;

/** The sum of amounts in cents, exact for any realistic number of months. */
export function sumMoney(amounts: readonly number[]): number {
  let cents = 0;
  for (const a of amounts) cents += Math.round(a * 100);
  return cents / 100;
}

export interface MonthAmount {
  /** 'YYYY-MM'. */
  readonly month: string;
  readonly amount: number;
}

export interface PlanRevenueMonth {
  readonly month: string;
  readonly target: number | null;
  readonly actual: number | null;
  readonly cumulativeTarget: number;
  readonly cumulativeActual: number;
}

export interface PlanRevenueAttainment {
  /** Every month of the horizon, in order. */
  readonly months: readonly PlanRevenueMonth[];
  /** Sum of every target of the plan. */
  readonly totalTarget: number;
  /** Sum of the targets of the complete months (before the current one) of the horizon. */
  readonly targetToDate: number;
  /** Sum of the actuals of those same months. */
  readonly actualToDate: number;
  /** actualToDate / targetToDate; null when targetToDate is 0. */
  readonly attainmentToDate: number | null;
  /** totalTarget minus the actual of every month of the horizon recorded so far. */
  readonly gapToTotal: number;
  /** The last complete month counted "to date"; null before the plan's first month has ended. */
  readonly throughMonth: string | null;
}

/**
 * Target against actual for a plan: month by month with running totals, attainment of the months
 * that are over, and what is still missing to the plan's total. Targets and actuals outside the
 * horizon are ignored; a month without a target or an actual counts as 0 in the sums and is null
 * in `months`. The current month is not "to date" (it is not over), but its actual, if recorded,
 * already reduces the gap.
 */
export function planRevenueAttainment(input: {
  readonly startMonth: string;
  readonly horizonMonths: number;
  readonly targets: readonly MonthAmount[];
  readonly actuals: readonly MonthAmount[];
  /** 'YYYY-MM' of today. */
  readonly currentMonth: string;
}): PlanRevenueAttainment {
  const horizon = planHorizon(input.startMonth, input.horizonMonths);
  const labels = planPeriods(horizon, 'MONTH').map((p) => p.label);
  const targets = new Map<string, number>();
  for (const t of input.targets) targets.set(t.month, (targets.get(t.month) ?? 0) + t.amount);
  const actuals = new Map<string, number>();
  for (const a of input.actuals) actuals.set(a.month, (actuals.get(a.month) ?? 0) + a.amount);

  let cumulativeTarget = 0;
  let cumulativeActual = 0;
  let targetToDate = 0;
  let actualToDate = 0;
  let throughMonth: string | null = null;
  const months = labels.map((month): PlanRevenueMonth => {
    const target = targets.get(month) ?? null;
    const actual = actuals.get(month) ?? null;
    cumulativeTarget = roundMoney(cumulativeTarget + (target ?? 0));
    cumulativeActual = roundMoney(cumulativeActual + (actual ?? 0));
    if (month < input.currentMonth) {
      targetToDate = cumulativeTarget;
      actualToDate = cumulativeActual;
      throughMonth = month;
    }
    return { month, target, actual, cumulativeTarget, cumulativeActual };
  });
  return {
    months,
    totalTarget: cumulativeTarget,
    targetToDate,
    actualToDate,
    attainmentToDate: targetToDate > 0 ? actualToDate / targetToDate : null,
    gapToTotal: roundMoney(cumulativeTarget - cumulativeActual),
    throughMonth,
  };
}
