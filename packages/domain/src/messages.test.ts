import { describe, expect, it } from 'vitest';
import { messages, negotiateLocale, translate } from './messages.js';

describe('translate', () => {
  it('fills placeholders in the requested language', () => {
    expect(translate('loginRateLimited', 'es', { minutes: 15 })).toBe(
      'Demasiados intentos fallidos. Vuelve a intentarlo dentro de 15 minutos.',
    );
    expect(translate('notFound', 'en', { entity: 'Account' })).toBe('Account not found');
  });

  it('has every message in Spanish and English, and no two languages alike by accident', () => {
    for (const [key, text] of Object.entries(messages)) {
      expect(text.en, key).not.toBe('');
      expect(text.es, key).not.toBe('');
      expect(text.es, key).not.toBe(text.en);
    }
  });
});

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['es-ES,es;q=0.9,en;q=0.8', 'es'],
    ['en-GB,en;q=0.9,es;q=0.8', 'en'],
    ['fr-FR,fr;q=0.9,es;q=0.5,en;q=0.4', 'es'],
    ['en;q=0.2, es-MX;q=0.8', 'es'],
    ['de, fr', 'en'],
    ['es;q=0, en;q=0.1', 'en'],
  ])('%s → %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});
