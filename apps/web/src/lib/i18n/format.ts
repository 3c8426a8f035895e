import type { Locale } from '@clave/domain';

/** A calendar date for headings, e.g. "Thursday, 27 November" / "jueves, 27 de noviembre". */
export function formatLongDate(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long' }).format(date);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(value);
}
