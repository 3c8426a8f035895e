import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/helpers.js';

const LIST = `query($first: Int, $after: String, $filter: AccountFilter, $orderBy: AccountOrder) {
  accounts(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name tier status owner { email } } }
  }
}`;
const NODE = 'query($id: ID!) { node(id: $id) { __typename id ... on Account { name } } }';
const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Account { name } } }';
const UPDATE = `mutation($id: ID!, $input: UpdateAccountInput!) {
  updateAccount(id: $id, input: $input) {
    __typename
    ... on UpdateAccountSuccess { data { name tier owner { email } } }
    ... on Error { code message }
    ... on ValidationError { issues { path message } }
  }
}`;
const ARCHIVE = `mutation($id: ID!) {
  archiveAccount(id: $id) { __typename ... on ArchiveAccountSuccess { data { status } } ... on Error { code } }
}`;
const CREATE = `mutation($input: CreateAccountInput!) {
  createAccount(input: $input) {
    __typename
    ... on CreateAccountSuccess { data { id name owner { email } supporters { email } } }
    ... on Error { code message }
    ... on ValidationError { issues { path message } }
  }
}`;
const REVENUE = `mutation($id: ID!, $year: Int!, $amount: Float!) {
  setAccountRevenue(accountId: $id, year: $year, amount: $amount) {
    __typename
    ... on SetAccountRevenueSuccess { data { revenue { year amount } } }
    ... on Error { code }
  }
}`;

interface Edge {
  cursor: string;
  node: { id: string; name: string; tier: string; status: string; owner: { email: string } };
}
interface ListResult {
  accounts: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Edge[];
  };
}

let t: TestApp;
const clients: Record<string, Client> = {};
const ids: Record<string, string> = {};
const USERS = ['ana', 'luis', 'sofia', 'marta', 'jorge', 'admin'] as const;

async function names(who: string, variables: Record<string, unknown> = {}): Promise<string[]> {
  const data = await (clients[who] as Client).data<ListResult>(LIST, { first: 100, ...variables });
  return data.accounts.edges.map((e) => e.node.name);
}

async function auditCount(): Promise<number> {
  const [row] = await t.app.orm.em.fork().getConnection().execute('select count(*) as n from audit_entry');
  return Number(row.n);
}

beforeAll(async () => {
  t = await createTestApp();
  for (const who of USERS) clients[who] = await t.as(who);
  const all = await (clients.admin as Client).data<ListResult>(LIST, { first: 100 });
  for (const { node } of all.accounts.edges) ids[node.name] = node.id;
});
afterAll(() => t.close());

