import { z } from 'zod';
import { RESOURCE_KINDS } from '../enums.js';
import { money, uuid } from './common.js';

/**
 * A request is for exactly one thing — a plan action or an opportunity — so the approver sees
 * what the resources are for and the account follows from it.
 */
export const createResourceRequestInput = z
  .object({
    /** A UUID the client made (offline outbox): sending the same request again stores it once. */
    id: uuid.optional(),
    kind: z.enum(RESOURCE_KINDS),
    /** Money asked for; optional because people, samples or a pricing exception may have none. */
    amount: money.optional(),
    description: z.string().trim().min(1).max(4000),
    planActionId: uuid.optional(),
    opportunityId: uuid.optional(),
  })
  .refine((r) => (r.planActionId === undefined) !== (r.opportunityId === undefined), {
    message: 'exactlyOneTarget',
  });
export type CreateResourceRequestInput = z.infer<typeof createResourceRequestInput>;

/** A rejection must say why, so the KAM can rework the request; an approval may add a remark. */
export const decideResourceRequestInput = z
  .object({
    approve: z.boolean(),
    reason: z.string().trim().max(2000).optional(),
  })
  .refine((d) => d.approve || (d.reason ?? '').length > 0, {
    message: 'rejectionReasonRequired',
    path: ['reason'],
  });
export type DecideResourceRequestInput = z.infer<typeof decideResourceRequestInput>;
