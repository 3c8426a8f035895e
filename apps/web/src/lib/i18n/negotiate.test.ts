import { describe, expect, it } from 'vitest';
import { chooseLocale } from './negotiate';

describe('chooseLocale', () => {
  it('keeps the language the user picked on this device', () => {
    expect(chooseLocale('es', ['en-GB', 'en'])).toBe('es');
    expect(chooseLocale('en', ['es-ES'])).toBe('en');
  });

  it('ignores a stored value that is not a supported language', () => {
    expect(chooseLocale('fr', ['es-MX', 'en'])).toBe('es');
    expect(chooseLocale('', ['es'])).toBe('es');
  });

  it("follows the browser's languages in order when nothing is stored", () => {
    expect(chooseLocale(null, ['es-ES', 'es', 'en'])).toBe('es');
    expect(chooseLocale(null, ['en-US', 'es'])).toBe('en');
  });

  it('skips browser languages the app does not have', () => {
    expect(chooseLocale(null, ['ca-ES', 'fr', 'es'])).toBe('es');
  });

  it('falls back to English', () => {
    expect(chooseLocale(null, ['de-DE', 'fr'])).toBe('en');
    expect(chooseLocale(undefined, [])).toBe('en');
  });
});
