import { z } from 'zod';
import { VISIT_KINDS } from '../enums.js';
import { isoDate, longText, name, uuid } from './common.js';

const stakeholderIds = z
  .array(uuid)
  .max(50)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'noRepeats' });

const nextStep = z.object({
  title: name(200),
  dueDate: isoDate,
  /** Defaults to the visiting KAM when the API turns the step into a plan action. */
  ownerId: uuid.optional(),
});

const location = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  label: name(200).optional(),
});

/**
 * A visit as the phone sends it, possibly long after it happened. The id is made on the phone so
 * that a sync retried after a dropped connection stores the visit once.
 *
 * `occurredAt` must carry an offset (Z or ±hh:mm) so it means one instant wherever it was typed.
 * The schema stays pure and only checks the format; whether the time is plausible relative to the
 * server's clock is `isVisitTimePlausible`, which the API calls with its `now`.
 */
export const logVisitInput = z.object({
  id: uuid,
  accountId: uuid,
  occurredAt: z.iso.datetime({ offset: true }),
  kind: z.enum(VISIT_KINDS),
  stakeholderIds: stakeholderIds.default([]),
  purpose: name(300),
  notes: longText(20_000).default(''),
  outcomes: longText(20_000).default(''),
  nextSteps: z.array(nextStep).max(20).default([]),
  /** The client's acceptance of the relationship after the visit: 5 is "alta aceptación". */
  acceptance: z.number().int().min(1).max(5),
  location: location.optional(),
});
export type LogVisitInput = z.infer<typeof logVisitInput>;

/** A phone's clock may run a little fast, or sit in a time zone ahead; a day covers both. */
export const VISIT_FUTURE_TOLERANCE_MS = 86_400_000;

/** False for a visit dated more than the tolerance after `now`: nobody logs a meeting before it happens. */
export function isVisitTimePlausible(
  occurredAt: string,
  now: Date,
  toleranceMs: number = VISIT_FUTURE_TOLERANCE_MS,
): boolean {
  const at = Date.parse(occurredAt);
  return !Number.isNaN(at) && at <= now.getTime() + toleranceMs;
}
