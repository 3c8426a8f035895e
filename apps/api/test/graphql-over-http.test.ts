import { randomUUID } from 'node:crypto';
import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, newToken, ORIGIN, type TestApp } from './helpers.js';

/**
 * The GraphQL-over-HTTP specification (graphql-http's audit suite) and what the spec leaves to us:
 * GET serves queries only, the CSRF rule for cookie sessions holds, unexpected errors are masked.
 */
let t: TestApp;
let ana: Client;
let writeToken: string;
let accountId: string;

beforeAll(async () => {
  t = await createTestApp();
  ana = await t.as('ana');
  writeToken = await newToken(ana, ['READ_ACCOUNTS', 'WRITE_VISITS']);
  const accounts = await ana.data<{ accounts: { edges: { node: { id: string } }[] } }>(
    '{ accounts(first: 1) { edges { node { id } } } }',
  );
  accountId = accounts.accounts.edges[0]?.node.id ?? '';
});
afterAll(() => t.close());

const get = (query: string, headers: Record<string, string> = {}, extra = '') =>
  t.app.fetch(
    new Request(`${ORIGIN}/graphql?query=${encodeURIComponent(query)}${extra}`, {
      headers: { accept: 'application/graphql-response+json', ...headers },
    }),
  );

const post = (body: string, headers: Record<string, string>) =>
  t.app.fetch(new Request(`${ORIGIN}/graphql`, { method: 'POST', headers, body }));

async function count(table: string): Promise<number> {
  const [row] = await t.app.orm.em.fork().getConnection().execute(`select count(*) as n from ${table}`);
  return Number(row.n);
}

const LOG_VISIT = `mutation($input: LogVisitInput!) { logVisit(input: $input) { __typename } }`;
const visit = () =>
  JSON.stringify({
    id: randomUUID(),
    accountId,
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    kind: 'PHONE',
    purpose: 'Llamada de seguimiento',
    acceptance: 3,
  });

describe('GraphQL over HTTP conformance', () => {
  it("passes every audit of graphql-http's server suite, MUST and SHOULD alike", async () => {
    const results = await auditServer({
      url: `${ORIGIN}/graphql`,
      fetchFn: (input: RequestInfo | URL, init?: RequestInit) => t.app.fetch(new Request(input, init)),
    });
    const musts = results.filter((r) => r.name.startsWith('MUST'));
    expect(musts.length).toBeGreaterThanOrEqual(10);
    const notOk = results.filter((r) => r.status !== 'ok').map((r) => `${r.status} ${r.name}`);
    expect(notOk).toEqual([]);
  });

  it('answers queries over GET, for a token and for a session', async () => {
    const withToken = await get('{ accounts(first: 1) { totalCount } }', {
      authorization: `Bearer ${writeToken}`,
    });
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(
      ((await withToken.json()) as { data: { accounts: { totalCount: number } } }).data.accounts.totalCount,
    ).toBe(4);
    const withSession = await get(
      'query Me { me { email } }',
      { cookie: ana.cookie ?? '' },
      '&operationName=Me',
    );
    expect(await withSession.json()).toEqual({ data: { me: { email: 'ana@clave.dev' } } });
  });

  it('never runs a mutation sent over GET, whoever sends it (405, nothing stored)', async () => {
    const before = await count('visit');
    const query = LOG_VISIT;
    const callers: Record<string, string>[] = [
      { authorization: `Bearer ${writeToken}` },
      { cookie: ana.cookie ?? '' },
    ];
    for (const headers of callers) {
      const response = await get(query, headers, `&variables=${encodeURIComponent(`{"input":${visit()}}`)}`);
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toMatch(/POST/);
    }
    expect(await count('visit')).toBe(before);
  });

  it('answers a document that does not parse or validate with 400 and the reason', async () => {
    const parse = await get('{ accounts(first: 1) {');
    expect(parse.status).toBe(400);
    const invalid = await get('{ accounts(first: 1) { noSuchField } }');
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as { errors: { message: string }[] };
    expect(body.errors[0]?.message).toMatch(/noSuchField/);
  });

  it('refuses other methods (405), media types it cannot read (415) or write (406)', async () => {
    const put = await t.app.fetch(new Request(`${ORIGIN}/graphql`, { method: 'PUT', body: '{}' }));
    expect(put.status).toBe(405);
    const xml = await post('<query/>', {
      'content-type': 'application/xml',
      authorization: `Bearer ${writeToken}`,
    });
    expect(xml.status).toBe(415);
    const csv = await get('{ __typename }', { accept: 'text/csv' });
    expect(csv.status).toBe(406);
  });
});

describe('what conformance must not weaken', () => {
  it('lets no other origin read responses, so a GET query cannot leak a signed-in user’s data', async () => {
    const response = await get('{ me { email } }', {
      origin: 'https://evil.example',
      cookie: ana.cookie ?? '',
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = await t.app.fetch(
      new Request(`${ORIGIN}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      }),
    );
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets the pages of ALLOWED_ORIGINS use the API with their session (CORS preflight and reads)', async () => {
    const other = await createTestApp({ demo: false, env: { ALLOWED_ORIGINS: 'https://desk.example' } });
    try {
      const preflight = await other.app.fetch(
        new Request(`${ORIGIN}/graphql`, {
          method: 'OPTIONS',
          headers: {
            origin: 'https://desk.example',
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
        }),
      );
      expect(preflight.status).toBeLessThan(300);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://desk.example');
      expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
      expect(preflight.headers.get('access-control-allow-methods')).toMatch(/POST/);
      const query = await other.app.fetch(
        new Request(`${ORIGIN}/graphql`, {
          method: 'POST',
          headers: { origin: 'https://desk.example', 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ __typename }' }),
        }),
      );
      expect(query.status).toBe(200);
      expect(query.headers.get('access-control-allow-origin')).toBe('https://desk.example');
    } finally {
      await other.close();
    }
  });

  it('still refuses a cookie-session write that is not JSON from our own origin (CSRF)', async () => {
    const before = await count('visit');
    const body = JSON.stringify({ query: LOG_VISIT, variables: { input: JSON.parse(visit()) } });
    const form = await post(body, { 'content-type': 'text/plain', cookie: ana.cookie ?? '' });
    expect(form.status).toBe(403);
    const crossSite = await post(body, {
      'content-type': 'application/json',
      origin: 'https://evil.example',
      cookie: ana.cookie ?? '',
    });
    expect(crossSite.status).toBe(403);
    expect(
      ((await crossSite.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
    ).toBe('CSRF');
    expect(await count('visit')).toBe(before);
  });

  it('masks unexpected errors: no SQL, stack or table name reaches the caller', async () => {
    const em = t.app.orm.em.fork();
    await em.getConnection().execute('alter table kpi_template rename to kpi_template_gone');
    try {
      const result = await ana.gql('{ kpiTemplates { name } }');
      const text = JSON.stringify(result.errors);
      expect(result.errors?.[0]?.message).toMatch(/^Unexpected error/);
      expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(text).not.toMatch(/kpi_template|select|SQLITE|relation|stack/i);
    } finally {
      await em.getConnection().execute('alter table kpi_template_gone rename to kpi_template');
    }
  });
});
