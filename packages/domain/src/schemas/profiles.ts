import { z } from 'zod';
import { longText } from './common.js';

/** The "know the client" sections of an account profile, in the order the UI shows them. */
export const ACCOUNT_PROFILE_SECTIONS = [
  'history',
  'mission',
  'vision',
  'strategies',
  'objectives',
  'currentNeeds',
  'futureNeeds',
  'fears',
  'threats',
] as const;
export type AccountProfileSection = (typeof ACCOUNT_PROFILE_SECTIONS)[number];

/**
 * Optimistic concurrency: the version the client last read. The API refuses the write with
 * `conflict` when the stored version moved on, so an offline edit never silently overwrites
 * someone else's. Shared by every update schema (it would sit in common.ts, which this module
 * does not own).
 */
export const expectedVersion = z.number().int().min(0).max(2_147_483_647);

/** True when an update carries at least one field besides `expectedVersion`. */
export const hasChanges = (input: Record<string, unknown>): boolean =>
  Object.entries(input).some(([key, value]) => key !== 'expectedVersion' && value !== undefined);

const section = longText(20_000).optional();

/** Only the sections sent change; an empty string clears a section. */
export const updateAccountProfileInput = z
  .object({
    expectedVersion,
    history: section,
    mission: section,
    vision: section,
    strategies: section,
    objectives: section,
    currentNeeds: section,
    futureNeeds: section,
    fears: section,
    threats: section,
  })
  .refine(hasChanges, { message: 'nothingToUpdate' });
export type UpdateAccountProfileInput = z.infer<typeof updateAccountProfileInput>;
