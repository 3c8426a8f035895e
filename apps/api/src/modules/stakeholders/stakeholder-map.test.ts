// Influence and the gaps in the buying centre, through HTTP on a fresh database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, newToken, type TestApp } from '../../../test/helpers.js';

const ACCOUNTS = '{ accounts(first: 100) { edges { node { id name } } } }';
const GAPS = `query($id: ID!) {
  node(id: $id) { ... on Account { buyingCentreGaps stakeholders { id name influence decisionRole } } }
}`;
const CREATE_ACCOUNT = `mutation($input: CreateAccountInput!) {
  createAccount(input: $input) { __typename ... on CreateAccountSuccess { data { id } } }
}`;
const CREATE = `mutation($input: CreateStakeholderInput!) {
  createStakeholder(input: $input) {
    __typename
    ... on CreateStakeholderSuccess { data { id influence } }
    ... on Error { code }
  }
}`;
const UPDATE = `mutation($id: ID!, $input: UpdateStakeholderInput!) {
  updateStakeholder(id: $id, input: $input) {
    __typename
    ... on UpdateStakeholderSuccess { data { influence attitude } }
    ... on Error { code }
  }
}`;
const ARCHIVE = `mutation($id: ID!) { archiveStakeholder(id: $id) { __typename } }`;
const LOG_VISIT = `mutation($input: LogVisitInput!) { logVisit(input: $input) { __typename ... on Error { code } } }`;

let t: TestApp;
const clients: Record<string, Client> = {};
const ids: Record<string, string> = {};
const as = (who: string) => clients[who] as Client;
let fresh = '';
const people: Record<string, string> = {};

async function gaps(who: string | Client, accountId: string): Promise<string[] | null> {
  const client = typeof who === 'string' ? as(who) : who;
  const result = await client.data<{ node: { buyingCentreGaps: string[] } | null }>(GAPS, { id: accountId });
  return result.node?.buyingCentreGaps ?? null;
}

/** The start of the UTC day `days` ago, moved by `minutes`. */
function dayStart(days: number, minutes = 0): string {
  const now = new Date();
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - days);
  return new Date(start + minutes * 60_000).toISOString();
}

async function visit(stakeholderIds: string[], occurredAt: string): Promise<void> {
  const result = await as('ana').data<{ logVisit: { __typename: string } }>(LOG_VISIT, {
    input: {
      id: crypto.randomUUID(),
      accountId: fresh,
      occurredAt,
      kind: 'IN_PERSON',
      stakeholderIds,
      purpose: 'Revisión del surtido',
      acceptance: 4,
    },
  });
  expect(result.logVisit.__typename).toBe('LogVisitSuccess');
}

async function add(name: string, decisionRole: string, influence?: string | null): Promise<string> {
  const result = await as('ana').data<{
    createStakeholder: { __typename: string; data: { id: string; influence: string | null } };
  }>(CREATE, { input: { accountId: fresh, name, decisionRole, ...(influence ? { influence } : {}) } });
  expect(result.createStakeholder.__typename).toBe('CreateStakeholderSuccess');
  expect(result.createStakeholder.data.influence).toBe(influence ?? null);
  people[name] = result.createStakeholder.data.id;
  return result.createStakeholder.data.id;
}

beforeAll(async () => {
  t = await createTestApp();
  for (const who of ['ana', 'luis', 'sofia', 'marta', 'jorge', 'admin']) clients[who] = await t.as(who);
  const all = await as('admin').data<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
    ACCOUNTS,
  );
  for (const { node } of all.accounts.edges) ids[node.name] = node.id;
  const ana = await as('ana').data<{ me: { id: string } }>('{ me { id } }');
  const created = await as('marta').data<{ createAccount: { data: { id: string } } }>(CREATE_ACCOUNT, {
    input: { name: 'Lácteos del Norte', segment: 'Distribución', tier: 'KEY', ownerId: ana.me.id },
  });
  fresh = created.createAccount.data.id;
});
afterAll(() => t.close());

