import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../src/app.js';
import { type Database, loadConfig } from '../src/config.js';
import { migrate } from '../src/db/orm.js';
import { DEMO_PASSWORD, seedDemo } from '../src/db/seed/demo.js';
import { createTemporaryPostgres } from '../src/db/temporary-postgres.js';
import { operationDeadline } from '../src/graphql/limits.js';
import { Client } from './helpers.js';

/**
 * GRAPHQL_TIMEOUT_MS ends an operation that runs too long. No clock is raced here: the app's
 * `operationDeadline` hook lets the test expire the operation at an exact point — when a chosen SQL
 * statement runs — which is what the real timer does when the limit passes at that point.
 */
const LIMIT_MS = 2500;
let app: App;
let cleanup: () => Promise<void>;
/** Expires the operation in flight when a statement matching it runs; null lets everything run. */
let expireOn: RegExp | null = null;
let deadline = new AbortController();
let ana: Client;
let anaEs: Client;
let accountId: string;

beforeAll(async () => {
  const base = process.env.DATABASE_URL;
  let database: Database;
  if (base && /^postgres(ql)?:/.test(base)) {
    const pg = await createTemporaryPostgres(base);
    database = pg.database;
    cleanup = pg.drop;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'clave-timeout-'));
    database = { kind: 'sqlite', path: join(dir, 'clave.sqlite') };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const config = { ...loadConfig({ WEB_DIR: '', GRAPHQL_TIMEOUT_MS: String(LIMIT_MS) }), database };
  app = await createApp(config, {
    onQuery: (sql) => {
      // Only a statement of an operation still running counts: resolvers of one already timed out
      // may still be finishing theirs in the background.
      if (expireOn?.test(sql) && operationDeadline.getStore()?.aborted === false) {
        expireOn = null;
        deadline.abort();
      }
    },
    operationDeadline: () => {
      deadline = new AbortController();
      return deadline.signal;
    },
  });
  if (process.env.CLAVE_SCHEMA_FROM_ENTITIES === '1') await app.orm.schema.createSchema();
  else await migrate(app.orm);
  await seedDemo(app.orm.em.fork());
  ana = await signIn('en');
  anaEs = await signIn('es');
  const accounts = await ana.data<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
    '{ accounts(first: 20) { edges { node { id name } } } }',
  );
  accountId = accounts.accounts.edges.find((e) => e.node.name === 'Coop Valle Verde')?.node.id ?? '';
});
afterAll(async () => {
  await app?.close();
  await cleanup?.();
});
beforeEach(() => {
  expireOn = null;
});

async function signIn(locale: string): Promise<Client> {
  const client = new Client(app, null, locale);
  await client.data('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename } }', {
    e: 'ana@clave.dev',
    p: DEMO_PASSWORD,
  });
  return client;
}

async function count(table: string): Promise<number> {
  const [row] = await app.orm.em.fork().getConnection().execute(`select count(*) as n from ${table}`);
  return Number(row.n);
}

const LOG_VISIT = `mutation($input: LogVisitInput!) {
  logVisit(input: $input) { __typename ... on LogVisitSuccess { data { id } } }
}`;
const visitInput = () => ({
  id: randomUUID(),
  accountId,
  occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
  kind: 'VIDEO',
  purpose: 'Revisión de surtido',
  acceptance: 4,
});

describe('the execution timeout (GRAPHQL_TIMEOUT_MS)', () => {
  it('ends a query that runs past the limit with an error naming the limit', async () => {
    expireOn = /from [`"]?visit[`"]?/i;
    const result = await ana.gql(
      '{ myVisits(first: 50) { edges { node { id purpose account { name } } } } }',
    );
    expect(result.status).toBe(503);
    expect(result.data).toBeUndefined();
    expect(result.errors).toEqual([
      {
        message: `The operation took longer than the limit of ${LIMIT_MS} ms and was stopped; nothing it was writing was stored`,
        extensions: { code: 'TIMEOUT', limit: LIMIT_MS },
      },
    ]);
  });

  it('says so in Spanish to a Spanish caller', async () => {
    expireOn = /from [`"]?visit[`"]?/i;
    const result = await anaEs.gql('{ myVisits(first: 5) { edges { node { id } } } }');
    expect(result.errors?.[0]?.message).toBe(
      `La operación ha superado el límite de ${LIMIT_MS} ms y se ha detenido; no se ha guardado nada de lo que escribía`,
    );
  });

  it('rolls back a mutation whose time ran out while it was writing: nothing is stored', async () => {
    const [visits, audits] = [await count('visit'), await count('audit_entry')];
    const input = visitInput();
    expireOn = /insert into [`"]?visit[`"]?/i;
    const result = await ana.gql(LOG_VISIT, { input });
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'TIMEOUT', limit: LIMIT_MS });
    expect(await count('visit')).toBe(visits);
    expect(await count('audit_entry')).toBe(audits);
    // The same visit sent again in time is stored, once.
    expireOn = null;
    const retry = await ana.data<{ logVisit: { __typename: string } }>(LOG_VISIT, { input });
    expect(retry.logVisit.__typename).toBe('LogVisitSuccess');
    expect(await count('visit')).toBe(visits + 1);
  });

  it('runs no further mutation of the operation once the time is up', async () => {
    const visits = await count('visit');
    expireOn = /insert into [`"]?visit[`"]?/i;
    const result = await ana.gql(
      `mutation($a: LogVisitInput!, $b: LogVisitInput!) {
        a: logVisit(input: $a) { __typename }
        b: logVisit(input: $b) { __typename }
      }`,
      { a: visitInput(), b: visitInput() },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'TIMEOUT' });
    expect(await count('visit')).toBe(visits);
  });

  it('leaves operations that finish in time alone', async () => {
    const result = await ana.data<{ myVisits: { edges: unknown[] } }>(
      '{ myVisits(first: 3) { edges { node { id } } } }',
    );
    expect(result.myVisits.edges).toHaveLength(3);
  });
});
