import { z } from 'zod';
import { STAKEHOLDER_ATTITUDES, STAKEHOLDER_INFLUENCES, STAKEHOLDER_ROLES } from '../enums.js';
import { email, name, uuid } from './common.js';
import { expectedVersion, hasChanges } from './profiles.js';

/**
 * Phone numbers as people type them ("+34 600 12 34 56", "(555) 123-4567"): digits with the usual
 * separators and an optional leading +, 5 to 20 digits. Anything stricter (E.164) would reject the
 * way KAMs copy numbers from business cards.
 */
export const phone = z
  .string()
  .trim()
  .max(40)
  .refine(
    (p) => {
      const digits = p.replace(/\D/g, '').length;
      return /^\+?[\d\s().-]+$/.test(p) && digits >= 5 && digits <= 20;
    },
    { message: 'phoneNumber' },
  );

export const createStakeholderInput = z.object({
  /** A UUID the client made (offline outbox): sending the same stakeholder again stores it once. */
  id: uuid.optional(),
  accountId: uuid,
  name: name(200),
  title: name(200).optional(),
  decisionRole: z.enum(STAKEHOLDER_ROLES),
  attitude: z.enum(STAKEHOLDER_ATTITUDES).default('NEUTRAL'),
  /** Weight in the decision (HIGH, MEDIUM, LOW); absent or null when not assessed. */
  influence: z.enum(STAKEHOLDER_INFLUENCES).nullish(),
  /** Another stakeholder of the same account; the API checks it exists there and forms no cycle. */
  reportsToId: uuid.nullish(),
  email: email.optional(),
  phone: phone.optional(),
});
export type CreateStakeholderInput = z.infer<typeof createStakeholderInput>;

/** Null clears an optional field; `expectedVersion`, when sent, guards against lost updates. */
export const updateStakeholderInput = z
  .object({
    expectedVersion,
    name: name(200),
    title: name(200).nullable(),
    decisionRole: z.enum(STAKEHOLDER_ROLES),
    attitude: z.enum(STAKEHOLDER_ATTITUDES),
    influence: z.enum(STAKEHOLDER_INFLUENCES).nullable(),
    reportsToId: uuid.nullable(),
    email: email.nullable(),
    phone: phone.nullable(),
  })
  .partial()
  .refine(hasChanges, { message: 'nothingToUpdate' });
export type UpdateStakeholderInput = z.infer<typeof updateStakeholderInput>;