describe('who sees which accounts (SPEC "Who may do what")', () => {
  it('a KAM lists the accounts they own or support, and nothing else', async () => {
    expect(await names('ana')).toEqual([
      'Coop Valle Verde',
      'Distribuciones Cantábrico',
      'Selecta Gourmet',
      'Supermercados Alba',
    ]);
    expect(await names('luis')).toEqual([
      'Catering Escolar Sol',
      'Farmacias Salud+',
      'HiperNorte',
      'Supermercados Alba',
      'Vending Ibérica',
    ]);
  });

  it("a manager lists their team's accounts only; an admin lists all", async () => {
    expect(await names('marta')).toHaveLength(8);
    expect(await names('marta')).not.toContain('FreshMarket Europa');
    expect(await names('jorge')).toEqual([
      'Cesta Online',
      'EcoBio Tiendas',
      'FreshMarket Europa',
      'Grupo Hostelero Brisa',
    ]);
    expect(await names('admin')).toHaveLength(12);
  });

  it('counts only visible accounts', async () => {
    const data = await (clients.sofia as Client).data<ListResult>(LIST, { first: 1 });
    expect(data.accounts.totalCount).toBe(4);
  });

  const matrix: [string, string, boolean][] = [
    ['Supermercados Alba', 'ana', true], // owner
    ['Supermercados Alba', 'luis', true], // supporter
    ['Coop Valle Verde', 'luis', false], // other KAM of the same team
    ['Supermercados Alba', 'sofia', false], // KAM of another team
    ['Supermercados Alba', 'marta', true], // the team's manager
    ['Supermercados Alba', 'jorge', false], // another manager
    ['FreshMarket Europa', 'admin', true],
  ];
  it.each(matrix)('%s through node(id:) and nodes(ids:) for %s → %s', async (account, who, allowed) => {
    const client = clients[who] as Client;
    const id = ids[account] as string;
    const node = await client.data<{ node: { name: string } | null }>(NODE, { id });
    expect(node.node?.name ?? null).toBe(allowed ? account : null);
    const nodes = await client.data<{ nodes: ({ name: string } | null)[] }>(NODES, { ids: [id] });
    expect(nodes.nodes[0]?.name ?? null).toBe(allowed ? account : null);
  });

  it('a denied account looks exactly like one that does not exist', async () => {
    const denied = await (clients.sofia as Client).gql(NODE, { id: ids['Supermercados Alba'] });
    const missing = await (clients.sofia as Client).gql(NODE, {
      id: Buffer.from('Account:01900000-0000-7000-8000-000000000000').toString('base64'),
    });
    expect(denied).toMatchObject({ status: 200, data: { node: null } });
    expect(denied.errors).toEqual(missing.errors);
    const update = await (clients.sofia as Client).data<{ updateAccount: unknown }>(UPDATE, {
      id: ids['Supermercados Alba'],
      input: { name: 'Hacked' },
    });
    expect(update.updateAccount).toEqual({
      __typename: 'NotFoundError',
      code: 'NOT_FOUND',
      message: 'Account not found',
    });
  });

  it('refuses to list accounts without a session', async () => {
    const result = await t.anonymous().gql(LIST);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data ?? null).toBeNull();
  });
});

