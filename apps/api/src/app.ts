import { negotiateLocale, translate } from '@clave/domain';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { createYoga } from 'graphql-yoga';
import type { Config } from './config.js';
import { initORM } from './db/orm.js';
import type { RequestExtras } from './graphql/context.js';
import { LIMITS, limitPlugins } from './graphql/limits.js';
import { schema } from './graphql/schema.js';
import { useTokenMutationRules } from './graphql/token-mutations.js';
import { isCrossSiteCookieRequest } from './http/csrf.js';
import { createStaticHandler, SECURITY_HEADERS } from './http/static.js';
import { resolveSession } from './modules/auth/auth.service.js';
import { readCookie, SESSION_COOKIE } from './modules/auth/cookies.js';
import * as rateLimit from './modules/auth/rate-limit.js';
import type { Viewer } from './modules/auth/viewer.js';
import { resolveApiToken } from './modules/tokens/token.service.js';

export interface App {
  /** Handles one HTTP request; what the server and the tests call. */
  fetch(request: Request, serverContext?: ServerContext): Promise<Response>;
  readonly orm: MikroORM;
  close(): Promise<void>;
}

/** What the Node adapter passes along: the raw request, for the client address. */
export interface ServerContext {
  req?: { socket?: { remoteAddress?: string } };
}

export interface AppOptions {
  /** Called with every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers },
  });

/**
 * The request with its body read into memory, or null when the body is larger than `max` bytes
 * (checked while reading, so a lying or missing Content-Length cannot get past it).
 */
async function withBoundedBody(request: Request, max: number): Promise<Request | null> {
  if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return request;
  if (Number(request.headers.get('content-length') ?? 0) > max) return null;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: Buffer.concat(chunks),
  });
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const orm = await initORM({ database: config.database, debug: config.dbDebug, onQuery: options.onQuery });
  const serveStatic = config.webDir ? createStaticHandler(config.webDir) : null;
  const yoga = createYoga<RequestExtras>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    batching: false,
    maskedErrors: true,
    // Served from our own bundle, not a CDN: it must work on machines without internet access.
    renderGraphiQL,
    graphiql: { title: 'Clave GraphQL' },
    plugins: [...limitPlugins(), useTokenMutationRules()],
  });

  /** Seconds to wait when the token has used up its requests for the minute; 0 otherwise. */
  async function tokenRateLimited(em: EntityManager, viewer: Viewer): Promise<number> {
    if (viewer.credential.kind !== 'token') return 0;
    const key = `token:${viewer.credential.tokenId}`;
    const wait = await rateLimit.retryAfterSeconds(em, key, config.tokenRatePerMinute, 60_000);
    if (wait === 0) await rateLimit.hit(em, key, 60_000);
    return wait;
  }

  function requestOrigin(request: Request): { origin: string; secure: boolean } {
    const url = new URL(request.url);
    const proto =
      (config.trustProxy && request.headers.get('x-forwarded-proto')) || url.protocol.replace(':', '');
    const host =
      (config.trustProxy && request.headers.get('x-forwarded-host')) ||
      request.headers.get('host') ||
      url.host;
    return { origin: `${proto}://${host}`, secure: proto === 'https' };
  }

  function clientIp(request: Request, serverContext?: ServerContext): string {
    const forwarded = config.trustProxy
      ? request.headers.get('x-forwarded-for')?.split(',')[0]?.trim()
      : undefined;
    return forwarded || serverContext?.req?.socket?.remoteAddress || 'unknown';
  }

  async function handleGraphql(incoming: Request, serverContext?: ServerContext): Promise<Response> {
    const locale = negotiateLocale(incoming.headers.get('accept-language'));
    const request = await withBoundedBody(incoming, LIMITS.bodyBytes);
    if (!request) {
      return json(413, {
        errors: [
          {
            message: translate('bodyTooLarge', locale, { max: LIMITS.bodyBytes / 1024 / 1024 }),
            extensions: { code: 'BODY_TOO_LARGE', limit: LIMITS.bodyBytes },
          },
        ],
      });
    }
    const em = orm.em.fork();
    const { origin, secure } = requestOrigin(request);
    const bearer = request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = bearer ? null : readCookie(request.headers.get('cookie'), SESSION_COOKIE);
    // Checked even without a cookie: a cross-site form could otherwise sign a victim's browser in
    // to the attacker's account (login CSRF). Bearer-token clients are not browsers and are exempt.
    if (!bearer && isCrossSiteCookieRequest(request, origin, config.allowedOrigins)) {
      return json(403, { errors: [{ message: translate('csrf', locale), extensions: { code: 'CSRF' } }] });
    }
    let viewer: Viewer | null = null;
    if (bearer) {
      // A wrong token is an error, not an anonymous request: the caller should know at once.
      viewer = await resolveApiToken(em, bearer);
      if (!viewer) {
        return json(
          401,
          {
            errors: [{ message: translate('invalidToken', locale), extensions: { code: 'UNAUTHENTICATED' } }],
          },
          { 'www-authenticate': 'Bearer error="invalid_token"' },
        );
      }
      const limited = await tokenRateLimited(em, viewer);
      if (limited > 0) {
        return json(
          429,
          {
            errors: [
              {
                message: translate('tokenRateLimited', locale, {
                  limit: config.tokenRatePerMinute,
                  seconds: limited,
                }),
                extensions: {
                  code: 'RATE_LIMITED',
                  limit: config.tokenRatePerMinute,
                  retryAfterSeconds: limited,
                },
              },
            ],
          },
          { 'retry-after': String(limited) },
        );
      }
    } else if (cookie) {
      viewer = await resolveSession(em, config, cookie);
    }
    const extras: RequestExtras = {
      em,
      viewer,
      locale,
      config,
      secure,
      clientIp: clientIp(request, serverContext),
      responseCookies: [],
    };
    const response = await yoga.fetch(request, extras);
    if (extras.responseCookies.length === 0) return response;
    const headers = new Headers(response.headers);
    for (const cookie of extras.responseCookies) headers.append('set-cookie', cookie);
    headers.set('cache-control', 'no-store');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }

  async function fetch(request: Request, serverContext?: ServerContext): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/graphql') return handleGraphql(request, serverContext);
    if (pathname === '/healthz') return json(200, { status: 'ok' });
    if (pathname === '/readyz') {
      const ready = await orm.isConnected().catch(() => false);
      return json(ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable' });
    }
    return (await serveStatic?.(request)) ?? json(404, { error: 'Not found' });
  }

  return { fetch, orm, close: () => orm.close() };
}
