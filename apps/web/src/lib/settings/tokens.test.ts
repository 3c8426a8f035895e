import { isTokenExpiryAllowed, TOKEN_SCOPES } from '@clave/domain';
import { describe, expect, it } from 'vitest';
import {
  expiryBounds,
  expiryInstant,
  isExpiryDayAllowed,
  scopeEnumValue,
  scopeFromEnumValue,
  tokenState,
} from './tokens';

describe('API token settings', () => {
  it('writes each scope as the GraphQL enum does, and back', () => {
    expect(scopeEnumValue('read:accounts')).toBe('READ_ACCOUNTS');
    for (const scope of TOKEN_SCOPES) expect(scopeFromEnumValue(scopeEnumValue(scope))).toBe(scope);
  });

  it('tells an active token from an expired or a revoked one', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    expect(tokenState({ revokedAt: null, expiresAt: '2026-12-01T00:00:00Z' }, now)).toBe('active');
    expect(tokenState({ revokedAt: null, expiresAt: '2026-11-27T11:59:59Z' }, now)).toBe('expired');
    expect(tokenState({ revokedAt: '2026-11-20T00:00:00Z', expiresAt: '2026-12-01T00:00:00Z' }, now)).toBe(
      'revoked',
    );
  });

  it('offers expiry days from tomorrow to a year ahead, every one of which the API accepts', () => {
    const now = new Date(2026, 10, 27, 23, 30);
    const { min, max, suggested } = expiryBounds(now);
    expect(min).toBe('2026-11-28');
    expect(max).toBe('2027-11-27');
    expect(isExpiryDayAllowed(suggested, now)).toBe(true);
    for (const day of [min, max]) expect(isTokenExpiryAllowed(expiryInstant(day), now)).toBe(true);
    expect(isExpiryDayAllowed('2026-11-27', now)).toBe(false);
    expect(isExpiryDayAllowed('2027-11-28', now)).toBe(false);
    expect(isExpiryDayAllowed('27/11/2027', now)).toBe(false);
  });
});