describe('paging and filtering', () => {
  it('pages through every account once with cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const data: ListResult = await (clients.admin as Client).data<ListResult>(LIST, { first: 5, after });
      seen.push(...data.accounts.edges.map((e) => e.node.name));
      after = data.accounts.pageInfo.hasNextPage ? data.accounts.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    expect(seen).toEqual([...seen].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('orders by name descending', async () => {
    const list = await names('jorge', { orderBy: { field: 'NAME', direction: 'DESC' } });
    expect(list).toEqual(['Grupo Hostelero Brisa', 'FreshMarket Europa', 'EcoBio Tiendas', 'Cesta Online']);
  });

  it('searches by part of the name, case-insensitively, treating % and _ literally', async () => {
    expect(await names('admin', { filter: { search: 'ALBA' } })).toEqual(['Supermercados Alba']);
    expect(await names('admin', { filter: { search: 'salud+' } })).toEqual(['Farmacias Salud+']);
    expect(await names('admin', { filter: { search: '%' } })).toEqual([]);
    expect(await names('admin', { filter: { search: "'; drop table account; --" } })).toEqual([]);
    expect(await names('admin')).toHaveLength(12);
  });

  it('filters by tier and owner without widening visibility', async () => {
    expect(await names('marta', { filter: { tier: 'STRATEGIC' } })).toEqual([
      'HiperNorte',
      'Supermercados Alba',
    ]);
    const me = await (clients.sofia as Client).data<{ me: { id: string } }>('{ me { id } }');
    expect(await names('marta', { filter: { ownerId: me.me.id } })).toEqual([]);
    expect(await names('jorge', { filter: { ownerId: me.me.id } })).toHaveLength(4);
  });

  it('refuses pages above 100 and malformed cursors with clear errors', async () => {
    const big = await (clients.admin as Client).gql(LIST, { first: 101 });
    expect(big.errors?.[0]?.message).toBe('Ask for pages of 1 to 100 items (first: 1–100)');
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', issues: [{ path: ['first'] }] });
    const enEspañol = await (await t.as('ana', 'es')).gql(LIST, { first: 0 });
    expect(enEspañol.errors?.[0]?.message).toBe('Pide páginas de 1 a 100 elementos (first: 1–100)');
    const backwards = await (await t.as('ana', 'es')).gql('{ accounts(last: 5) { totalCount } }');
    expect(backwards.errors?.[0]?.message).toBe('No se puede paginar hacia atrás; avanza con first y after');
    const bad = await (clients.admin as Client).gql(LIST, { first: 5, after: 'garbage' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION');
  });
});

describe('changing accounts', () => {
  it('the owner renames an account; the audit trail records before and after', async () => {
    const before = await auditCount();
    const result = await (clients.ana as Client).data<{ updateAccount: unknown }>(UPDATE, {
      id: ids['Selecta Gourmet'],
      input: { name: 'Selecta Gourmet Ibérica' },
    });
    expect(result.updateAccount).toMatchObject({
      __typename: 'UpdateAccountSuccess',
      data: { name: 'Selecta Gourmet Ibérica' },
    });
    expect(await auditCount()).toBe(before + 1);
    const [row] = await t.app.orm.em
      .fork()
      .getConnection()
      .execute(
        "select * from audit_entry where entity_type = 'Account' and action = 'UPDATE' order by at desc limit 1",
      );
    const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    expect(parse(row.before)).toMatchObject({ name: 'Selecta Gourmet' });
    expect(parse(row.after)).toMatchObject({ name: 'Selecta Gourmet Ibérica' });
  });

  it('a KAM may not reassign or re-tier their account; their manager may', async () => {
    const luis = await (clients.luis as Client).data<{ me: { id: string } }>('{ me { id } }');
    const denied = await (clients.ana as Client).data<{ updateAccount: unknown }>(UPDATE, {
      id: ids['Coop Valle Verde'],
      input: { ownerId: luis.me.id },
    });
    expect(denied.updateAccount).toMatchObject({ __typename: 'ForbiddenError', code: 'FORBIDDEN' });
    const allowed = await (clients.marta as Client).data<{ updateAccount: unknown }>(UPDATE, {
      id: ids['Coop Valle Verde'],
      input: { ownerId: luis.me.id, tier: 'STRATEGIC' },
    });
    expect(allowed.updateAccount).toMatchObject({
      data: { tier: 'STRATEGIC', owner: { email: 'luis@clave.dev' } },
    });
    expect(await names('luis')).toContain('Coop Valle Verde');
    expect(await names('ana')).not.toContain('Coop Valle Verde');
  });

  it("a manager cannot hand an account to another team's KAM", async () => {
    const sofia = await (clients.sofia as Client).data<{ me: { id: string } }>('{ me { id } }');
    const result = await (clients.marta as Client).data<{ updateAccount: unknown }>(UPDATE, {
      id: ids.HiperNorte,
      input: { ownerId: sofia.me.id },
    });
    expect(result.updateAccount).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['ownerId'], message: 'This user cannot own this account' }],
    });
  });

  it('bad input gets field errors in the caller language and changes nothing', async () => {
    const ana = await t.as('ana', 'es');
    const before = await auditCount();
    const result = await ana.data<{ updateAccount: { issues: { path: string[]; message: string }[] } }>(
      UPDATE,
      {
        id: ids['Supermercados Alba'],
        input: { name: '   ', visitCadenceDays: 0 },
      },
    );
    expect(result.updateAccount).toMatchObject({
      __typename: 'ValidationError',
      message: 'Los datos no son válidos',
    });
    expect(result.updateAccount.issues.map((i) => i.path.join('.'))).toEqual(['name', 'visitCadenceDays']);
    expect(result.updateAccount.issues[0]?.message).toMatch(/^Demasiado pequeño/);
    expect(await names('admin', { filter: { search: 'Alba' } })).toEqual(['Supermercados Alba']);
    expect(await auditCount()).toBe(before);
  });

  it('a malformed id is a validation error, not a crash', async () => {
    const result = await (clients.ana as Client).data<{ updateAccount: unknown }>(UPDATE, {
      id: 'not-a-global-id',
      input: { name: 'X' },
    });
    expect(result.updateAccount).toMatchObject({ __typename: 'ValidationError' });
  });

  it('managers create accounts for their team; KAMs cannot create accounts', async () => {
    const ana = await (clients.ana as Client).data<{ me: { id: string } }>('{ me { id } }');
    const luis = await (clients.luis as Client).data<{ me: { id: string } }>('{ me { id } }');
    const input = { name: 'Mercados del Sur', segment: 'Grocery retail', tier: 'KEY', ownerId: ana.me.id };
    const denied = await (clients.ana as Client).data<{ createAccount: unknown }>(CREATE, { input });
    expect(denied.createAccount).toMatchObject({ __typename: 'ForbiddenError' });
    const created = await (clients.marta as Client).data<{ createAccount: { data: { id: string } } }>(
      CREATE,
      {
        input: { ...input, supporterIds: [luis.me.id] },
      },
    );
    expect(created.createAccount).toMatchObject({
      __typename: 'CreateAccountSuccess',
      data: {
        name: 'Mercados del Sur',
        owner: { email: 'ana@clave.dev' },
        supporters: [{ email: 'luis@clave.dev' }],
      },
    });
    expect(await names('ana')).toContain('Mercados del Sur');
    expect(await names('luis')).toContain('Mercados del Sur');
    expect(await names('jorge')).not.toContain('Mercados del Sur');
  });

  it('archiving is for managers and admins, hides the account from default lists, and blocks edits', async () => {
    const id = ids['Vending Ibérica'];
    expect(
      (await (clients.luis as Client).data<{ archiveAccount: unknown }>(ARCHIVE, { id })).archiveAccount,
    ).toMatchObject({
      __typename: 'ForbiddenError',
    });
    expect(
      (await (clients.marta as Client).data<{ archiveAccount: unknown }>(ARCHIVE, { id })).archiveAccount,
    ).toEqual({
      __typename: 'ArchiveAccountSuccess',
      data: { status: 'ARCHIVED' },
    });
    expect(await names('luis')).not.toContain('Vending Ibérica');
    expect(await names('luis', { filter: { includeArchived: true } })).toContain('Vending Ibérica');
    const edit = await (clients.luis as Client).data<{ updateAccount: unknown }>(UPDATE, {
      id,
      input: { name: 'X' },
    });
    expect(edit.updateAccount).toMatchObject({
      __typename: 'ValidationError',
      message: 'The input is not valid',
    });
  });

  it('records revenue per year, replacing a corrected year instead of duplicating it', async () => {
    const id = ids['Cesta Online'];
    // 2021: a year without monthly revenue (the demo has months for 2025 and 2026, whose yearly
    // figures are the sums of their months and are refused here: see monthly-revenue.test.ts).
    await (clients.sofia as Client).data(REVENUE, { id, year: 2021, amount: 1_000_000.5 });
    const result = await (clients.sofia as Client).data<{
      setAccountRevenue: { data: { revenue: { year: number; amount: number }[] } };
    }>(REVENUE, { id, year: 2021, amount: 2_450_000.25 });
    const revenue = result.setAccountRevenue.data.revenue;
    expect(revenue.filter((r) => r.year === 2021)).toEqual([{ year: 2021, amount: 2_450_000.25 }]);
    expect(revenue.find((r) => r.year === 2025)).toEqual({ year: 2025, amount: 1_930_000 });
    expect(revenue.map((r) => r.year)).toEqual([...revenue.map((r) => r.year)].sort((a, b) => b - a));
    const refused = await (clients.luis as Client).data<{ setAccountRevenue: unknown }>(REVENUE, {
      id,
      year: 2021,
      amount: 1,
    });
    expect(refused.setAccountRevenue).toMatchObject({ __typename: 'NotFoundError' });
  });
});
