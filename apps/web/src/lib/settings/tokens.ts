import { MAX_TOKEN_DAYS, TOKEN_SCOPES, type TokenScope } from '@clave/domain';
import { addDays, todayIso } from '$lib/components/intl';

/**
 * The scopes a token can carry, in the API's order: the domain's list, so a scope added to the
 * API shows up here (a missing explanation is then a type error in the page's label map).
 */
export const SCOPES: readonly TokenScope[] = TOKEN_SCOPES;

/** The GraphQL enum value of a scope: read:accounts → READ_ACCOUNTS. */
export function scopeEnumValue(scope: TokenScope): string {
  return scope.replace(':', '_').toUpperCase();
}

/** The scope an enum value stands for: READ_ACCOUNTS → read:accounts (unknown values as they are). */
export function scopeFromEnumValue(value: string): TokenScope | string {
  const scope = value.toLowerCase().replace('_', ':');
  return (TOKEN_SCOPES as readonly string[]).includes(scope) ? scope : value;
}

export type TokenState = 'active' | 'expired' | 'revoked';

export function tokenState(
  token: { revokedAt: string | null; expiresAt: string },
  now: Date = new Date(),
): TokenState {
  if (token.revokedAt) return 'revoked';
  return Date.parse(token.expiresAt) <= now.getTime() ? 'expired' : 'active';
}

/**
 * The dates an expiry may be chosen from, in the device's calendar: from tomorrow to a year from
 * today. A token expires at the end of its chosen day, which stays within the API's limit of
 * MAX_TOKEN_DAYS from now.
 */
export function expiryBounds(now: Date = new Date()): { min: string; max: string; suggested: string } {
  const today = todayIso(now);
  return { min: addDays(today, 1), max: addDays(today, MAX_TOKEN_DAYS - 1), suggested: addDays(today, 90) };
}

/** The instant a token chosen to expire on `day` ('YYYY-MM-DD') stops working: the day's end, local time. */
export function expiryInstant(day: string): string {
  return new Date(`${day}T23:59:59`).toISOString();
}

/** Whether `day` is a date inside the bounds. */
export function isExpiryDayAllowed(day: string, now: Date = new Date()): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T12:00:00`))) return false;
  const { min, max } = expiryBounds(now);
  return day >= min && day <= max;
}
