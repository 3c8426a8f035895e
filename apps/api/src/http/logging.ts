import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { type DestinationStream, type Logger, pino } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Keys whose values never reach a log line, wherever a careless `log.info({ ... })` puts them
 * (top level, or one or two objects deep, e.g. `{ variables: { input: { password } } }`).
 * Request lines carry no headers, bodies or GraphQL variables at all; this is the safety net.
 */
const SECRET_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'secret',
  'authorization',
  'cookie',
  'set-cookie',
  'apiToken',
  'signingSecret',
];
export const REDACT_PATHS = SECRET_KEYS.flatMap((key) => {
  const k = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const sep = k.startsWith('[') ? '' : '.';
  return [k, `*${sep}${k}`, `*.*${sep}${k}`, `*.*.*${sep}${k}`];
});

/** The process's JSON logger: one line per event, secrets censored. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** What is known about the request being served, for its log lines and metrics. */
export interface RequestLogState {
  readonly requestId: string;
  /** The logger for this request: every line carries `requestId`. */
  readonly log: Logger;
  operationName?: string;
  operationType?: string;
  /** 'success' | 'error' once the GraphQL operation ran. */
  outcome?: 'success' | 'error';
  userId?: string;
}

const requests = new AsyncLocalStorage<RequestLogState>();

/** Runs `work` as the serving of one request: `currentLogger()` inside it is the request's logger. */
export function runWithRequest<T>(state: RequestLogState, work: () => T): T {
  return requests.run(state, work);
}

/** The state of the request being served, if any. */
export function currentRequest(): RequestLogState | undefined {
  return requests.getStore();
}

/** The logger of the request being served (tagged with its id), or undefined outside requests. */
export function currentLogger(): Logger | undefined {
  return requests.getStore()?.log;
}

/** A client's X-Request-Id is kept when it is a plain token (no spaces or control characters). */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

export function requestIdFor(request: Request): string {
  const given = request.headers.get('x-request-id');
  return given && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}
