import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, newToken, type TestApp } from '../../../test/helpers.js';
import { ACCOUNT_IDS } from '../kpis/kpi-test-helpers.js';
import { MONTHS, RECORD } from './revenue.fixtures.js';

/*
 * Who may record and read monthly revenue and the company's figures (SPEC "Who may do what", issue
 * 13), on Coop Valle Verde: owned by ana, in Marta's Retail team; luis is in the same team but does
 * not support it; sofia is in Jorge's team. Through sessions and API tokens.
 */

const COMPANY = '{ company { currency shareYear revenueYears { year totalRevenue keyAccountRevenue } } }';
const SET_COMPANY_REVENUE = `mutation($input: SetCompanyRevenueInput!) {
  setCompanyRevenue(input: $input) { __typename ... on Error { code } }
}`;
const UPDATE_SETTINGS = `mutation($input: UpdateCompanySettingsInput!) {
  updateCompanySettings(input: $input) { __typename ... on Error { code } }
}`;
const RECORD_TYPENAME = `mutation($input: RecordMonthlyRevenueInput!) {
  recordMonthlyRevenue(input: $input) { __typename ... on Error { code } }
}`;

type Who = 'ana' | 'luis' | 'sofia' | 'marta' | 'jorge' | 'admin';
let t: TestApp;
const c = {} as Record<Who, Client>;
let coop = '';

beforeAll(async () => {
  t = await createTestApp();
  for (const who of ['ana', 'luis', 'sofia', 'marta', 'jorge', 'admin'] as Who[]) c[who] = await t.as(who);
  const data = await c.admin.data<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
    ACCOUNT_IDS,
  );
  coop = data.accounts.edges.find((e) => e.node.name === 'Coop Valle Verde')?.node.id as string;
});
afterAll(() => t.close());

/** A client that authenticates with an API token of `owner`'s user. */
async function tokenClient(owner: Client, scopes: string[]): Promise<Client> {
  const secret = await newToken(owner, scopes);
  const client = t.anonymous();
  const gql = client.gql.bind(client);
  client.gql = (query, variables = {}, init = {}) =>
    gql(query, variables, { headers: { ...init.headers, authorization: `Bearer ${secret}` } });
  return client;
}

//   who       reads and records the account's months   denied looks like   company figures   company settings
const MATRIX: [Who, string, boolean, string, boolean, boolean][] = [
  ['ana', 'owner KAM', true, '', false, false],
  ['luis', 'other KAM of the same team', false, 'NOT_FOUND', false, false],
  ['sofia', 'KAM of another team', false, 'NOT_FOUND', false, false],
  ['marta', 'the manager', true, '', true, false],
  ['jorge', 'the other manager', false, 'NOT_FOUND', true, false],
  ['admin', 'admin', true, '', true, true],
];

describe.each(MATRIX)('%s (%s)', (who, _role, works, deniedCode, companyFigures, settings) => {
  it(`${works ? 'records' : 'may not record'} the account's monthly revenue`, async () => {
    const result = await c[who].data<{ recordMonthlyRevenue: { __typename: string; code?: string } }>(
      RECORD_TYPENAME,
      { input: { accountId: coop, months: [{ month: '2024-02', amount: 1000 }] } },
    );
    if (works) expect(result.recordMonthlyRevenue.__typename).toBe('RecordMonthlyRevenueSuccess');
    else expect(result.recordMonthlyRevenue.code).toBe(deniedCode);
  });

  it(`${works ? 'reads' : 'cannot see'} the account's monthly revenue`, async () => {
    const data = await c[who].data<{ node: { monthlyRevenue: { month: string }[] } | null }>(MONTHS, {
      id: coop,
      from: '2024-01',
      to: '2024-12',
    });
    if (works) expect(data.node?.monthlyRevenue.map((m) => m.month)).toContain('2024-02');
    else expect(data.node).toBeNull();
  });

  it(`reads the company's currency and share year, and ${companyFigures ? 'its' : 'not its'} revenue per year`, async () => {
    const data = await c[who].data<{
      company: { currency: string; shareYear: number; revenueYears: unknown[] };
    }>(COMPANY);
    expect(data.company.currency).toBe('EUR');
    expect(data.company.shareYear).toBe(2025);
    expect(data.company.revenueYears.length > 0).toBe(companyFigures);
  });

  it(`${settings ? 'may' : 'may not'} set the company's total revenue and settings`, async () => {
    const revenue = await c[who].data<{ setCompanyRevenue: { __typename: string; code?: string } }>(
      SET_COMPANY_REVENUE,
      { input: { year: 2023, totalRevenue: 60_000_000 } },
    );
    const updated = await c[who].data<{ updateCompanySettings: { __typename: string; code?: string } }>(
      UPDATE_SETTINGS,
      { input: { currency: 'EUR' } },
    );
    if (settings) {
      expect(revenue.setCompanyRevenue.__typename).toBe('SetCompanyRevenueSuccess');
      expect(updated.updateCompanySettings.__typename).toBe('UpdateCompanySettingsSuccess');
    } else {
      expect(revenue.setCompanyRevenue.code).toBe('FORBIDDEN');
      expect(updated.updateCompanySettings.code).toBe('FORBIDDEN');
    }
  });
});

