import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ORIGIN, type TestApp } from '../../../test/helpers.js';

/** Test apps may register http://127.0.0.1 receivers (production refuses both). */
export const PERMISSIVE_ENV = { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' };
export const POLICY = { allowHttp: true, allowPrivateNetworks: true };

export const CREATE_WEBHOOK = `mutation($input: CreateWebhookInput!) {
  createWebhook(input: $input) {
    __typename
    ... on CreateWebhookSuccess { data { secret webhook { id url description events active version owner { email } } } }
    ... on ValidationError { issues { path message } }
    ... on Error { code message }
  }
}`;

export interface NewWebhook {
  secret: string;
  webhook: { id: string; url: string; events: string[]; version: number; owner: { email: string } };
}

/** A GraphQL request as a third party: bearer token, no cookie, no Origin. */
export async function asToken(
  t: TestApp,
  secret: string,
  query: string,
  variables: Record<string, unknown> = {},
  locale = 'en',
) {
  const response = await t.app.fetch(
    new Request(`${ORIGIN}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${secret}`,
        'accept-language': locale,
      },
      body: JSON.stringify({ query, variables }),
    }),
  );
  return {
    status: response.status,
    body: (await response.json()) as {
      // biome-ignore lint/suspicious/noExplicitAny: each test reads its own response shape
      data?: Record<string, any>;
      errors?: { message: string; extensions?: { code?: string; scope?: string } }[];
    },
  };
}

export interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * A real HTTP receiver on 127.0.0.1: answers `status` (200 by default) and records what it got.
 * `down()` closes it (connection refused), `up()` listens again on the same port.
 */
export class Receiver {
  readonly received: Received[] = [];
  status = 200;
  /** While set, answers wait for it: a receiver slow to answer. */
  hold: Promise<void> | null = null;
  private waiters: (() => void)[] = [];
  private server: Server | null = null;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/clave`;
  }

  async up(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        for (const notify of this.waiters.splice(0)) notify();
        const status = this.status;
        void (this.hold ?? Promise.resolve()).then(() => {
          res.writeHead(status, { 'content-type': 'text/plain' });
          res.end(status < 300 ? 'ok' : 'not now');
        });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Resolves when the next request has arrived (before it is answered). */
  nextRequest(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** What arrived for `type`, parsed. */
  // biome-ignore lint/suspicious/noExplicitAny: payloads are checked field by field in the tests
  events(type?: string): { headers: IncomingHttpHeaders; payload: any }[] {
    return this.received
      .map((r) => ({ headers: r.headers, payload: JSON.parse(r.body) }))
      .filter((r) => !type || r.payload.type === type);
  }
}
