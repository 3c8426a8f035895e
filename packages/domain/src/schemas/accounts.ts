import { z } from 'zod';
import { ACCOUNT_TIERS } from '../enums.js';
import { money, name, uuid, year } from './common.js';

const supporterIds = z
  .array(uuid)
  .max(50)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'noRepeats' });

/** Days between visits the account expects; drives visit coverage and relationship health. */
const visitCadenceDays = z.number().int().min(1).max(365);

/** Longest street address kept for an account (enough for a full postal address). */
export const ACCOUNT_ADDRESS_MAX = 300;
/** Where to visit the account, for directions; blank clears it (stored as null). */
export const accountAddress = z
  .string()
  .trim()
  .max(ACCOUNT_ADDRESS_MAX)
  .transform((v) => (v === '' ? null : v))
  .nullable();

export const createAccountInput = z.object({
  name: name(200),
  segment: name(120),
  tier: z.enum(ACCOUNT_TIERS),
  ownerId: uuid,
  supporterIds: supporterIds.default([]),
  visitCadenceDays: visitCadenceDays.default(30),
  address: accountAddress.default(null),
});
export type CreateAccountInput = z.infer<typeof createAccountInput>;

export const updateAccountInput = z
  .object({
    name: name(200),
    segment: name(120),
    tier: z.enum(ACCOUNT_TIERS),
    ownerId: uuid,
    supporterIds,
    visitCadenceDays,
    address: accountAddress,
  })
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'nothingToUpdate' });
export type UpdateAccountInput = z.infer<typeof updateAccountInput>;

export const setAccountRevenueInput = z.object({
  year,
  amount: money,
});
export type SetAccountRevenueInput = z.infer<typeof setAccountRevenueInput>;

export const accountFilterInput = z.object({
  search: z.string().trim().max(200).optional(),
  tier: z.enum(ACCOUNT_TIERS).optional(),
  ownerId: uuid.optional(),
  includeArchived: z.boolean().default(false),
});
export type AccountFilterInput = z.infer<typeof accountFilterInput>;

/** Relay page size: at most 100 items per page. */
export const pageSize = z.number().int().min(1).max(100);
