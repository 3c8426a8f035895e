import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, type AppOptions, createApp } from '../src/app.js';
import { type Config, type Database, loadConfig } from '../src/config.js';
import { migrate } from '../src/db/orm.js';
import { DEMO_PASSWORD, seedDemo } from '../src/db/seed/demo.js';
import { createTemporaryPostgres } from '../src/db/temporary-postgres.js';

export const ORIGIN = 'http://localhost:3000';

export interface TestApp {
  readonly app: App;
  readonly config: Config;
  /** SQL statements run since the last `resetQueries()` (without the periodic session touch). */
  readonly queries: string[];
  resetQueries(): void;
  /** A client with no session. */
  anonymous(locale?: string): Client;
  /** A client signed in (through the login mutation) as a demo user, e.g. `as('ana')`. */
  as(who: string, locale?: string): Promise<Client>;
  close(): Promise<void>;
}

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
  headers: Headers;
}

/**
 * A fresh database for one test file: a temporary SQLite file, or a new PostgreSQL database when
 * DATABASE_URL points at a server. Migrated, and with the demo loaded unless `demo: false`.
 */
export async function createTestApp(
  options: { demo?: boolean; env?: Record<string, string>; app?: AppOptions } = {},
): Promise<TestApp> {
  const base = process.env.DATABASE_URL;
  let database: Database;
  let cleanup: () => Promise<void>;
  if (base && /^postgres(ql)?:/.test(base)) {
    const pg = await createTemporaryPostgres(base);
    database = pg.database;
    cleanup = pg.drop;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'clave-test-'));
    database = { kind: 'sqlite', path: join(dir, 'clave.sqlite') };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  // Quiet unless asked: LOG_LEVEL=debug pnpm test shows the server's log lines.
  const quiet = { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' };
  const config: Config = { ...loadConfig({ WEB_DIR: '', ...quiet, ...options.env }), database };
  const queries: string[] = [];
  // The once-a-minute session touch lands on whichever request comes first; it is bookkeeping, not
  // the request's work, and counting it would make statement counts depend on the clock.
  const sessionTouch = /update [`"]session[`"] set [`"]last_seen_at[`"]/i;
  const app = await createApp(config, {
    ...options.app,
    onQuery: (sql) => {
      if (!sessionTouch.test(sql)) queries.push(sql);
    },
  });
  // While a module is being built its tables have no migration yet; CLAVE_SCHEMA_FROM_ENTITIES=1
  // builds the schema straight from the entities instead. CI and `pnpm test` always migrate.
  if (process.env.CLAVE_SCHEMA_FROM_ENTITIES === '1') await app.orm.schema.createSchema();
  else await migrate(app.orm);
  if (options.demo !== false) await seedDemo(app.orm.em.fork());
  queries.length = 0;
  return {
    app,
    config,
    queries,
    resetQueries: () => {
      queries.length = 0;
    },
    anonymous: (locale = 'en') => new Client(app, null, locale),
    as: async (who, locale = 'en') => {
      const client = new Client(app, null, locale);
      const email = who.includes('@') ? who : `${who}@clave.dev`;
      const result = await client.gql<{ login: { __typename: string } }>(
        'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { __typename } }',
        { email, password: DEMO_PASSWORD },
      );
      if (result.data?.login.__typename !== 'LoginSuccess') throw new Error(`login as ${email} failed`);
      return client;
    },
    close: async () => {
      await app.close();
      await cleanup();
    },
  };
}

export class Client {
  constructor(
    private readonly app: App,
    public cookie: string | null,
    private readonly locale: string,
  ) {}

  async gql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    init: { headers?: Record<string, string> } = {},
  ): Promise<GqlResponse<T>> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      'accept-language': this.locale,
      origin: ORIGIN,
      ...init.headers,
    };
    if (this.cookie) headers.cookie = this.cookie;
    const response = await this.app.fetch(
      new Request(`${ORIGIN}/graphql`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      }),
    );
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const value = setCookie.split(';')[0] ?? '';
      this.cookie = value.endsWith('=') ? null : value;
    }
    const body = (await response.json()) as { data?: T; errors?: GqlResponse['errors'] };
    return {
      status: response.status,
      data: body.data ?? undefined,
      errors: body.errors,
      headers: response.headers,
    };
  }

  /** Like gql, but fails the test on any GraphQL error. */
  async data<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> {
    const result = await this.gql<T>(query, variables);
    if (result.errors?.length || !result.data) {
      throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    }
    return result.data;
  }
}

/** An API token of the signed-in `client`'s user, e.g. newToken(ana, ['WRITE_WEBHOOKS']). */
export async function newToken(client: Client, scopes: string[]): Promise<string> {
  const result = await client.data<{ createApiToken: { data: { secret: string } } }>(
    `mutation($input: CreateApiTokenInput!) {
      createApiToken(input: $input) { ... on CreateApiTokenSuccess { data { secret } } }
    }`,
    {
      input: { name: 'Integración', scopes, expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() },
    },
  );
  return result.createApiToken.data.secret;
}
