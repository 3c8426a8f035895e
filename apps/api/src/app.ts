import { type Locale, negotiateLocale, translate } from '@clave/domain';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { createYoga } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { initORM } from './db/orm.js';
import type { RequestExtras } from './graphql/context.js';
import {
  LIMITS,
  limitPlugins,
  operationDeadline,
  operationDeadlineSubscriber,
  operationTimeoutError,
  useOperationDeadline,
} from './graphql/limits.js';
import { schema } from './graphql/schema.js';
import { useTokenMutationRules } from './graphql/token-mutations.js';
import { isCrossSiteCookieRequest } from './http/csrf.js';
import { createObservability } from './http/observability.js';
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
  /** The app's logger (main.ts logs startup and shutdown with it). */
  readonly log: Logger;
  close(): Promise<void>;
}

/** What the Node adapter passes along: the raw request, for the client address. */
export interface ServerContext {
  req?: { socket?: { remoteAddress?: string } };
}

export interface AppOptions {
  /** Called with every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
  /**
   * Ends operations early when it aborts, besides GRAPHQL_TIMEOUT_MS: tests use it to time an
   * operation out at a chosen point instead of waiting for a clock.
   */
  operationDeadline?: (request: Request) => AbortSignal | undefined;
  /** Where log lines go; by default a JSON logger on stdout at LOG_LEVEL (tests capture lines). */
  logger?: Logger;
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
async function withBoundedBody(
  request: Request,
  max: number,
  RequestClass: typeof Request,
): Promise<Request | null> {
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
  return new RequestClass(request.url, {
    method: request.method,
    headers: request.headers,
    body: Buffer.concat(chunks),
  });
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const orm = await initORM({ database: config.database, debug: config.dbDebug, onQuery: options.onQuery });
  const observability = createObservability(config, orm, options.logger);
  const serveStatic = config.webDir ? createStaticHandler(config.webDir) : null;
  const yoga = createYoga<RequestExtras>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    batching: false,
    maskedErrors: { maskError: observability.maskError },
    logging: observability.yogaLogger,
    // Served from our own bundle, not a CDN: it must work on machines without internet access.
    renderGraphiQL,
    // The headers editor is where a person pastes `Authorization: Bearer clave_…`; never persisted
    // in the browser's storage, so a token does not outlive the tab.
    graphiql: { title: 'Clave GraphQL', isHeadersEditorEnabled: true, shouldPersistHeaders: false },
    // Only ALLOWED_ORIGINS may read responses from another origin (with their cookies). Yoga's
    // default reflects any Origin with credentials, which would let a same-site page read a
    // signed-in user's data through a GET query.
    cors: (request) => {
      const origin = request.headers.get('origin');
      if (!origin || !config.allowedOrigins.includes(origin)) return false;
      return {
        origin: [origin],
        credentials: true,
        methods: ['GET', 'POST'],
        allowedHeaders: ['content-type', 'accept', 'accept-language', 'authorization'],
      };
    },
    plugins: [...limitPlugins(), useTokenMutationRules(), useOperationDeadline(), observability.yogaPlugin],
  });
  orm.em.getEventManager().registerSubscriber(operationDeadlineSubscriber);

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
    // Yoga's own Request class: it reads a buffered body directly, where the platform's Request
    // would wrap it in web streams again (a tenth of a small request's CPU, bench/README.md).
    const request = await withBoundedBody(incoming, LIMITS.bodyBytes, yoga.fetchAPI.Request);
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
    // Only POST can run an operation (GET runs queries only; other methods get 405 from yoga).
    if (
      !bearer &&
      request.method === 'POST' &&
      isCrossSiteCookieRequest(request, origin, config.allowedOrigins)
    ) {
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
    const response = await withDeadline(request, locale, () => yoga.fetch(request, extras));
    // Answers carry the viewer's data: never cached by a browser or proxy, never sniffed or framed.
    // Set in place: yoga's responses have mutable headers, and copying the response would pipe
    // its body through another stream.
    const { headers } = response;
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
    for (const cookie of extras.responseCookies) headers.append('set-cookie', cookie);
    headers.set('cache-control', 'no-store');
    return response;
  }

  /** Runs `serve` with the operation's deadline in scope (see graphql/limits.ts). */
  async function withDeadline(
    request: Request,
    locale: Locale,
    serve: () => Response | Promise<Response>,
  ): Promise<Response> {
    const deadline = new AbortController();
    const expire = () => deadline.abort(operationTimeoutError(locale, config.graphqlTimeoutMs));
    const timer = setTimeout(expire, config.graphqlTimeoutMs);
    const early = options.operationDeadline?.(request);
    if (early?.aborted) expire();
    else early?.addEventListener('abort', expire, { once: true });
    try {
      return await operationDeadline.run(deadline.signal, serve);
    } finally {
      clearTimeout(timer);
      early?.removeEventListener('abort', expire);
    }
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

  return { fetch: observability.wrap(fetch), orm, log: observability.log, close: () => orm.close() };
}
