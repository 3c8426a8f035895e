/**
 * Property tests: every input schema the API and the app validate with, fed random, oversized,
 * wrongly typed, unicode-heavy and injection-shaped input. Each either parses or fails with issues
 * a person can read in English and Spanish — our catalog's keys, or zod's own issues (which the
 * API renders with zod's en/es locales). Nothing throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as domain from '../index.js';
import { isMessageKey, translate } from '../messages.js';

/** Fixed so a failure can be replayed; fast-check prints the seed and the shrunk input. */
const SEED = 20_261_127;

const zodLocales = { en: z.locales.en(), es: z.locales.es() };

const INJECTION = [
  "'; DROP TABLE account; --",
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}$' + '{7*7}', // template-injection probes
  '../../../../etc/passwd',
  '__proto__',
  'constructor',
  '\u0000',
  '\u202Eevil\u202C',
  '\uD800',
  'Ω≈ç√∫˜µ≤≥÷',
  '🧀🐄'.repeat(300),
  'é'.normalize('NFD').repeat(500),
  ' \t\n ',
  '1e309',
  'NaN',
  '-0',
  '2026-02-30',
  '9999-12-31T23:59:59.999Z',
  '3f1c2b8e-9a4d-4c6e-8f21-7b5d0e9a1c34',
];

const hostileString = fc.oneof(
  fc.constantFrom(...INJECTION),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('x'.repeat(256), 'x'.repeat(20_001), 'y'.repeat(1_000_001)),
);

const scalar = fc.oneof(
  hostileString,
  fc.integer(),
  fc.constantFrom(0, -1, 1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 1e21, 0.1 + 0.2, -0),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
);

const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('any'), { maxLength: 4 }),
  object: fc.dictionary(hostileString, tie('any'), { maxKeys: 4 }),
})).any;

/** The object shape behind wrappers (pipe, refine, optional…), to generate the right keys. */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | null {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodType>;
  const inner = (def.in ?? def.innerType ?? def.schema) as z.ZodType | undefined;
  return inner ? shapeOf(inner) : null;
}

function inputsFor(schema: z.ZodType) {
  const shape = shapeOf(schema);
  if (!shape) return value;
  const keys = Object.keys(shape);
  const shaped = fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] });
  const withExtras = fc
    .tuple(shaped, fc.dictionary(hostileString, value, { maxKeys: 3 }))
    .map(([a, b]) => ({ ...b, ...a }));
  const protoPolluting = fc.constant(
    JSON.parse('{"__proto__": {"admin": true}, "constructor": {"prototype": {}}}'),
  );
  return fc.oneof(shaped, withExtras, value, protoPolluting);
}

/** An issue is readable when its message is a catalog key or zod renders it in both languages. */
function unreadable(issue: z.core.$ZodIssue): string | null {
  if (isMessageKey(issue.message)) {
    for (const locale of ['en', 'es'] as const) {
      const text = translate(issue.message, locale);
      if (!text || text === issue.message) return `${issue.message} has no ${locale} text`;
    }
    return null;
  }
  if (issue.code === 'custom')
    return `custom issue with a message that is not a catalog key: ${issue.message}`;
  for (const locale of ['en', 'es'] as const) {
    const rendered = zodLocales[locale].localeError?.(issue as never);
    const text = typeof rendered === 'string' ? rendered : rendered?.message;
    if (!text) return `zod cannot render ${issue.code} in ${locale}`;
  }
  return null;
}

const schemas: [string, z.ZodType][] = Object.entries(domain as Record<string, unknown>).flatMap(
  ([name, v]) => (v instanceof z.ZodType ? [[name, v] as [string, z.ZodType]] : []),
);

describe('input schemas under hostile input', () => {
  it('covers the schemas of every mutation', () => {
    expect(schemas.map(([n]) => n)).toEqual(
      expect.arrayContaining([
        'createAccountInput',
        'updateAccountInput',
        'logVisitInput',
        'createStakeholderInput',
        'updatePlanActionInput',
        'recordKpiMeasurementsInput',
        'createResourceRequestInput',
      ]),
    );
  });

  it.each(schemas)(
    '%s parses or fails with issues readable in English and Spanish, never throwing',
    (_name, schema) => {
      fc.assert(
        fc.property(inputsFor(schema), (input) => {
          const result = schema.safeParse(input);
          if (result.success) return;
          expect(result.error.issues.length).toBeGreaterThan(0);
          for (const issue of result.error.issues) expect(unreadable(issue)).toBeNull();
        }),
        { seed: SEED, numRuns: 150 },
      );
    },
  );
});
