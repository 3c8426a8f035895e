import { describe, expect, it } from 'vitest';
import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };

const dictionaries = { en, es } as const;

/** Every piece of text in a message: the plain string, or each variant of a message with variants. */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(texts);
  if (value && typeof value === 'object' && 'match' in value)
    return Object.values(value.match as object).flatMap(texts);
  return [];
}

function placeholders(value: unknown): string[] {
  return [
    ...new Set(texts(value).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]))),
  ]
    .filter((name): name is string => name !== undefined)
    .sort();
}

const keysOf = (dictionary: object) =>
  Object.keys(dictionary)
    .filter((key) => key !== '$schema')
    .sort();

describe('the message dictionaries', () => {
  it('have the same keys in Spanish and English', () => {
    expect(keysOf(es)).toEqual(keysOf(en));
  });

  it.each(Object.entries(dictionaries))('have no empty text in %s', (_locale, dictionary) => {
    for (const key of keysOf(dictionary)) {
      const all = texts(dictionary[key as keyof typeof dictionary]);
      expect(all.length, key).toBeGreaterThan(0);
      for (const text of all) expect(text.trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of keysOf(en)) {
      expect(placeholders(es[key as keyof typeof es]), key).toEqual(placeholders(en[key as keyof typeof en]));
    }
  });
});
