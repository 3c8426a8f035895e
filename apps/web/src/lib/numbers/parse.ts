/**
 * The one way the web app reads a number a person typed, and writes one back.
 *
 * Numbers are read the way the person's language writes them, and what is wrong or ambiguous is
 * refused rather than guessed at. `NumberParser` of `@internationalized/number` turns the text into
 * a number; it is lenient on purpose (in Spanish it reads "1.5" as 15 and "1,500.50" as 1.5005),
 * so the text is first checked against these rules:
 *
 * - Spaces around the text are ignored; nothing but spaces → `{ kind: 'empty' }`.
 * - Digits 0-9 (full-width digits count too, after Unicode NFKC normalisation).
 * - The decimal separator is the language's: a comma in Spanish ("1500,5"), a point in English
 *   ("1500.5"). At most one, followed by at least one digit; a leading one is fine (",5" = 0.5).
 * - Thousands may be grouped, with the language's group separator (a point in Spanish, a comma in
 *   English) or with spaces (space, no-break space, narrow no-break space): 1 to 3 digits, then
 *   groups of exactly 3 digits, one kind of separator throughout. So in Spanish "1.500" = 1500,
 *   "250.000" = 250000, "1.500,50" = 1500.5, "250 000" = 250000; in English "1,500.50" = 1500.5.
 * - Everything else is `unreadable`: letters, exponents ("1e5"), two decimal separators
 *   ("1,2,3" in Spanish), groups that are not of three digits ("1.5" or "1.50" in Spanish: a point
 *   there can only group thousands, and "1.5" is not a thousand; "1,5" in English), the other
 *   language's writing ("1,500.50" in Spanish, "1.500,50" in English), separators in a row, a
 *   trailing decimal separator ("5,"), more than 15 digits (beyond what is stored exactly).
 * - One leading minus sign (hyphen-minus or U+2212) makes the number negative; with `min` ≥ 0 a
 *   negative number is `below-min`. A plus sign is not accepted.
 * - `units` (e.g. ["€", "EUR"] or ["%"]) may stand once before or after the number, with or without
 *   a space ("€ 1.500", "1.500 €", "15 %"); any other symbol is unreadable.
 * - More decimal digits than `maximumFractionDigits` (counted as typed: "1,500" has three, so it
 *   is refused in a two-decimal Spanish amount rather than read as 1.5) → `too-many-decimals`.
 * - Then `min` / `max` (inclusive) → `below-min` / `above-max`.
 *
 * `formatNumber` writes a number the way `parseNumber` reads it back in the same language.
 */
import type { Locale } from '@clave/domain';
import { NumberParser } from '@internationalized/number';
import { m } from '$lib/paraglide/messages';
import { getLocale as messageLocale } from '$lib/paraglide/runtime';

export type ParsedNumber =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'invalid'; reason: 'unreadable' | 'too-many-decimals' | 'below-min' | 'above-max' };

export interface NumberOptions {
  /** Most decimal digits accepted (as typed); no limit when left out. */
  maximumFractionDigits?: number;
  /** Smallest accepted value, inclusive. Negative numbers are accepted only when it is below 0 (or left out). */
  min?: number;
  /** Largest accepted value, inclusive. */
  max?: number;
  /** Symbols that may stand once before or after the number, e.g. ['€', 'EUR'] or ['%']. */
  units?: readonly string[];
}

interface Symbols {
  decimal: string;
  group: string;
}

const symbolCache = new Map<string, Symbols>();

