/**
 * Where to go after signing in: `next` when it is a path on this site, the home page otherwise, so
 * that a crafted link (`/login?next=https://evil.example` or `//evil.example`) cannot send the user away.
 */
export function afterLoginPath(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/login/')) return '/';
  return next;
}

/** The login page's URL that brings the user back to `url` afterwards. */
export function loginPathFor(url: URL): string {
  const here = url.pathname + url.search;
  return here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}
