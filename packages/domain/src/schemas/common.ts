import { z } from 'zod';

/** Trimmed, non-empty single-line text with a maximum length. */
export const name = (max = 200) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => ![...s].some(isControlCharacter), { message: 'singleLine' });

const isControlCharacter = (c: string): boolean => {
  const code = c.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
};

/** Free multi-line text (notes, profile sections). */
export const longText = (max = 20_000) => z.string().max(max);

export const email = z.string().trim().toLowerCase().pipe(z.email().max(254));

export const uuid = z.uuid();

/** An ISO calendar date, YYYY-MM-DD. */
export const isoDate = z.iso.date();

export const year = z.number().int().min(1900).max(2200);

/** Money with at most two decimals, non-negative, below 10^14. */
export const money = z
  .number()
  .finite()
  .min(0)
  .max(99_999_999_999_999)
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, { message: 'twoDecimals' });
