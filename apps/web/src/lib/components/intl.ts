import type { Locale } from '@clave/domain';

/** A calendar day ('YYYY-MM-DD' or a timestamp), e.g. "27 Nov 2026" / "27 nov 2026". */
export function formatDay(value: string | Date, locale: Locale): string {
  const date =
    typeof value === 'string' && value.length === 10 ? new Date(`${value}T12:00:00`) : new Date(value);
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}

export function formatDateTime(value: string | Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

/** "5 minutes ago" / "hace 5 minutos", in the largest unit that fits. */
export function formatAgo(date: Date, locale: Locale, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(Math.round(seconds), 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}

export function formatPercent(ratio: number, locale: Locale, digits = 0): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(ratio);
}

/** A KPI value with its unit: "%" and currency codes are formatted by Intl, other units appended. */
export function formatKpiValue(value: number, unit: string, locale: Locale): string {
  if (unit === '%') return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)} %`;
  if (/^[A-Z]{3}$/.test(unit))
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: unit,
      notation: Math.abs(value) >= 100_000 ? 'compact' : 'standard',
      maximumFractionDigits: Math.abs(value) >= 100_000 ? 1 : 0,
    }).format(value);
  const number = new Intl.NumberFormat(locale, {
    maximumFractionDigits: 1,
    notation: Math.abs(value) >= 1_000_000 ? 'compact' : 'standard',
  }).format(value);
  return unit ? `${number} ${unit}` : number;
}

/** Today as 'YYYY-MM-DD' in the device's time zone. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A day n days after an ISO date. */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T12:00:00`);
  date.setDate(date.getDate() + days);
  return todayIso(date);
}
