import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from './http/logging.js';

/**
 * Everything the server reads from the environment, validated once at start so a typo fails
 * loudly instead of silently falling back.
 */
const envSchema = z.object({
  DATABASE_URL: z.string().min(1).default('file:./data/clave.sqlite'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Where the built PWA lives; empty disables static serving. */
  WEB_DIR: z.string().optional(),
  /** Cookies get `Secure` when the request is https or when this is set (behind a TLS proxy). */
  COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  SESSION_IDLE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 14),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(24 * 30),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** Origins (besides the server's own) whose browsers may use cookie sessions. */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  /** Requests per minute one API token may make. */
  TOKEN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
  /** How long one GraphQL operation may run before it is aborted (its transaction rolled back). */
  GRAPHQL_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).default(10_000),
  /** Shares of company revenue at which one account raises a dependency alert. */
  DEPENDENCY_THRESHOLDS: z
    .string()
    .default('0.3,0.5')
    .transform((s) => s.split(',').map((v) => Number(v.trim())))
    .pipe(z.array(z.number().gt(0).lte(1)).min(1)),
  DB_DEBUG: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Least severe log line written (JSON on stdout); `silent` writes none (the default under vitest). */
  LOG_LEVEL: z.enum(LOG_LEVELS).default(process.env.VITEST ? 'silent' : 'info'),
  /** Bearer token that unlocks GET /metrics; unset (or empty) hides the endpoint (404). */
  METRICS_TOKEN: z
    .string()
    .default('')
    .refine((s) => s === '' || (s.length >= 16 && /^[\x21-\x7e]+$/.test(s)), {
      message: 'must be at least 16 printable characters without spaces, or empty',
    }),
  /** Allow plain-http webhook URLs (development, tests); https otherwise. */
  WEBHOOK_ALLOW_HTTP: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Allow webhook URLs on loopback, private and link-local addresses (development, tests). */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Whether this process runs the webhook delivery worker. */
  WEBHOOK_WORKER: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** How often the worker looks for due deliveries. */
  WEBHOOK_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
});

export type Database =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgresql'; readonly url: string };

export interface Config {
  readonly database: Database;
  readonly port: number;
  readonly host: string;
  readonly webDir: string | null;
  readonly cookieSecure: 'auto' | 'always' | 'never';
  readonly trustProxy: boolean;
  readonly session: { readonly idleMs: number; readonly absoluteMs: number };
  readonly login: { readonly maxFailures: number; readonly windowMs: number };
  readonly allowedOrigins: readonly string[];
  readonly dependencyThresholds: readonly number[];
  readonly tokenRatePerMinute: number;
  /** Milliseconds one GraphQL operation may run. */
  readonly graphqlTimeoutMs: number;
  readonly dbDebug: boolean;
  readonly logLevel: LogLevel;
  /** Bearer token for /metrics; null when the endpoint is off. */
  readonly metricsToken: string | null;
  readonly webhooks: WebhookConfig;
}

export interface WebhookConfig {
  readonly allowHttp: boolean;
  readonly allowPrivateNetworks: boolean;
  readonly worker: boolean;
  readonly pollMs: number;
}

const defaultWebDir = fileURLToPath(new URL('../../web/build', import.meta.url));

export function parseDatabaseUrl(url: string): Database {
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgresql', url };
  if (url === ':memory:' || url === 'file::memory:') return { kind: 'sqlite', path: ':memory:' };
  const path = url.replace(/^(file|sqlite):(\/\/)?/, '');
  if (!path) throw new Error(`DATABASE_URL is not a PostgreSQL URL nor an SQLite file path: ${url}`);
  return { kind: 'sqlite', path: resolve(path) };
}

/** The typed config for an environment (process.env by default); throws listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const hour = 3_600_000;
  return {
    database: parseDatabaseUrl(e.DATABASE_URL),
    port: e.PORT,
    host: e.HOST,
    webDir: e.WEB_DIR === undefined ? defaultWebDir : e.WEB_DIR || null,
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY,
    session: { idleMs: e.SESSION_IDLE_HOURS * hour, absoluteMs: e.SESSION_ABSOLUTE_HOURS * hour },
    login: { maxFailures: e.LOGIN_MAX_FAILURES, windowMs: e.LOGIN_WINDOW_MINUTES * 60_000 },
    allowedOrigins: e.ALLOWED_ORIGINS,
    dependencyThresholds: e.DEPENDENCY_THRESHOLDS,
    tokenRatePerMinute: e.TOKEN_RATE_PER_MINUTE,
    graphqlTimeoutMs: e.GRAPHQL_TIMEOUT_MS,
    dbDebug: e.DB_DEBUG,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN || null,
    webhooks: {
      allowHttp: e.WEBHOOK_ALLOW_HTTP,
      allowPrivateNetworks: e.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
      worker: e.WEBHOOK_WORKER,
      pollMs: e.WEBHOOK_POLL_SECONDS * 1000,
    },
  };
}
