import { z } from 'zod';
import { isYearMonth } from '../plan-horizon.js';
import { FIRST_REVENUE_MONTH, MAX_MONTHLY_REVENUE, MAX_MONTHS_PER_RECORD } from '../revenue.js';
import { money, uuid, year } from './common.js';

/** A 'YYYY-MM' month from 2000-01 to `currentMonth` (revenue is recorded once it happened). */
export const revenueMonth = (currentMonth: string) =>
  z
    .string()
    .refine(isYearMonth, { message: 'yearMonth' })
    .refine((m) => !isYearMonth(m) || (m >= FIRST_REVENUE_MONTH && m <= currentMonth), {
      message: 'revenueMonthRange',
      abort: true,
    });

/** Money of one month: non-negative, two decimals at most, at most 10^12. */
export const monthlyRevenueAmount = z
  .number()
  .finite()
  .min(0)
  .max(MAX_MONTHLY_REVENUE)
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, { message: 'twoDecimals' });

/**
 * recordMonthlyRevenue's input for a given current month: 1–36 months, none twice (the repeat is
 * reported on its own `months.i.month`).
 */
export const recordMonthlyRevenueInput = (currentMonth: string) =>
  z.object({
    accountId: uuid,
    months: z
      .array(z.object({ month: revenueMonth(currentMonth), amount: monthlyRevenueAmount }))
      .min(1)
      .max(MAX_MONTHS_PER_RECORD)
      .superRefine((months, ctx) => {
        const seen = new Set<string>();
        months.forEach((m, i) => {
          if (seen.has(m.month))
            ctx.addIssue({ code: 'custom', path: [i, 'month'], message: 'monthRepeated' });
          seen.add(m.month);
        });
      }),
  });
export type RecordMonthlyRevenueInput = z.infer<ReturnType<typeof recordMonthlyRevenueInput>>;

/** ISO 4217 codes this runtime knows (Intl), e.g. EUR, USD, MXN. */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf('currency').includes(code);
}

export const DEFAULT_CURRENCY = 'EUR';

export const updateCompanySettingsInput = z.object({
  currency: z.string().trim().toUpperCase().refine(isCurrencyCode, { message: 'currencyCode' }),
});
export type UpdateCompanySettingsInput = z.infer<typeof updateCompanySettingsInput>;

/** The company's total revenue of a year (null clears it); a year from 2000 to the current one. */
export const setCompanyRevenueInput = (currentYear: number) =>
  z.object({
    year: year.min(2000).max(currentYear),
    totalRevenue: money.nullable(),
  });
export type SetCompanyRevenueInput = z.infer<ReturnType<typeof setCompanyRevenueInput>>;
