import type { Locale } from '@clave/domain';
import { company } from '$lib/revenue/company.svelte';

/** Money in the company currency (read once per session): compact for big figures ("26,3 M €"). */
export function formatMoney(value: number, locale: Locale, currency: string = company.currency): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    notation: Math.abs(value) >= 100_000 ? 'compact' : 'standard',
    maximumFractionDigits: Math.abs(value) >= 100_000 ? 1 : 0,
  }).format(value);
}

export function formatInteger(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

export function formatDecimal(value: number, locale: Locale, digits = 1): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** 'YYYY-MM' as "Nov 2026" / "nov 2026". */
export function formatMonth(month: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** Direction of a score change: up, down or flat (the arrow is decoration, the text says it). */
export function trendDirection(trend: number | null | undefined): 'up' | 'down' | 'flat' | null {
  if (trend === null || trend === undefined) return null;
  return trend > 0 ? 'up' : trend < 0 ? 'down' : 'flat';
}

export const TREND_ARROW = { up: '▲', down: '▼', flat: '▶' } as const;