describe("a stakeholder's influence (weight in the decision, apart from the role)", () => {
  it('is set on creation, changed, and cleared with null', async () => {
    const id = await add('Carlos Prieto', 'INFLUENCER', 'HIGH');
    const changed = await as('ana').data<{ updateStakeholder: { data: { influence: string } } }>(UPDATE, {
      id,
      input: { influence: 'LOW' },
    });
    expect(changed.updateStakeholder.data.influence).toBe('LOW');
    const other = await as('ana').data<{ updateStakeholder: { data: { influence: string | null } } }>(
      UPDATE,
      { id, input: { attitude: 'CHAMPION' } },
    );
    expect(other.updateStakeholder.data).toEqual({ influence: 'LOW', attitude: 'CHAMPION' });
    const cleared = await as('ana').data<{ updateStakeholder: { data: { influence: string | null } } }>(
      UPDATE,
      { id, input: { influence: null } },
    );
    expect(cleared.updateStakeholder.data.influence).toBeNull();
    await add('Carlos Prieto Sin Peso', 'USER');
  });

  it('refuses a value outside HIGH, MEDIUM, LOW and changes nothing', async () => {
    const bad = await as('ana').gql(CREATE, {
      input: { accountId: fresh, name: 'Nadie', decisionRole: 'USER', influence: 'HUGE' },
    });
    expect(bad.errors?.[0]?.message).toMatch(/influence|StakeholderInfluence/);
    const list = await as('ana').data<{ node: { stakeholders: { name: string }[] } }>(GAPS, { id: fresh });
    expect(list.node.stakeholders.map((s) => s.name)).not.toContain('Nadie');
  });

  it('the demo people carry an influence', async () => {
    const result = await as('ana').data<{
      node: { stakeholders: { name: string; influence: string | null; decisionRole: string }[] };
    }>(GAPS, { id: ids['Supermercados Alba'] });
    const people = result.node.stakeholders;
    expect(people.find((p) => p.name === 'Elena Vidal Sanz')?.influence).toBe('HIGH');
    expect(people.every((p) => p.influence !== null)).toBe(true);
    expect(new Set(people.map((p) => p.influence))).toEqual(new Set(['HIGH', 'MEDIUM', 'LOW']));
  });
});

describe('the gaps in the buying centre (roles nobody has met in the last 90 calendar days)', () => {
  it('lists every role while nobody was met, in the fixed order', async () => {
    expect(await gaps('ana', fresh)).toEqual(['DECISION_MAKER', 'INFLUENCER', 'USER', 'GATEKEEPER']);
  });

  it('a visit today, one 90 days ago (after the day began) and one before that day', async () => {
    const boss = await add('Amparo Ruiz', 'DECISION_MAKER', 'HIGH');
    const gatekeeper = await add('Julio Sanz', 'GATEKEEPER', 'MEDIUM');
    const user = await add('Irene Gómez', 'USER', 'LOW');
    await visit([boss], dayStart(0, 1));
    await visit([gatekeeper], dayStart(90, 1));
    await visit([user], dayStart(90, -1));
    // Carlos Prieto (INFLUENCER) was never met.
    expect(await gaps('ana', fresh)).toEqual(['INFLUENCER', 'USER']);
  });

  it('an archived stakeholder no longer covers their role', async () => {
    const boss = people['Amparo Ruiz'] as string;
    const archived = await as('ana').data<{ archiveStakeholder: { __typename: string } }>(ARCHIVE, {
      id: boss,
    });
    expect(archived.archiveStakeholder.__typename).toBe('ArchiveStakeholderSuccess');
    expect(await gaps('ana', fresh)).toEqual(['DECISION_MAKER', 'INFLUENCER', 'USER']);
  });

  it('is read for a page of accounts in a fixed number of SQL statements', async () => {
    t.resetQueries();
    const result = await as('admin').data<{
      accounts: { edges: { node: { buyingCentreGaps: string[] } }[] };
    }>('{ accounts(first: 100) { edges { node { name buyingCentreGaps } } } }');
    expect(result.accounts.edges.length).toBeGreaterThan(5);
    const statements = t.queries.filter((q) => /\bselect\b/i.test(q)).length;
    expect(statements).toBeLessThanOrEqual(6);
  });
});

describe('who may read the gaps and influence', () => {
  //  who                          user      reads
  const matrix: [string, string, boolean][] = [
    ['owner KAM', 'ana', true],
    ['KAM of another account', 'luis', false],
    ['KAM of another team', 'sofia', false],
    ["the owner's manager", 'marta', true],
    ['another manager', 'jorge', false],
    ['admin', 'admin', true],
  ];
  it.each(matrix)(
    '%s (%s) reads them: %s (a denied read looks like not found)',
    async (_who, user, reads) => {
      expect(await gaps(user, fresh)).toEqual(reads ? ['DECISION_MAKER', 'INFLUENCER', 'USER'] : null);
    },
  );

  it('an API token needs read:accounts', async () => {
    const tokenClient = async (scopes: string[]) => {
      const secret = await newToken(as('ana'), scopes);
      const client = t.anonymous();
      const gql = client.gql.bind(client);
      client.gql = (query, variables = {}, init = {}) =>
        gql(query, variables, { headers: { ...init.headers, authorization: `Bearer ${secret}` } });
      return client;
    };
    const reader = await tokenClient(['READ_ACCOUNTS']);
    expect(await gaps(reader, fresh)).toEqual(['DECISION_MAKER', 'INFLUENCER', 'USER']);
    const writer = await tokenClient(['WRITE_VISITS']);
    const denied = await writer.gql<{ node: { buyingCentreGaps: string[] } | null }>(GAPS, { id: fresh });
    expect(denied.data?.node?.buyingCentreGaps ?? null).toBeNull();
    expect(denied.errors?.length ?? 0).toBeGreaterThan(0);
  });
});
