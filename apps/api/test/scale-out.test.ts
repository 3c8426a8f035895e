// Two real API processes (child processes, as `pnpm dev` runs them: Node with tsx) on different
// ports against ONE database — a fresh PostgreSQL database when DATABASE_URL points at a server,
// one SQLite file otherwise — and what a user relies on when a load balancer sends their requests
// to either of them: sessions, logout, idempotent writes and rate limits hold across processes.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/config.js';
import { initORM, migrate } from '../src/db/orm.js';
import { DEMO_PASSWORD, seedDemo } from '../src/db/seed/demo.js';
import { createTemporaryPostgres } from '../src/db/temporary-postgres.js';

const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const LOGIN_MAX_FAILURES = 3;
const TOKEN_RATE_PER_MINUTE = 4;

interface ApiProcess {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  output: string;
}

let database: Database;
let dropDatabase: () => Promise<void> = async () => {};
const processes: ApiProcess[] = [];
let a: ApiProcess;
let b: ApiProcess;

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Migrates and loads the demo once, before any API process starts (as a release step would). */
async function prepareDatabase(db: Database): Promise<void> {
  const orm = await initORM({ database: db });
  try {
    if (process.env.CLAVE_SCHEMA_FROM_ENTITIES === '1') {
      // While a module has no migration yet: the schema from the entities, and the existing
      // migrations marked as applied so the processes' own start-up migration is a no-op.
      await orm.schema.createSchema();
      const migrator = orm.getMigrator();
      const pending = await migrator.getPendingMigrations();
      await migrator.getStorage().ensureTable?.();
      for (const migration of pending) await migrator.getStorage().logMigration({ name: migration.name });
    } else {
      await migrate(orm);
    }
    await seedDemo(orm.em.fork());
  } finally {
    await orm.close();
  }
}

