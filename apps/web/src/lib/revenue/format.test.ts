import { describe, expect, it } from 'vitest';
import { currencySymbol, formatAmount, formatCompactAmount, formatSignedAmount } from './format';

// Intl puts a no-break space (U+00A0) between number and symbol, and a minus sign U+2212 in some locales.
const plain = (text: string) => text.replace(/\u00a0|\u202f/g, ' ').replace(/\u2212/g, '-');

describe('amounts in the company currency', () => {
  it('writes Spanish amounts with grouping and decimal comma', () => {
    expect(plain(formatAmount(1500.5, 'es', 'EUR'))).toBe('1.500,50 €');
    expect(plain(formatAmount(250000, 'es', 'EUR'))).toBe('250.000 €');
  });

  it('writes English amounts the English way', () => {
    expect(plain(formatAmount(1500.5, 'en', 'EUR'))).toBe('€1,500.50');
    expect(plain(formatAmount(1500, 'en', 'USD'))).toBe('$1,500');
  });

  it('shortens big figures and signs differences', () => {
    expect(plain(formatCompactAmount(1_500_000, 'es', 'EUR'))).toBe('1,5 M €');
    expect(plain(formatCompactAmount(50_000, 'es', 'EUR'))).toBe('50.000 €');
  });

  it('writes every tick of one chart axis alike', () => {
    expect(plain(formatCompactAmount(50_000, 'es', 'EUR', 250_000))).toBe('50 mil €');
    expect(plain(formatCompactAmount(0, 'es', 'EUR', 250_000))).toBe('0 €');
    expect(plain(formatCompactAmount(50_000, 'en', 'EUR', 250_000))).toBe('€50K');
    expect(plain(formatSignedAmount(-300, 'es', 'EUR'))).toBe('-300 €');
    expect(plain(formatSignedAmount(1200, 'en', 'EUR'))).toBe('+€1,200');
    expect(plain(formatSignedAmount(0, 'en', 'EUR'))).toBe('€0');
  });

  it('names the currency symbol for a field', () => {
    expect(currencySymbol('EUR', 'es')).toBe('€');
    expect(currencySymbol('XYZ!', 'es')).toBe('XYZ!');
  });
});
