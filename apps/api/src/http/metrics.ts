import { createHash, timingSafeEqual } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The routes requests are counted under: a fixed set, so a client cannot invent new series. */
export function routeOf(pathname: string): string {
  if (
    pathname === '/graphql' ||
    pathname === '/healthz' ||
    pathname === '/readyz' ||
    pathname === '/metrics'
  ) {
    return pathname;
  }
  return 'static';
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Client-chosen operation names become labels only while few and well-formed. */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export interface Metrics {
  readonly registry: Registry;
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  countOperation(name: string | undefined, type: string | undefined, outcome: string): void;
  /** The answer to GET /metrics: the text format with the right token, 404 otherwise. */
  respond(request: Request): Promise<Response>;
}

/**
 * Prometheus metrics of one app: HTTP requests by route and status, GraphQL operations by name
 * and outcome, the webhook outbox depth, the database pool, and Node's process metrics.
 */
export function createMetrics(orm: MikroORM, token: string | null): Metrics {
  const registry = new Registry();
  if (token) collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'clave_http_requests_total',
    help: 'HTTP requests answered, by method, route and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'clave_http_request_duration_seconds',
    help: 'Time from receiving a request to having its response, by method, route and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const operations = new Counter({
    name: 'clave_graphql_operations_total',
    help: 'GraphQL operations by operation name, type and outcome (success, error: the result has errors, rejected: refused before running, e.g. invalid or over a limit).',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'clave_webhook_outbox_pending',
    help: 'Webhook deliveries waiting to be sent (state PENDING).',
    registers: [registry],
    async collect() {
      const pending = await countPendingDeliveries(orm);
      if (pending !== null) this.set(pending);
    },
  });
  new Gauge({
    name: 'clave_db_pool_connections',
    help: 'Database connections by state: used, free, and requests waiting for one.',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const pool = poolOf(orm);
      if (!pool) return;
      this.set({ state: 'used' }, pool.numUsed());
      this.set({ state: 'free' }, pool.numFree());
      this.set({ state: 'pending' }, pool.numPendingAcquires());
    },
  });

  const names = new Set<string>();
  const expected = token ? digest(`Bearer ${token}`) : null;

  return {
    registry,
    observeRequest(method, route, status, seconds) {
      const labels = { method: METHODS.has(method) ? method : 'OTHER', route, status: String(status) };
      requests.inc(labels);
      latency.observe(labels, seconds);
    },
    countOperation(name, type, outcome) {
      let operation = name && OPERATION_NAME.test(name) ? name : '(anonymous)';
      if (!names.has(operation)) {
        if (names.size >= MAX_OPERATION_NAMES) operation = '(other)';
        else names.add(operation);
      }
      operations.inc({ operation, type: type ?? 'unknown', outcome });
    },
    async respond(request) {
      const given = request.headers.get('authorization');
      if (!expected || !given || request.method !== 'GET' || !timingSafeEqual(digest(given), expected)) {
        return new Response(JSON.stringify({ error: 'Not found' }), {
          status: 404,
          headers: { 'content-type': 'application/json; charset=utf-8' },
        });
      }
      return new Response(await registry.metrics(), {
        status: 200,
        headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
      });
    },
  };
}

/** Compared as fixed-length digests so the comparison takes the same time for any guess. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Pending webhook deliveries, or null while the webhooks table does not exist (yet). */
async function countPendingDeliveries(orm: MikroORM): Promise<number | null> {
  try {
    const rows = await orm.em
      .getConnection()
      .execute<{ n: number | string }[]>(
        "select count(*) as n from webhook_delivery where state = 'PENDING'",
      );
    return Number(rows[0]?.n ?? 0);
  } catch {
    return null;
  }
}

interface PoolStats {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

function poolOf(orm: MikroORM): PoolStats | null {
  const connection = orm.em.getConnection() as unknown as {
    getKnex?: () => { client?: { pool?: Partial<PoolStats> } };
  };
  const pool = connection.getKnex?.().client?.pool;
  return pool?.numUsed && pool.numFree && pool.numPendingAcquires ? (pool as PoolStats) : null;
}
