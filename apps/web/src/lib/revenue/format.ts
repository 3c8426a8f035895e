import type { Locale } from '@clave/domain';

/**
 * An amount of money in full, cents included when it has them, grouped the way the language writes
 * it: "1.500,50 €" in Spanish, "€1,500.50" in English. (Spanish leaves four-digit numbers ungrouped
 * by default; amounts people type as "1.500,50" are shown back the same way.)
 */
export function formatAmount(value: number, locale: Locale, currency: string): string {
  const cents = Math.round(value * 100) % 100 !== 0;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    useGrouping: 'always',
    minimumFractionDigits: cents ? 2 : 0,
    maximumFractionDigits: 2,
  }).format(value);
}

/**
 * An amount compact for charts and big figures: "1,5 M €" / "€1.5M"; small ones in full. `scale`
 * (by default the value itself) decides which: a chart passes its axis's largest value, so every
 * tick of one axis is written alike ("50 mil €" beside "250 mil €", not "50.000 €").
 */
export function formatCompactAmount(value: number, locale: Locale, currency: string, scale = value): string {
  const big = Math.abs(scale) >= 100_000;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    useGrouping: 'always',
    notation: big ? 'compact' : 'standard',
    minimumFractionDigits: 0,
    maximumFractionDigits: big ? 1 : 0,
  }).format(value);
}

/** A signed difference: "+1.200 €" / "−300 €" (exceptZero: no sign on nothing). */
export function formatSignedAmount(value: number, locale: Locale, currency: string): string {
  const cents = Math.round(value * 100) % 100 !== 0;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    useGrouping: 'always',
    signDisplay: 'exceptZero',
    minimumFractionDigits: cents ? 2 : 0,
    maximumFractionDigits: 2,
  }).format(value);
}

/** The currency's symbol in this language, e.g. "€" or "US$", for a field's suffix. */
export function currencySymbol(currency: string, locale: Locale): string {
  try {
    return (
      new Intl.NumberFormat(locale, { style: 'currency', currency })
        .formatToParts(0)
        .find((part) => part.type === 'currency')?.value ?? currency
    );
  } catch {
    return currency;
  }
}
