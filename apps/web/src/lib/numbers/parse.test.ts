import type { Locale } from '@clave/domain';
import { describe, expect, it } from 'vitest';
import {
  currencyUnits,
  formatNumber,
  type NumberOptions,
  numberError,
  type ParsedNumber,
  parseNumber,
} from './parse';

const value = (text: string, locale: Locale, options?: NumberOptions) => {
  const parsed = parseNumber(text, locale, options);
  return parsed.kind === 'number' ? parsed.value : parsed;
};
const reason = (text: string, locale: Locale, options?: NumberOptions) => {
  const parsed = parseNumber(text, locale, options);
  return parsed.kind === 'invalid' ? parsed.reason : parsed.kind;
};
const money = { maximumFractionDigits: 2, min: 0, units: ['€', 'EUR'] } as const;

describe('parseNumber in Spanish', () => {
  it.each([
    ['1.500,50', 1500.5],
    ['250.000', 250000],
    ['1.500', 1500],
    ['1500', 1500],
    ['1500,5', 1500.5],
    ['1234,56', 1234.56],
    ['1.234,5', 1234.5],
    ['1.500.000', 1500000],
    ['0,5', 0.5],
    [',5', 0.5],
    ['0', 0],
    ['7', 7],
    [' 250 000 ', 250000],
    ['250\u00a0000', 250000],
    ['1\u202f500,25', 1500.25],
    ['1 500 000,5', 1500000.5],
    ['€ 1.500', 1500],
    ['1.500 €', 1500],
    ['1.500€', 1500],
    ['1.500 EUR', 1500],
    ['１５００', 1500],
  ])('reads %j as %d', (text, expected) => {
    expect(value(text, 'es', money)).toBe(expected);
  });

  it.each([
    // A point in Spanish groups thousands; "1.5" is no thousand: not read as 15, nor as 1.5.
    ['1.5', 'unreadable'],
    ['1.50', 'unreadable'],
    ['1.5000', 'unreadable'],
    ['12.34.56', 'unreadable'],
    ['1..500', 'unreadable'],
    ['.500', 'unreadable'],
    // English writing in Spanish.
    ['1,500.50', 'unreadable'],
    ['1,2,3', 'unreadable'],
    ['1,5,', 'unreadable'],
    ['5,', 'unreadable'],
    ['abc', 'unreadable'],
    ['12a', 'unreadable'],
    ['1e5', 'unreadable'],
    ['0x10', 'unreadable'],
    ['+5', 'unreadable'],
    ['--5', 'unreadable'],
    ['-', 'unreadable'],
    [',', 'unreadable'],
    ['1 5', 'unreadable'],
    ['1.500 000', 'unreadable'],
    ['1.500 $', 'unreadable'],
    ['5 %', 'unreadable'],
    ['Infinity', 'unreadable'],
    ['NaN', 'unreadable'],
    ['1234567890123456', 'unreadable'],
    // Counted as typed: "1,500" is three decimals, refused rather than read as 1.5.
    ['1,500', 'too-many-decimals'],
    ['1.500,505', 'too-many-decimals'],
    ['-1', 'below-min'],
    ['-1.500,5', 'below-min'],
  ])('refuses %j as %s', (text, expected) => {
    expect(reason(text, 'es', money)).toBe(expected);
  });

  it('says empty for nothing or only spaces', () => {
    expect(parseNumber('', 'es')).toEqual({ kind: 'empty' });
    expect(parseNumber('  \u00a0 ', 'es')).toEqual({ kind: 'empty' });
  });

  it('accepts negative numbers only when min allows them', () => {
    expect(value('-1.500,5', 'es')).toBe(-1500.5);
    expect(value('\u22123,5', 'es', { min: -10 })).toBe(-3.5);
    expect(reason('-3', 'es', { min: 0 })).toBe('below-min');
    expect(value('-0', 'es', { min: 0 })).toBe(0);
    expect(Object.is(value('-0', 'es'), 0)).toBe(true);
  });

  it('checks min and max inclusively', () => {
    const percent = { maximumFractionDigits: 0, min: 0, max: 100, units: ['%'] };
    expect(value('100', 'es', percent)).toBe(100);
    expect(value('35 %', 'es', percent)).toBe(35);
    expect(reason('101', 'es', percent)).toBe('above-max');
    expect(reason('12,5', 'es', percent)).toBe('too-many-decimals');
  });

  it('accepts any number of decimals without a limit', () => {
    expect(value('1,23456', 'es')).toBe(1.23456);
  });
});

