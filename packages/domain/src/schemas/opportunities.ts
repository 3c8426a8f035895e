import { z } from 'zod';
import { OPPORTUNITY_STAGES } from '../enums.js';
import { isoDate, longText, money, name, uuid } from './common.js';
import { expectedVersion, hasChanges } from './profiles.js';

/**
 * Win probability as a whole percentage, 0..100: what KAMs type and managers read; a 0..1 float
 * invites 0.333333 noise and "is 50 half or fifty?" mistakes.
 */
export const probabilityPercent = z.number().int().min(0).max(100);

const text = longText(4000);

export const createOpportunityInput = z.object({
  accountId: uuid,
  title: name(200),
  description: text.default(''),
  valueForUs: text.default(''),
  valueForClient: text.default(''),
  estimatedRevenue: money.optional(),
  probability: probabilityPercent,
  stage: z.enum(OPPORTUNITY_STAGES).default('IDEA'),
});
export type CreateOpportunityInput = z.infer<typeof createOpportunityInput>;

/** Null clears the estimated revenue. */
export const updateOpportunityInput = z
  .object({
    expectedVersion,
    title: name(200),
    description: text,
    valueForUs: text,
    valueForClient: text,
    estimatedRevenue: money.nullable(),
    probability: probabilityPercent,
    stage: z.enum(OPPORTUNITY_STAGES),
  })
  .partial()
  .refine(hasChanges, { message: 'nothingToUpdate' });
export type UpdateOpportunityInput = z.infer<typeof updateOpportunityInput>;

/**
 * Turning an opportunity into plan actions: at least one, and few enough to review at a glance.
 * The plans module re-checks each action against the active plan (owner, horizon).
 */
export const convertOpportunityToActionsInput = z.object({
  actions: z
    .array(
      z.object({
        title: name(200),
        dueDate: isoDate,
        ownerId: uuid.optional(),
        description: text.optional(),
      }),
    )
    .min(1)
    .max(50),
});
export type ConvertOpportunityToActionsInput = z.infer<typeof convertOpportunityToActionsInput>;
