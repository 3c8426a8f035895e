import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, ORIGIN, type TestApp } from '../../../test/helpers.js';
import { accountIds, countRows, customKpi, RECORD } from '../kpis/kpi-test-helpers.js';

const CREATE = `mutation($input: CreateApiTokenInput!) {
  createApiToken(input: $input) {
    __typename
    ... on CreateApiTokenSuccess { data { secret token { id name prefix scopes expiresAt revokedAt } } }
    ... on ValidationError { issues { path message } }
    ... on Error { code message }
  }
}`;
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

let t: TestApp;
let ana: Client;
beforeAll(async () => {
  t = await createTestApp();
  ana = await t.as('ana');
});
afterAll(() => t.close());

async function newToken(client: Client, scopes: string[], expiresAt = inAMonth()) {
  const result = await client.data<{
    createApiToken: { data: { secret: string; token: { id: string; prefix: string } } };
  }>(CREATE, { input: { name: 'Power BI', scopes, expiresAt } });
  return result.createApiToken.data;
}

/** A GraphQL request as a third party: bearer token, no cookie, no Origin. */
async function asToken(secret: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await t.app.fetch(
    new Request(`${ORIGIN}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
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

const ACCOUNTS = '{ accounts(first: 100) { totalCount edges { node { id name } } } }';

describe('API tokens', () => {
  it('are shown once, stored only as a hash, and listed without their secret', async () => {
    const { secret, token } = await newToken(ana, ['READ_ACCOUNTS']);
    expect(secret).toMatch(/^clave_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(token.prefix)).toBe(true);
    const rows = await t.app.orm.em.fork().getConnection().execute('select token_hash from api_token');
    expect(rows.map((r: { token_hash: string }) => r.token_hash)).not.toContain(secret);
    const list = await ana.data<{ myApiTokens: Record<string, unknown>[] }>(
      '{ myApiTokens { name prefix scopes lastUsedAt } }',
    );
    expect(JSON.stringify(list)).not.toContain(secret);
  });

  it("read with their user's rights, never more", async () => {
    const { secret } = await newToken(ana, ['READ_ACCOUNTS']);
    const { body } = await asToken(secret, ACCOUNTS);
    expect(body.data?.accounts.totalCount).toBe(4);
    expect(body.data?.accounts.edges.map((e: { node: { name: string } }) => e.node.name)).toContain(
      'Supermercados Alba',
    );
  });

  it('are narrowed by their scopes on every path, with a clear error naming the scope', async () => {
    const { secret } = await newToken(ana, ['READ_ACCOUNTS']);
    const nested = await asToken(
      secret,
      '{ accounts(first: 1) { edges { node { name activePlan { title } } } } }',
    );
    expect(nested.body.errors?.[0]).toMatchObject({
      message: 'This API token lacks the read:plans scope',
      extensions: { code: 'FORBIDDEN', scope: 'read:plans' },
    });
    const kpis = await asToken(secret, '{ accounts(first: 1) { edges { node { kpis { name } } } } }');
    expect(kpis.body.errors?.[0]?.extensions?.scope).toBe('read:kpis');
  });

  it('need the matching read scope for every top-level query, even for counts and page info', async () => {
    // A token with one read scope reaches nothing under another scope, not even a connection's totalCount.
    const cases: [string, string][] = [
      ['read:accounts', '{ accounts(first: 1) { totalCount pageInfo { hasNextPage } } }'],
      ['read:accounts', '{ portfolio { hhi } }'],
      ['read:accounts', '{ revenueYears }'],
      ['read:accounts', '{ desk { __typename } }'],
      ['read:visits', '{ myVisits(first: 1) { totalCount } }'],
      ['read:plans', '{ myActions { __typename } }'],
      ['read:plans', '{ myResourceRequests(first: 1) { totalCount } }'],
      ['read:plans', '{ pendingResourceRequests(first: 1) { totalCount } }'],
      ['read:kpis', '{ kpiTemplates { __typename } }'],
    ];
    const { secret: kpisOnly } = await newToken(ana, ['READ_KPIS']);
    const { secret: accountsOnly } = await newToken(ana, ['READ_ACCOUNTS']);
    for (const [scope, query] of cases) {
      const other = scope === 'read:kpis' ? accountsOnly : kpisOnly;
      const { body } = await asToken(other, query);
      expect(
        Object.values(body.data ?? {}).filter((value) => value !== null),
        query,
      ).toEqual([]);
      expect(body.errors?.[0]?.extensions, query).toMatchObject({ code: 'FORBIDDEN', scope });
    }
    const { body } = await asToken(accountsOnly, '{ accounts(first: 1) { totalCount } }');
    expect(body.data?.accounts.totalCount).toBe(4);
  });

  it('cannot write unless a write scope allows that very mutation', async () => {
    const { secret } = await newToken(ana, ['READ_ACCOUNTS', 'READ_KPIS']);
    const before = await asToken(secret, ACCOUNTS);
    const alba = before.body.data?.accounts.edges.find(
      (e: { node: { name: string } }) => e.node.name === 'Supermercados Alba',
    );
    const rename = await asToken(
      secret,
      'mutation($id: ID!) { updateAccount(id: $id, input: { name: "X" }) { __typename } }',
      {
        id: alba.node.id,
      },
    );
    expect(rename.body.errors?.[0]).toMatchObject({
      message: 'API tokens may not call updateAccount; sign in to the app to do it',
      extensions: { code: 'FORBIDDEN' },
    });
    const visit = await asToken(
      secret,
      'mutation($input: LogVisitInput!) { logVisit(input: $input) { __typename } }',
      {
        input: {
          id: randomUUID(),
          accountId: alba.node.id,
          occurredAt: new Date().toISOString(),
          kind: 'PHONE',
          purpose: 'Llamada',
          acceptance: 4,
        },
      },
    );
    expect(visit.body.errors?.[0]?.extensions?.scope).toBe('write:visits');
    const after = await asToken(secret, ACCOUNTS);
    expect(after.body.data?.accounts.edges.map((e: { node: { name: string } }) => e.node.name)).toContain(
      'Supermercados Alba',
    );
  });

  it('with write:visits, log visits for their user', async () => {
    const { secret } = await newToken(ana, ['READ_ACCOUNTS', 'WRITE_VISITS']);
    const accounts = await asToken(secret, ACCOUNTS);
    const alba = accounts.body.data?.accounts.edges.find(
      (e: { node: { name: string } }) => e.node.name === 'Supermercados Alba',
    );
    const visit = await asToken(
      secret,
      'mutation($input: LogVisitInput!) { logVisit(input: $input) { __typename } }',
      {
        input: {
          id: randomUUID(),
          accountId: alba.node.id,
          occurredAt: new Date().toISOString(),
          kind: 'PHONE',
          purpose: 'Pedido de Navidad',
          acceptance: 5,
        },
      },
    );
    expect(visit.body.data?.logVisit.__typename).toBe('LogVisitSuccess');
  });

  it('with write:kpis, push a year of daily values in one call; sending it again stores nothing twice', async () => {
    const accounts = await accountIds(await t.as('admin'));
    const kpi = await customKpi(ana, accounts['Coop Valle Verde'] as string, {
      name: 'Daily sell-out',
      frequency: 'DAILY',
    });
    const { secret } = await newToken(ana, ['WRITE_KPIS', 'READ_KPIS']);
    const start = Date.UTC(2013, 0, 1);
    const measurements = Array.from({ length: 365 }, (_, day) => ({
      kpiDefinitionId: kpi,
      periodStart: new Date(start + day * 86_400_000).toISOString().slice(0, 10),
      value: 1000 + day,
    }));
    const before = await countRows(t, 'kpi_measurement');
    const first = await asToken(secret, RECORD, { input: { measurements } });
    expect(first.body.data?.recordKpiMeasurements.data).toEqual({ stored: 365, created: 365, updated: 0 });
    const again = await asToken(secret, RECORD, { input: { measurements } });
    expect(again.body.data?.recordKpiMeasurements.data).toEqual({ stored: 365, created: 0, updated: 365 });
    expect(await countRows(t, 'kpi_measurement')).toBe(before + 365);
    const { body } = await asToken(
      secret,
      'query($id: ID!) { node(id: $id) { ... on KpiDefinition { measurements(from: "2013-12-31", to: "2013-12-31") { value source } } } }',
      { id: kpi },
    );
    expect(body.data?.node.measurements).toEqual([{ value: 1364, source: 'API' }]);
  });

  it('stop working at once when revoked', async () => {
    const { secret, token } = await newToken(ana, ['READ_ACCOUNTS']);
    expect((await asToken(secret, ACCOUNTS)).status).toBe(200);
    const revoked = await ana.data<{ revokeApiToken: { __typename: string } }>(
      'mutation($id: ID!) { revokeApiToken(id: $id) { __typename } }',
      { id: token.id },
    );
    expect(revoked.revokeApiToken.__typename).toBe('RevokeApiTokenSuccess');
    const refused = await asToken(secret, ACCOUNTS);
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]).toMatchObject({
      message: 'The API token is not valid, has expired or was revoked',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('refuse an unknown or expired token, and record the last use of a good one', async () => {
    expect((await asToken('clave_not-a-real-token', ACCOUNTS)).status).toBe(401);
    const { secret, token } = await newToken(ana, ['READ_ACCOUNTS']);
    await asToken(secret, ACCOUNTS);
    const list = await ana.data<{ myApiTokens: { prefix: string; lastUsedAt: string | null }[] }>(
      '{ myApiTokens { prefix lastUsedAt } }',
    );
    expect(list.myApiTokens.find((x) => x.prefix === token.prefix)?.lastUsedAt).not.toBeNull();
    await t.app.orm.em
      .fork()
      .getConnection()
      .execute('update api_token set expires_at = ? where prefix = ?', [
        new Date(Date.now() - 1000),
        token.prefix,
      ]);
    expect((await asToken(secret, ACCOUNTS)).status).toBe(401);
  });

  it('refuse bad input: no scopes, an unknown scope, an expiry in the past or beyond a year', async () => {
    const bad = async (input: Record<string, unknown>) =>
      await ana.gql<{ createApiToken: { __typename: string; issues?: { path: string[] }[] } }>(CREATE, {
        input: { name: 'x', scopes: ['READ_ACCOUNTS'], expiresAt: inAMonth(), ...input },
      });
    expect((await bad({ scopes: [] })).data?.createApiToken.issues?.[0]?.path).toEqual(['scopes']);
    expect((await bad({ scopes: ['READ_EVERYTHING'] })).errors?.[0]?.message).toMatch(/READ_EVERYTHING/);
    expect((await bad({ expiresAt: '2020-01-01T00:00:00Z' })).data?.createApiToken.issues?.[0]?.path).toEqual(
      ['expiresAt'],
    );
    const far = new Date(Date.now() + 400 * 86_400_000).toISOString();
    expect((await bad({ expiresAt: far })).data?.createApiToken.issues?.[0]?.path).toEqual(['expiresAt']);
  });

  it('cannot manage tokens with a token', async () => {
    const { secret } = await newToken(ana, ['READ_ACCOUNTS']);
    const list = await asToken(secret, '{ myApiTokens { name } }');
    expect(list.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const create = await asToken(secret, CREATE, {
      input: { name: 'x', scopes: ['READ_ACCOUNTS'], expiresAt: inAMonth() },
    });
    expect(create.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("are the owner's only: another user cannot revoke them", async () => {
    const { token } = await newToken(ana, ['READ_ACCOUNTS']);
    const luis = await t.as('luis');
    const result = await luis.data<{ revokeApiToken: { __typename: string } }>(
      'mutation($id: ID!) { revokeApiToken(id: $id) { __typename } }',
      { id: token.id },
    );
    expect(result.revokeApiToken.__typename).toBe('NotFoundError');
  });
});

describe('per-token rate limit', () => {
  it('answers 429 with Retry-After once a token passes its requests per minute; other tokens are unaffected', async () => {
    const limited = await createTestApp({ env: { TOKEN_RATE_PER_MINUTE: '3' } });
    try {
      const client = await limited.as('ana');
      const make = async () =>
        (
          await client.data<{ createApiToken: { data: { secret: string } } }>(CREATE, {
            input: { name: 'Feed', scopes: ['READ_ACCOUNTS'], expiresAt: inAMonth() },
          })
        ).createApiToken.data.secret;
      const [first, second] = [await make(), await make()];
      const call = (secret: string) =>
        limited.app.fetch(
          new Request(`${ORIGIN}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
            body: JSON.stringify({ query: '{ me { email } }' }),
          }),
        );
      for (let i = 0; i < 3; i++) expect((await call(first)).status).toBe(200);
      const refused = await call(first);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await refused.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('RATE_LIMITED');
      expect(body.errors[0]?.message).toMatch(/more than 3 requests in a minute/);
      expect((await call(second)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