describe('API tokens', () => {
  const input = { accountId: '', months: [{ month: '2024-03', amount: 2000 }] };

  it('with write:revenue record their user’s accounts; with read:accounts they read them back', async () => {
    const token = await tokenClient(c.ana, ['WRITE_REVENUE', 'READ_ACCOUNTS']);
    const result = await token.data<{
      recordMonthlyRevenue: { __typename: string; data: { month: string }[] };
    }>(RECORD, { input: { ...input, accountId: coop } });
    expect(result.recordMonthlyRevenue.__typename).toBe('RecordMonthlyRevenueSuccess');
    expect(result.recordMonthlyRevenue.data.map((m) => m.month)).toEqual(['2024-03']);
    const read = await token.data<{ node: { monthlyRevenue: { month: string }[] } }>(MONTHS, {
      id: coop,
      from: '2024-03',
      to: '2024-03',
    });
    expect(read.node.monthlyRevenue).toEqual([{ month: '2024-03', amount: 2000 }]);
  });

  it('with write:revenue alone record, but do not read the months back', async () => {
    const token = await tokenClient(c.ana, ['WRITE_REVENUE']);
    const result = await token.data<{ recordMonthlyRevenue: { __typename: string } }>(RECORD_TYPENAME, {
      input: { ...input, accountId: coop },
    });
    expect(result.recordMonthlyRevenue.__typename).toBe('RecordMonthlyRevenueSuccess');
    const read = await token.gql(MONTHS, { id: coop });
    expect(read.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', scope: 'read:accounts' });
  });

  it('without write:revenue may not record (read:accounts is not enough)', async () => {
    const token = await tokenClient(c.ana, ['READ_ACCOUNTS', 'WRITE_KPIS']);
    const result = await token.gql(RECORD_TYPENAME, { input: { ...input, accountId: coop } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', scope: 'write:revenue' });
    expect(result.data?.recordMonthlyRevenue).toBeUndefined();
  });

  it('never do more than their user: luis’s token does not find ana’s account', async () => {
    const token = await tokenClient(c.luis, ['WRITE_REVENUE', 'READ_ACCOUNTS']);
    const result = await token.data<{ recordMonthlyRevenue: { code: string } }>(RECORD_TYPENAME, {
      input: { ...input, accountId: coop },
    });
    expect(result.recordMonthlyRevenue.code).toBe('NOT_FOUND');
  });

  it('read the company; its revenue per year only with read:accounts and a manager’s or admin’s rights', async () => {
    const kpisOnly = await tokenClient(c.admin, ['READ_KPIS']);
    const bare = await kpisOnly.data<{ company: { currency: string; revenueYears: unknown[] } }>(COMPANY);
    expect(bare.company).toMatchObject({ currency: 'EUR', revenueYears: [] });
    const reader = await tokenClient(c.admin, ['READ_ACCOUNTS']);
    const full = await reader.data<{ company: { revenueYears: unknown[] } }>(COMPANY);
    expect(full.company.revenueYears.length).toBeGreaterThan(0);
    const kam = await tokenClient(c.ana, ['READ_ACCOUNTS']);
    expect((await kam.data<{ company: { revenueYears: unknown[] } }>(COMPANY)).company.revenueYears).toEqual(
      [],
    );
  });

  it('may not change the company, not even an admin’s', async () => {
    const token = await tokenClient(c.admin, ['READ_ACCOUNTS', 'WRITE_REVENUE']);
    for (const [query, variables] of [
      [SET_COMPANY_REVENUE, { input: { year: 2023, totalRevenue: 70_000_000 } }],
      [UPDATE_SETTINGS, { input: { currency: 'USD' } }],
    ] as const) {
      const result = await token.gql(query, variables);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('without a session', () => {
  it('sees nothing and records nothing', async () => {
    const anonymous = t.anonymous();
    expect((await anonymous.gql(COMPANY)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const result = await anonymous.gql(RECORD_TYPENAME, {
      input: { accountId: coop, months: [{ month: '2024-02', amount: 1 }] },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