async function startApi(name: string, db = database, env: Record<string, string> = {}): Promise<ApiProcess> {
  const port = await freePort();
  const databaseUrl = db.kind === 'postgresql' ? db.url : `file:${db.path}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: API_DIR,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      WEB_DIR: '',
      CLAVE_SEED_DEMO: 'false',
      LOGIN_MAX_FAILURES: String(LOGIN_MAX_FAILURES),
      TOKEN_RATE_PER_MINUTE: String(TOKEN_RATE_PER_MINUTE),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const api: ApiProcess = { name, url: `http://127.0.0.1:${port}`, child, output: '' };
  child.stdout?.on('data', (chunk) => {
    api.output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    api.output += chunk;
  });
  processes.push(api);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ready = await fetch(`${api.url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return api;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`API process ${name} did not become ready:\n${api.output}`);
}

/** Stops the processes (SIGTERM) and resolves once every one has exited. */
async function stopAll(list: readonly ApiProcess[]): Promise<void> {
  await Promise.all(
    list.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
}

interface Result<T> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
  cookie: string | null;
}

/** A GraphQL request to one process, as a browser (cookie) or a third party (bearer token). */
async function gql<T = Record<string, unknown>>(
  api: ApiProcess,
  query: string,
  variables: Record<string, unknown> = {},
  auth: { cookie?: string | null; token?: string } = {},
): Promise<Result<T>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
    // The process's own origin: cookie-authenticated writes must come from our own pages (CSRF).
    origin: api.url,
  };
  if (auth.cookie) headers.cookie = auth.cookie;
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const setCookie = response.headers.get('set-cookie');
  const body = (await response.json()) as { data?: T; errors?: Result<T>['errors'] };
  return {
    status: response.status,
    data: body.data,
    errors: body.errors,
    cookie: setCookie ? (setCookie.split(';')[0] ?? null) : null,
  };
}

const LOGIN = `mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { __typename ... on Error { code } }
}`;

async function login(api: ApiProcess, email: string, password = DEMO_PASSWORD) {
  const result = await gql<{ login: { __typename: string; code?: string } }>(api, LOGIN, { email, password });
  return { outcome: result.data?.login.__typename, cookie: result.cookie };
}

const ME = '{ me { email } }';

beforeAll(async () => {
  const base = process.env.DATABASE_URL;
  if (base && /^postgres(ql)?:/.test(base)) {
    const pg = await createTemporaryPostgres(base);
    database = pg.database;
    dropDatabase = pg.drop;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'clave-scale-out-'));
    database = { kind: 'sqlite', path: join(dir, 'clave.sqlite') };
    dropDatabase = async () => rmSync(dir, { recursive: true, force: true });
  }
  await prepareDatabase(database);
  [a, b] = await Promise.all([startApi('A'), startApi('B')]);
}, 120_000);

afterAll(async () => {
  await stopAll(processes);
  await dropDatabase();
}, 30_000);

describe('two API processes sharing one database', () => {
  it('are two distinct processes answering on their own ports', () => {
    expect(a.child.pid).not.toBe(b.child.pid);
    expect(a.url).not.toBe(b.url);
  });

  it('accept on process B the session cookie that process A set at sign-in', async () => {
    const { outcome, cookie } = await login(a, 'ana@clave.dev');
    expect(outcome).toBe('LoginSuccess');
    const onB = await gql<{ me: { email: string } | null }>(b, ME, {}, { cookie });
    expect(onB.data?.me?.email).toBe('ana@clave.dev');
  });

  it('end the session on process B when the user signs out on process A', async () => {
    const { cookie } = await login(a, 'ana@clave.dev');
    expect((await gql<{ me: unknown }>(b, ME, {}, { cookie })).data?.me).not.toBeNull();
    const logout = await gql<{ logout: boolean }>(a, 'mutation { logout }', {}, { cookie });
    expect(logout.data?.logout).toBe(true);
    expect((await gql<{ me: unknown }>(b, ME, {}, { cookie })).data?.me).toBeNull();
    expect((await gql<{ me: unknown }>(a, ME, {}, { cookie })).data?.me).toBeNull();
  });

  it('store a visit once when the phone sends it to process A and re-sends it to process B', async () => {
    const { cookie } = await login(a, 'ana@clave.dev');
    const accounts = await gql<{ accounts: { edges: { node: { id: string } }[] } }>(
      a,
      '{ accounts(first: 1, filter: { search: "Supermercados Alba" }) { edges { node { id } } } }',
      {},
      { cookie },
    );
    const accountId = accounts.data?.accounts.edges[0]?.node.id;
    expect(accountId).toBeDefined();
    const count = async (api: ApiProcess) =>
      (
        await gql<{ node: { visits: { totalCount: number } } }>(
          api,
          'query($id: ID!) { node(id: $id) { ... on Account { visits(first: 1) { totalCount } } } }',
          { id: accountId },
          { cookie },
        )
      ).data?.node.visits.totalCount;
    const before = await count(a);
    const input = {
      id: randomUUID(),
      accountId,
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      kind: 'IN_PERSON',
      purpose: 'Revisión de surtido de yogures',
      acceptance: 4,
    };
    const LOG_VISIT = `mutation($input: LogVisitInput!) {
      logVisit(input: $input) { __typename ... on LogVisitSuccess { data { uuid } } }
    }`;
    type Logged = { logVisit: { __typename: string; data?: { uuid: string } } };
    const first = await gql<Logged>(a, LOG_VISIT, { input }, { cookie });
    const resent = await gql<Logged>(b, LOG_VISIT, { input }, { cookie });
    expect(first.data?.logVisit).toEqual({ __typename: 'LogVisitSuccess', data: { uuid: input.id } });
    expect(resent.data?.logVisit).toEqual({ __typename: 'LogVisitSuccess', data: { uuid: input.id } });
    expect(await count(b)).toBe((before ?? 0) + 1);
    expect(await count(a)).toBe((before ?? 0) + 1);
  });

  it('count failed sign-ins for one email on both processes towards one limit', async () => {
    const email = 'luis@clave.dev';
    // Failures alternate between the processes; each process alone saw fewer than the limit.
    const outcomes: (string | undefined)[] = [];
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
      outcomes.push((await login(i % 2 === 0 ? a : b, email, 'not-the-password')).outcome);
    }
    expect(outcomes).toEqual(Array(LOGIN_MAX_FAILURES).fill('InvalidCredentialsError'));
    // Even the right password is refused now, on either process.
    expect((await login(b, email)).outcome).toBe('RateLimitedError');
    expect((await login(a, email)).outcome).toBe('RateLimitedError');
  });

  it('hold an API token to its requests per minute across both processes', async () => {
    const { cookie } = await login(a, 'sofia@clave.dev');
    const created = await gql<{ createApiToken: { __typename: string; data?: { secret: string } } }>(
      a,
      `mutation($input: CreateApiTokenInput!) {
        createApiToken(input: $input) { __typename ... on CreateApiTokenSuccess { data { secret } } }
      }`,
      {
        input: {
          name: 'BI nightly export',
          scopes: ['READ_ACCOUNTS'],
          expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        },
      },
      { cookie },
    );
    const token = created.data?.createApiToken.data?.secret;
    expect(token).toMatch(/^clave_/);
    const LIST = '{ accounts(first: 5) { totalCount } }';
    const statuses: number[] = [];
    for (let i = 0; i < TOKEN_RATE_PER_MINUTE; i++) {
      statuses.push((await gql(i % 2 === 0 ? a : b, LIST, {}, { token })).status);
    }
    expect(statuses).toEqual(Array(TOKEN_RATE_PER_MINUTE).fill(200));
    const overOnA = await gql(a, LIST, {}, { token });
    const overOnB = await gql(b, LIST, {}, { token });
    expect([overOnA.status, overOnB.status]).toEqual([429, 429]);
    expect(overOnB.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});

// A deployment starts all its API processes at once, the first time on an empty database: they
// take turns to migrate it and load the demo (a PostgreSQL advisory lock), so each finds the work
// done by the first and starts. SQLite is one process's embedded database: not tested here.
describe.skipIf(!/^postgres(ql)?:/.test(process.env.DATABASE_URL ?? ''))(
  'three API processes starting together on an empty PostgreSQL database',
  () => {
    let empty: Database;
    let drop: () => Promise<void> = async () => {};
    let started: ApiProcess[] = [];

    beforeAll(async () => {
      const pg = await createTemporaryPostgres(process.env.DATABASE_URL as string);
      empty = pg.database;
      drop = pg.drop;
      const env = { CLAVE_SEED_DEMO: 'true' };
      started = await Promise.all(['C', 'D', 'E'].map((name) => startApi(name, empty, env)));
    }, 120_000);

    afterAll(async () => {
      await stopAll(started);
      await drop();
    }, 30_000);

    it('all start, with every migration applied once and the demo loaded once', async () => {
      expect(started.map((api) => api.child.exitCode)).toEqual([null, null, null]);
      const orm = await initORM({ database: empty });
      try {
        const connection = orm.em.getConnection();
        const migrations = (await connection.execute('select name from mikro_orm_migrations')) as {
          name: string;
        }[];
        expect(migrations.length).toBeGreaterThan(0);
        expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length);
        expect(await orm.getMigrator().getPendingMigrations()).toEqual([]);
        const count = async (sql: string) =>
          Number(((await connection.execute(sql)) as { n: string | number }[])[0]?.n);
        expect(await count("select count(*) as n from app_user where email = 'ana@clave.dev'")).toBe(1);
        expect(await count("select count(*) as n from account where name = 'Supermercados Alba'")).toBe(1);
      } finally {
        await orm.close();
      }
      // And each of them serves the demo.
      for (const api of started) expect((await login(api, 'ana@clave.dev')).outcome).toBe('LoginSuccess');
    });
  },
);
