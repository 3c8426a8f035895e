import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import type { Scenario } from './scenarios.js';

export interface LoadResult {
  readonly scenario: string;
  readonly connections: number;
  readonly seconds: number;
  readonly requests: number;
  /** Mean requests per second over the run. */
  readonly rps: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  /**
   * p50 and p99 of the time the server spent on the same requests once its handler had them (from
   * the server's own log lines): latency minus this is time spent waiting to be accepted or read.
   */
  readonly server?: { readonly p50: number; readonly p99: number };
  readonly non2xx: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  /** HTTP 200 answers that were not the expected success (a GraphQL error, a typed failure). */
  readonly failed: number;
}

/**
 * Closed-loop load with autocannon: `connections` clients each send the next request as soon as
 * the previous answer arrives, for `seconds`. Every answer is checked, not only its status. Each
 * request carries its own X-Request-Id, which both servers echo and log: `answered` holds those
 * of the answers counted, so the server's handling times can be read for exactly these requests.
 */
export async function runLoad(
  baseUrl: string,
  scenario: Scenario,
  connections: number,
  /** Seconds of load, or a number of requests (smoke runs: every request is answered and counted). */
  length: { readonly seconds: number } | { readonly requests: number },
  headers: Record<string, string>,
): Promise<{ result: LoadResult; answered: ReadonlySet<string> }> {
  const answered = new Set<string>();
  let failed = 0;
  let firstFailure: string | null = null;
  const result = await autocannon({
    url: baseUrl,
    connections,
    ...('seconds' in length ? { duration: length.seconds } : { amount: length.requests }),
    // A smoke run (a number of requests) runs beside the whole test suite: wait for every answer.
    timeout: 'seconds' in length ? 30 : 300,
    // Prints each connection-level error (reset, refused), which would otherwise be only a count.
    debug: true,
    requests: [
      {
        method: 'POST',
        path: scenario.path,
        headers,
        setupRequest: (request) => ({
          ...request,
          headers: { ...request.headers, 'x-request-id': randomUUID() },
          body: scenario.body(),
        }),
        // autocannon passes the answer's headers too (its typings stop at the context).
        onResponse: (
          status: number,
          body: string,
          _context: unknown,
          responseHeaders?: Record<string, unknown>,
        ) => {
          const id = Object.entries(responseHeaders ?? {}).find(
            ([name]) => name.toLowerCase() === 'x-request-id',
          );
          if (typeof id?.[1] === 'string') answered.add(id[1]);
          if (!scenario.ok(status, body)) {
            failed++;
            firstFailure ??= `${status} ${body.slice(0, 500)}`;
          }
        },
      },
    ],
  });
  if (firstFailure) console.error(`  ${scenario.name}: first failed answer: ${firstFailure}`);
  const requests = result['2xx'] + result.non2xx;
  const load: LoadResult = {
    scenario: scenario.name,
    connections,
    seconds: result.duration,
    requests,
    rps: Math.round((requests / result.duration) * 10) / 10,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    failed,
  };
  return { result: load, answered };
}
