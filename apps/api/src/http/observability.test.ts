import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, newToken, ORIGIN, type TestApp } from '../../test/helpers.js';
import { loadConfig } from '../config.js';
import { DEMO_PASSWORD } from '../db/seed/demo.js';
import { createLogger } from './logging.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

type Line = Record<string, unknown> & { msg?: string; requestId?: string; level?: string };
const lines: Line[] = [];
const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as Line) });

let t: TestApp;
let ana: Client;
let anaCookie: string;
let tokenSecret: string;
beforeAll(async () => {
  t = await createTestApp({ env: { METRICS_TOKEN }, app: { logger } });
  ana = await t.as('ana');
  anaCookie = ana.cookie ?? '';
  tokenSecret = await newToken(ana, ['READ_ACCOUNTS']);
});
afterAll(() => t.close());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  t.app.fetch(
    new Request(`${ORIGIN}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
      body: JSON.stringify(body),
    }),
  );
const linesOf = (requestId: string) => lines.filter((l) => l.requestId === requestId);

describe('request ids', () => {
  it('keeps a sane X-Request-Id from the client and returns it', async () => {
    const response = await post({ query: '{ __typename }' }, { 'x-request-id': 'lb-7f3a.42' });
    expect(response.headers.get('x-request-id')).toBe('lb-7f3a.42');
    expect(linesOf('lb-7f3a.42')).toContainEqual(
      expect.objectContaining({ msg: 'request', method: 'POST', path: '/graphql', status: 200 }),
    );
  });

  it('replaces an id with spaces, control characters or excessive length by a generated one', async () => {
    for (const bad of ['two words', 'x'.repeat(200), 'line\tbreak', '']) {
      const response = await post({ query: '{ __typename }' }, { 'x-request-id': bad });
      const id = response.headers.get('x-request-id') ?? '';
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(linesOf(id)).toHaveLength(1);
    }
  });

  it('gives responses outside GraphQL an id too', async () => {
    const response = await t.app.fetch(new Request(`${ORIGIN}/healthz`));
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('request lines', () => {
  it('name the operation and the signed-in user, and carry no password, cookie or token', async () => {
    const signIn = await post(
      {
        query:
          'mutation SignIn($email: String!, $password: String!) { login(email: $email, password: $password) { __typename } }',
        variables: { email: 'luis@clave.dev', password: DEMO_PASSWORD },
      },
      { 'x-request-id': 'sign-in-1' },
    );
    const luisCookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(luisCookie).toMatch(/=.{20,}/);
    await post(
      { query: 'query MyAccounts { accounts(first: 1) { totalCount } }' },
      { 'x-request-id': 'accounts-1', cookie: anaCookie },
    );
    await post(
      { query: 'query ThirdParty { accounts(first: 1) { totalCount } }' },
      { 'x-request-id': 'token-1', authorization: `Bearer ${tokenSecret}` },
    );

    expect(linesOf('sign-in-1')).toContainEqual(
      expect.objectContaining({
        msg: 'request',
        operationName: 'SignIn',
        operationType: 'mutation',
        status: 200,
      }),
    );
    const [accountsLine] = linesOf('accounts-1');
    expect(accountsLine).toMatchObject({ operationName: 'MyAccounts', operationType: 'query' });
    expect(accountsLine?.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(linesOf('token-1')[0]).toMatchObject({
      operationName: 'ThirdParty',
      userId: accountsLine?.userId,
    });

    const everything = JSON.stringify(lines);
    expect(everything).not.toContain(DEMO_PASSWORD);
    expect(everything).not.toContain(tokenSecret);
    expect(everything).not.toContain(luisCookie.split('=')[1]);
    expect(everything).not.toContain(anaCookie.split('=')[1]);
  });

  it('censor secrets that code puts into a log line by mistake', () => {
    const captured: string[] = [];
    const log = createLogger('info', { write: (line: string) => void captured.push(line) });
    log.info(
      {
        password: 'p1',
        variables: { input: { password: 'p2', token: 't1' } },
        headers: { cookie: 'c1', authorization: 'a1' },
      },
      'careless',
    );
    expect(captured.join('')).not.toMatch(/p1|p2|t1|c1|a1/);
    expect(captured.join('')).toContain('[redacted]');
  });

  it('log an unexpected error with its stack under the request id while the client gets the masked error', async () => {
    const connection = t.app.orm.em.getConnection();
    await connection.execute('alter table stakeholder rename to stakeholder_moved_away');
    try {
      const response = await post(
        { query: 'query Broken { accounts(first: 1) { edges { node { stakeholders { name } } } } }' },
        { 'x-request-id': 'broken-1', cookie: anaCookie },
      );
      const body = (await response.json()) as {
        errors?: { message: string; extensions?: { code?: string } }[];
      };
      expect(body.errors?.[0]?.message).toBe('Unexpected error.');
      expect(JSON.stringify(body)).not.toMatch(/select|from|no such table|does not exist/i);
    } finally {
      await connection.execute('alter table stakeholder_moved_away rename to stakeholder');
    }
    const error = linesOf('broken-1').find((l) => l.level === 'error');
    expect(error?.msg).toMatch(/unexpected error/);
    expect((error?.err as { stack?: string } | undefined)?.stack).toMatch(/stakeholder/);
  });
});

describe('/metrics', () => {
  const scrape = (authorization?: string) =>
    t.app.fetch(new Request(`${ORIGIN}/metrics`, { headers: authorization ? { authorization } : {} }));

  it('answers 404 without the metrics token, or with a wrong one', async () => {
    expect((await scrape()).status).toBe(404);
    expect((await scrape('Bearer wrong-token-wrong-token-wrong')).status).toBe(404);
    expect((await scrape(METRICS_TOKEN)).status).toBe(404);
  });

  it('serves request counts, latencies, operations, the webhook outbox depth and process metrics', async () => {
    await post({ query: 'query Ping { __typename }' });
    await post({ query: '{ nosuchfield }' });
    const response = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toMatch(/^clave_http_requests_total\{method="POST",route="\/graphql",status="200"\} \d+$/m);
    expect(text).toMatch(
      /^clave_http_request_duration_seconds_bucket\{le="0\.1",method="POST",route="\/graphql",status="200"\} \d+$/m,
    );
    expect(text).toMatch(
      /^clave_graphql_operations_total\{operation="Ping",type="query",outcome="success"\} 1$/m,
    );
    expect(text).toMatch(
      /^clave_graphql_operations_total\{operation="\(anonymous\)",type="unknown",outcome="rejected"\} \d+$/m,
    );
    expect(text).toMatch(/^clave_webhook_outbox_pending \d+$/m);
    expect(text).toMatch(/^clave_db_pool_connections\{state="free"\} \d+$/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it('refuses to start with a guessable METRICS_TOKEN', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ METRICS_TOKEN: 'has spaces in the middle of it' })).toThrow(/METRICS_TOKEN/);
    expect(loadConfig({ METRICS_TOKEN: METRICS_TOKEN }).metricsToken).toBe(METRICS_TOKEN);
    expect(loadConfig({}).metricsToken).toBeNull();
  });

  it('is off (404 for everyone) when METRICS_TOKEN is not set', async () => {
    const plain = await createTestApp({ demo: false });
    try {
      const response = await plain.app.fetch(
        new Request(`${ORIGIN}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }),
      );
      expect(response.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
