import { z } from 'zod';
import { TOKEN_SCOPES } from '../enums.js';
import { name } from './common.js';

/** Tokens live at most a year: a leaked, forgotten token must die on its own. */
export const MAX_TOKEN_DAYS = 366;

export const createApiTokenInput = z.object({
  name: name(100),
  scopes: z
    .array(z.enum(TOKEN_SCOPES))
    .min(1)
    .refine((scopes) => new Set(scopes).size === scopes.length, { message: 'noRepeats' }),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenInput>;

/** Whether `expiresAt` is in the future and within MAX_TOKEN_DAYS of `now`. */
export function isTokenExpiryAllowed(expiresAt: string, now: Date): boolean {
  const at = Date.parse(expiresAt);
  return at > now.getTime() && at <= now.getTime() + MAX_TOKEN_DAYS * 86_400_000;
}