function symbolsOf(locale: Locale): Symbols {
  let symbols = symbolCache.get(locale);
  if (!symbols) {
    const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(1234567.5);
    symbols = {
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
      group: (parts.find((p) => p.type === 'group')?.value ?? ',').normalize('NFKC'),
    };
    symbolCache.set(locale, symbols);
  }
  return symbols;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Spaces people use between thousands; after NFKC the no-break spaces are plain spaces. */
const SPACE = ' ';
const MAX_DIGITS = 15;

function stripUnit(text: string, units: readonly string[]): string {
  const lower = text.toLocaleLowerCase();
  for (const unit of units) {
    const u = unit.normalize('NFKC').toLocaleLowerCase().trim();
    if (u === '') continue;
    if (lower.startsWith(u)) return text.slice(u.length).trim();
    if (lower.endsWith(u)) return text.slice(0, text.length - u.length).trim();
  }
  return text;
}

const parsers = new Map<string, NumberParser>();
function parserOf(locale: Locale): NumberParser {
  let parser = parsers.get(locale);
  if (!parser) {
    parser = new NumberParser(locale, { useGrouping: true, maximumFractionDigits: 20 });
    parsers.set(locale, parser);
  }
  return parser;
}

/** Reads a number typed in `locale` by the rules above. */
export function parseNumber(text: string, locale: Locale, options: NumberOptions = {}): ParsedNumber {
  let rest = text.normalize('NFKC').replace(/\s+/g, SPACE).trim();
  if (rest === '') return { kind: 'empty' };
  const unreadable = { kind: 'invalid', reason: 'unreadable' } as const;

  rest = stripUnit(rest, options.units ?? []);
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('\u2212')) {
    negative = true;
    rest = rest.slice(1);
  }

  const { decimal, group } = symbolsOf(locale);
  const d = escapeRegExp(decimal);
  const grouped = (separator: string) => `\\d{1,3}(?:${escapeRegExp(separator)}\\d{3})+`;
  const integer = `(\\d+|${grouped(group)}${group === SPACE ? '' : `|${grouped(SPACE)}`})?`;
  const match = new RegExp(`^${integer}(?:${d}(\\d+))?$`).exec(rest);
  if (!match) return unreadable;
  const integerDigits = (match[1] ?? '').replace(/\D/g, '');
  const fraction = match[2] ?? '';
  if (integerDigits === '' && fraction === '') return unreadable;
  if (integerDigits.replace(/^0+/, '').length + fraction.length > MAX_DIGITS) return unreadable;

  if (options.maximumFractionDigits !== undefined && fraction.length > options.maximumFractionDigits)
    return { kind: 'invalid', reason: 'too-many-decimals' };

  // The checked text in the language's own writing, for the library to read.
  const canonical = `${negative ? '-' : ''}${integerDigits || '0'}${fraction ? `${decimal}${fraction}` : ''}`;
  const parsed = parserOf(locale).parse(canonical);
  if (!Number.isFinite(parsed)) return unreadable;
  const value = parsed === 0 ? 0 : parsed; // no -0

  if (options.min !== undefined && value < options.min) return { kind: 'invalid', reason: 'below-min' };
  if (options.max !== undefined && value > options.max) return { kind: 'invalid', reason: 'above-max' };
  return { kind: 'number', value };
}

/**
 * A number written the way `locale` writes it, which `parseNumber` reads back. Pass the field's
 * `maximumFractionDigits` (default 10) so that what is shown is what was typed.
 */
export function formatNumber(value: number, locale: Locale, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 10, ...options }).format(value);
}

/** The largest amount of money the API takes (`money` of @clave/domain: two decimals, 0 to below 10^14). */
export const MONEY_MAX = 99_999_999_999_999;

/**
 * An amount of money in `currency`, the way `locale` writes it: "1500,50 €" / "€1,500.50"; whole
 * amounts without decimals ("250.000 €"). Not rounded to whole units, so what was typed is what is shown.
 */
export function formatMoney(value: number, locale: Locale, currency = 'EUR'): string {
  const whole = Number.isInteger(value);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(value);
}

/** What may be typed around an amount in `currency`: its code and its symbol in `locale` ("EUR", "€"). */
export function currencyUnits(currency: string, locale: Locale): string[] {
  const symbol = new Intl.NumberFormat(locale, { style: 'currency', currency })
    .formatToParts(1)
    .find((part) => part.type === 'currency')?.value;
  return symbol && symbol !== currency ? [currency, symbol] : [currency];
}

export interface NumberErrorOptions {
  /** The language of the message and of the numbers in it; the app's current language by default. */
  locale?: Locale;
  /** An empty field is an error ("Enter a number."). */
  required?: boolean;
  maximumFractionDigits?: number;
  min?: number;
  max?: number;
}

/** The field's message for what `parseNumber` returned, in the person's language; null when fine. */
export function numberError(parsed: ParsedNumber, options: NumberErrorOptions = {}): string | null {
  const messageOptions = options.locale ? { locale: options.locale } : undefined;
  const locale = options.locale ?? messageLocale();
  const digits = options.maximumFractionDigits;
  const show = (n: number) => formatNumber(n, locale, { maximumFractionDigits: digits ?? 10 });
  if (parsed.kind === 'empty') return options.required ? m.number_required({}, messageOptions) : null;
  if (parsed.kind === 'number') return null;
  switch (parsed.reason) {
    case 'unreadable': {
      const example = new Intl.NumberFormat(locale, {
        useGrouping: 'always',
        minimumFractionDigits: Math.min(digits ?? 2, 2),
        maximumFractionDigits: Math.min(digits ?? 2, 2),
      }).format(digits === 0 ? 1500 : 1500.5);
      return m.number_unreadable({ example }, messageOptions);
    }
    case 'too-many-decimals':
      return digits === 0
        ? m.number_whole({}, messageOptions)
        : m.number_too_many_decimals({ count: digits ?? 0 }, messageOptions);
    case 'below-min':
      return m.number_below_min({ min: show(options.min ?? 0) }, messageOptions);
    case 'above-max':
      return m.number_above_max({ max: show(options.max ?? 0) }, messageOptions);
  }
}
