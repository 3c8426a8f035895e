import type { Config } from '../../config.js';

export const SESSION_COOKIE = 'clave_session';

/** The Set-Cookie header for the session: HttpOnly, SameSite=Lax, Secure over https. */
export function sessionCookie(
  { config, secure }: { config: Config; secure: boolean },
  token: string,
  expiresAt: Date,
): string {
  const useSecure = config.cookieSecure === 'always' || (config.cookieSecure === 'auto' && secure);
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAge}`,
    ...(useSecure ? ['Secure'] : []),
  ].join('; ');
}

/** The value of cookie `name` in a Cookie header, if present. */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}