describe('parseNumber in English', () => {
  it.each([
    ['1,500.50', 1500.5],
    ['1,500', 1500],
    ['250,000', 250000],
    ['1500.5', 1500.5],
    ['1,234.5', 1234.5],
    ['.5', 0.5],
    ['250 000', 250000],
    ['$1,500', 1500],
    ['€1,500.50', 1500.5],
    ['1,000,000', 1000000],
  ])('reads %j as %d', (text, expected) => {
    expect(value(text, 'en', { maximumFractionDigits: 2, min: 0, units: ['€', '$'] })).toBe(expected);
  });

  it.each([
    ['1.500,50', 'unreadable'],
    ['1,5', 'unreadable'],
    ['1,50', 'unreadable'],
    ['1,2,3', 'unreadable'],
    ['1.2.3', 'unreadable'],
    ['1,500,00', 'unreadable'],
    ['12,34.5', 'unreadable'],
    ['1e5', 'unreadable'],
    ['one', 'unreadable'],
    ['1.500', 'too-many-decimals'],
    ['-2', 'below-min'],
  ])('refuses %j as %s', (text, expected) => {
    expect(reason(text, 'en', { maximumFractionDigits: 2, min: 0 })).toBe(expected);
  });

  it('reads "250.000" as 250 where decimals are allowed', () => {
    expect(value('250.000', 'en')).toBe(250);
  });
});

describe('formatNumber', () => {
  it('writes numbers the way each language does', () => {
    expect(formatNumber(1500.5, 'es')).toBe('1500,5');
    expect(formatNumber(250000, 'es')).toBe('250.000');
    expect(formatNumber(1500.5, 'en')).toBe('1,500.5');
    expect(formatNumber(1500.5, 'es', { minimumFractionDigits: 2 })).toBe('1500,50');
  });

  it.each(['es', 'en'] as const)('is read back by parseNumber in %s', (locale) => {
    for (const n of [0, 0.5, 7, 1500, 1500.5, 1234.56, 250000, 1_000_000.25, -1234.5, 999_999_999.99]) {
      for (const options of [{}, { minimumFractionDigits: 2 }, { useGrouping: 'always' as const }]) {
        const text = formatNumber(n, locale, options);
        expect(parseNumber(text, locale), `${n} → ${text}`).toEqual({ kind: 'number', value: n });
      }
    }
  });
});

describe('numberError', () => {
  const invalid = (reason: 'unreadable' | 'too-many-decimals' | 'below-min' | 'above-max'): ParsedNumber => ({
    kind: 'invalid',
    reason,
  });

  it('is null when the number is fine, or empty and not required', () => {
    expect(numberError({ kind: 'number', value: 3 }, { locale: 'es' })).toBeNull();
    expect(numberError({ kind: 'empty' }, { locale: 'es' })).toBeNull();
  });

  it('speaks Spanish and shows numbers written in Spanish', () => {
    expect(numberError({ kind: 'empty' }, { locale: 'es', required: true })).toBe('Escribe un número.');
    expect(numberError(invalid('unreadable'), { locale: 'es', maximumFractionDigits: 2 })).toBe(
      'Clave no entiende este número. Escríbelo así: 1.500,50.',
    );
    expect(numberError(invalid('too-many-decimals'), { locale: 'es', maximumFractionDigits: 2 })).toBe(
      'Usa como mucho 2 decimales.',
    );
    expect(numberError(invalid('too-many-decimals'), { locale: 'es', maximumFractionDigits: 0 })).toBe(
      'Escribe un número entero, sin decimales.',
    );
    expect(numberError(invalid('above-max'), { locale: 'es', max: 1_000_000 })).toBe(
      'Escribe 1.000.000 o menos.',
    );
    expect(numberError(invalid('below-min'), { locale: 'es', min: 0 })).toBe('Escribe 0 o más.');
  });

  it('speaks English and shows numbers written in English', () => {
    expect(numberError(invalid('unreadable'), { locale: 'en', maximumFractionDigits: 2 })).toBe(
      'This is not a number Clave can read. Write it like 1,500.50.',
    );
    expect(numberError(invalid('unreadable'), { locale: 'en', maximumFractionDigits: 0 })).toBe(
      'This is not a number Clave can read. Write it like 1,500.',
    );
    expect(numberError(invalid('too-many-decimals'), { locale: 'en', maximumFractionDigits: 1 })).toBe(
      'Use at most 1 decimal.',
    );
    expect(numberError(invalid('above-max'), { locale: 'en', max: 100 })).toBe('Enter 100 or less.');
  });
});

describe('currencyUnits', () => {
  it('gives the code and the symbol of the currency, so "1.500 €" and "EUR 1.500" are read', () => {
    expect(currencyUnits('EUR', 'es')).toEqual(['EUR', '€']);
    expect(currencyUnits('USD', 'en')).toEqual(['USD', '$']);
    expect(value('1.500 €', 'es', { units: currencyUnits('EUR', 'es') })).toBe(1500);
    expect(value('EUR 1.500', 'es', { units: currencyUnits('EUR', 'es') })).toBe(1500);
  });
});
