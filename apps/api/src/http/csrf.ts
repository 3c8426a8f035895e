/**
 * Cookie-authenticated writes must come from our own pages. Browsers cannot send a JSON body
 * cross-site without a CORS preflight (which we never grant), and they always send Origin on
 * cross-origin POSTs, so requiring both closes the door that SameSite=Lax leaves open to
 * same-site attackers.
 */
export function isCrossSiteCookieRequest(
  request: Request,
  ownOrigin: string,
  allowedOrigins: readonly string[],
): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return false;
  const contentType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json' && contentType !== 'application/graphql-response+json') return true;
  if (request.headers.get('sec-fetch-site') === 'cross-site') return true;
  const origin = request.headers.get('origin');
  return origin !== null && origin !== ownOrigin && !allowedOrigins.includes(origin);
}
