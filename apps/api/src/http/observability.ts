import type { MikroORM } from '@mikro-orm/core';
import { type DefinitionNode, type GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import { maskError, type Plugin, type YogaLogger } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Viewer } from '../modules/auth/viewer.js';
import {
  createLogger,
  currentLogger,
  currentRequest,
  type RequestLogState,
  requestIdFor,
  runWithRequest,
} from './logging.js';
import { createMetrics, type Metrics, routeOf } from './metrics.js';

type Handler<C> = (request: Request, serverContext?: C) => Promise<Response>;

/**
 * Logs and metrics around the app's request handler: a request id on every response and every
 * log line written while serving it, one JSON line per request, unexpected errors logged with
 * their stack (the client still gets the masked error), and /metrics.
 */
export interface Observability {
  readonly log: Logger;
  readonly metrics: Metrics;
  /** The app's handler with request ids, request lines, request metrics and /metrics. */
  wrap<C>(handler: Handler<C>): Handler<C>;
  /** Yoga plugin: notes the operation's name, type, user and outcome for the request line. */
  readonly yogaPlugin: Plugin;
  /** Yoga's `maskedErrors.maskError`, logging what it masks. */
  readonly maskError: typeof maskError;
  /** Yoga's own log lines, into ours. */
  readonly yogaLogger: YogaLogger;
}

export function createObservability(config: Config, orm: MikroORM, logger?: Logger): Observability {
  const log = logger ?? createLogger(config.logLevel);
  const metrics = createMetrics(orm, config.metricsToken);
  const lineLogger = () => currentLogger() ?? log;

  function wrap<C>(handler: Handler<C>): Handler<C> {
    return async (request, serverContext) => {
      const started = process.hrtime.bigint();
      const requestId = requestIdFor(request);
      const state: RequestLogState = { requestId, log: log.child({ requestId }) };
      const url = new URL(request.url);
      const route = routeOf(url.pathname);
      let response: Response;
      try {
        response = await runWithRequest(state, () =>
          route === '/metrics' ? metrics.respond(request) : handler(request, serverContext),
        );
      } catch (error) {
        state.log.error({ err: error }, 'request failed unexpectedly');
        response = new Response(JSON.stringify({ error: 'Internal server error' }), {
          status: 500,
          headers: { 'content-type': 'application/json; charset=utf-8' },
        });
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observeRequest(request.method, route, response.status, seconds);
      // GraphiQL's page and CORS preflights are not operations.
      const page = (response.headers.get('content-type') ?? '').startsWith('text/html');
      if (route === '/graphql' && request.method !== 'OPTIONS' && !page) {
        metrics.countOperation(state.operationName, state.operationType, state.outcome ?? 'rejected');
      }
      state.log.info(
        {
          method: request.method,
          path: url.pathname, // never the query string: GET operations carry variables there
          status: response.status,
          durationMs: Math.round(seconds * 10_000) / 10,
          operationName: state.operationName,
          operationType: state.operationType,
          userId: state.userId,
        },
        'request',
      );
      return withRequestId(response, requestId);
    };
  }

  const yogaPlugin: Plugin = {
    onExecute({ args }) {
      const state = currentRequest();
      if (!state) return;
      const operation = args.document.definitions.find(
        (d: DefinitionNode): d is OperationDefinitionNode =>
          d.kind === Kind.OPERATION_DEFINITION &&
          (!args.operationName || d.name?.value === args.operationName),
      );
      state.operationName = operation?.name?.value ?? args.operationName ?? undefined;
      state.operationType = operation?.operation;
      const viewer = (args.contextValue as { viewer?: Viewer | null }).viewer;
      if (viewer) state.userId = viewer.user.id;
      return {
        onExecuteDone({ result }) {
          const errors =
            'errors' in result ? (result.errors as readonly GraphQLError[] | undefined) : undefined;
          state.outcome = errors?.length ? 'error' : 'success';
        },
      };
    },
  };

  const loggingMaskError: typeof maskError = (error, message, isDev) => {
    const masked = maskError(error, message, isDev);
    if (masked !== error) {
      const original = (error as { originalError?: unknown }).originalError ?? error;
      const path = (error as { path?: readonly (string | number)[] }).path;
      lineLogger().error(
        { err: original, path: path?.join('.') },
        'unexpected error (masked for the client)',
      );
    }
    return masked;
  };

  const yogaLogger: YogaLogger = {
    debug: (...args) => lineLogger().debug({ detail: args.map(String) }, 'graphql-yoga'),
    info: (...args) => lineLogger().debug({ detail: args.map(String) }, 'graphql-yoga'),
    warn: (...args) => lineLogger().warn({ detail: args.map(String) }, 'graphql-yoga'),
    error: (...args) => {
      const err = args.find((a) => a instanceof Error);
      lineLogger().error({ err, detail: args.filter((a) => a !== err).map(String) }, 'graphql-yoga');
    },
  };

  return { log, metrics, wrap, yogaPlugin, maskError: loggingMaskError, yogaLogger };
}

function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set('x-request-id', requestId);
    return response;
  } catch {
    // Headers of some responses are immutable: copy them.
    const headers = new Headers(response.headers);
    headers.set('x-request-id', requestId);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}
