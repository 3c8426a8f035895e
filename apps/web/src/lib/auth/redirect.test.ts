import { describe, expect, it } from 'vitest';
import { afterLoginPath, loginPathFor } from './redirect';

describe('afterLoginPath', () => {
  it('returns to the page the user came from', () => {
    expect(afterLoginPath('/accounts/42?tab=plan')).toBe('/accounts/42?tab=plan');
  });

  it('goes home without a target', () => {
    expect(afterLoginPath(null)).toBe('/');
    expect(afterLoginPath('')).toBe('/');
  });

  it('never leaves the site', () => {
    expect(afterLoginPath('https://evil.example/')).toBe('/');
    expect(afterLoginPath('//evil.example/')).toBe('/');
    expect(afterLoginPath('/\\evil.example/')).toBe('/');
    expect(afterLoginPath('javascript:alert(1)')).toBe('/');
  });

  it('does not loop back to the login page', () => {
    expect(afterLoginPath('/login')).toBe('/');
    expect(afterLoginPath('/login?next=/x')).toBe('/');
  });
});

describe('loginPathFor', () => {
  it('remembers where to come back to', () => {
    expect(loginPathFor(new URL('https://clave.test/accounts/42?tab=plan'))).toBe(
      '/login?next=%2Faccounts%2F42%3Ftab%3Dplan',
    );
  });

  it('keeps the plain login URL for the home page', () => {
    expect(loginPathFor(new URL('https://clave.test/'))).toBe('/login');
  });
});
