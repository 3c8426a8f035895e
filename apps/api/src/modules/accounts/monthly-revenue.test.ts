import { addToMonth, monthOf } from '@clave/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/helpers.js';
import { ACCOUNT_IDS } from '../kpis/kpi-test-helpers.js';
import { MONTHS, RECORD } from './revenue.fixtures.js';

/*
 * Actual revenue by month (issue 13): recorded by hand or by API token, all months or none, each
 * month an upsert, and a year with months is their sum. On Coop Valle Verde (ana's, Marta's team),
 * for 2023: the demo has a yearly figure for it (2,050,000) and no months.
 */

const SET_YEAR = `mutation($id: ID!, $year: Int!, $amount: Float!) {
  setAccountRevenue(accountId: $id, year: $year, amount: $amount) {
    __typename ... on Error { code } ... on ValidationError { issues { path message } }
  }
}`;

interface Recorded {
  recordMonthlyRevenue: {
    __typename: string;
    code?: string;
    message?: string;
    issues?: { path: string[]; message: string }[];
    data?: { month: string; amount: number; updatedAt: string }[];
    account?: { name: string; revenue: { year: number; amount: number }[] };
  };
}
interface Months {
  node: {
    monthlyRevenue: { month: string; amount: number }[];
    revenue: { year: number; amount: number }[];
  } | null;
}

const thisMonth = monthOf(new Date());

let t: TestApp;
let ana: Client;
let ids: Record<string, string>;
let coop = '';

beforeAll(async () => {
  t = await createTestApp();
  ana = await t.as('ana');
  const admin = await t.as('admin');
  ids = Object.fromEntries(
    (
      await admin.data<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(ACCOUNT_IDS)
    ).accounts.edges.map((e) => [e.node.name, e.node.id]),
  );
  coop = ids['Coop Valle Verde'] as string;
});
afterAll(() => t.close());

const record = (client: Client, accountId: string, months: { month: string; amount: number }[]) =>
  client.data<Recorded>(RECORD, { input: { accountId, months } });
const read = async (client: Client, id: string, from = '2023-01', to = '2023-12') =>
  (await client.data<Months>(MONTHS, { id, from, to })).node;
const yearOf = (node: Months['node'], year: number) => node?.revenue.find((r) => r.year === year)?.amount;

async function auditRows(entityType: string): Promise<number> {
  const [row] = await t.app.orm.em
    .fork()
    .getConnection()
    .execute(`select count(*) as n from audit_entry where entity_type = '${entityType}'`);
  return Number((row as { n: number | string }).n);
}

describe('recordMonthlyRevenue', () => {
  it('stores the months, reads them back in month order, and makes the year their sum', async () => {
    expect(yearOf(await read(ana, coop), 2023)).toBe(2_050_000);
    const auditBefore = await auditRows('AccountMonthlyRevenue');
    const result = await record(ana, coop, [
      { month: '2023-03', amount: 180_000.5 },
      { month: '2023-01', amount: 150_000 },
      { month: '2023-02', amount: 0.1 },
    ]);
    expect(result.recordMonthlyRevenue.__typename).toBe('RecordMonthlyRevenueSuccess');
    expect(result.recordMonthlyRevenue.data?.map((m) => [m.month, m.amount])).toEqual([
      ['2023-01', 150_000],
      ['2023-02', 0.1],
      ['2023-03', 180_000.5],
    ]);
    // The year is the sum of its months, in the same answer and on every later read.
    expect(result.recordMonthlyRevenue.account?.revenue.find((r) => r.year === 2023)?.amount).toBe(330_000.6);
    const node = await read(ana, coop);
    expect(node?.monthlyRevenue).toEqual([
      { month: '2023-01', amount: 150_000 },
      { month: '2023-02', amount: 0.1 },
      { month: '2023-03', amount: 180_000.5 },
    ]);
    expect(yearOf(node, 2023)).toBe(330_000.6);
    // Other years keep their figures.
    expect(yearOf(node, 2022)).toBe(1_900_000);
    expect(await auditRows('AccountMonthlyRevenue')).toBe(auditBefore + 3);
  });

  it('is an upsert: re-sending the same months changes nothing; a corrected month replaces its value', async () => {
    const months = [
      { month: '2023-04', amount: 10 },
      { month: '2023-05', amount: 20 },
    ];
    await record(ana, coop, months);
    const audit = await auditRows('AccountMonthlyRevenue');
    const yearly = await auditRows('AccountRevenue');
    const again = await record(ana, coop, months);
    expect(again.recordMonthlyRevenue.__typename).toBe('RecordMonthlyRevenueSuccess');
    expect(await auditRows('AccountMonthlyRevenue')).toBe(audit);
    expect(await auditRows('AccountRevenue')).toBe(yearly);
    const node = await read(ana, coop, '2023-04', '2023-05');
    expect(node?.monthlyRevenue).toEqual(months);
    await record(ana, coop, [{ month: '2023-05', amount: 25.5 }]);
    const corrected = await read(ana, coop);
    expect(corrected?.monthlyRevenue.filter((m) => m.month === '2023-05')).toEqual([
      { month: '2023-05', amount: 25.5 },
    ]);
    expect(yearOf(corrected, 2023)).toBe(330_000.6 + 10 + 25.5);
    expect(await auditRows('AccountMonthlyRevenue')).toBe(audit + 1);
  });

  const BAD: [string, { month: string; amount: number }, string[]][] = [
    ['a month before 2000-01', { month: '1999-12', amount: 1 }, ['months', '2', 'month']],
    ['a future month', { month: addToMonth(thisMonth, 1), amount: 1 }, ['months', '2', 'month']],
    ['a month in 2099', { month: '2099-01', amount: 1 }, ['months', '2', 'month']],
    ['not a month', { month: '2023-13', amount: 1 }, ['months', '2', 'month']],
    ['a negative amount', { month: '2023-08', amount: -1 }, ['months', '2', 'amount']],
    ['three decimals', { month: '2023-08', amount: 1.005 }, ['months', '2', 'amount']],
    ['an amount above 10^12', { month: '2023-08', amount: 1e13 }, ['months', '2', 'amount']],
    ['a month given twice', { month: '2023-06', amount: 1 }, ['months', '2', 'month']],
  ];
  it.each(BAD)(
    'refuses %s with a ValidationError on that field, and stores none of the months',
    async (_what, bad, path) => {
      const before = await read(ana, coop, '2023-01', thisMonth);
      const result = await record(ana, coop, [
        { month: '2023-06', amount: 99 },
        { month: '2023-07', amount: 99 },
        bad,
      ]);
      expect(result.recordMonthlyRevenue.__typename).toBe('ValidationError');
      expect(result.recordMonthlyRevenue.issues?.map((i) => i.path)).toEqual([path]);
      expect(await read(ana, coop, '2023-01', thisMonth)).toEqual(before);
    },
  );

  it('names the problem in the caller language', async () => {
    const es = await t.as('ana', 'es');
    const result = await record(es, coop, [{ month: '1999-12', amount: 1 }]);
    expect(result.recordMonthlyRevenue.issues?.[0]?.message).toBe(
      'Debe ser un mes entre 2000-01 y el mes actual',
    );
  });

  it('accepts the current month and 2000-01, and 1 to 36 months per call', async () => {
    const accepted = await record(ana, coop, [
      { month: thisMonth, amount: 1 },
      { month: '2000-01', amount: 2 },
    ]);
    expect(accepted.recordMonthlyRevenue.__typename).toBe('RecordMonthlyRevenueSuccess');
    const none = await record(ana, coop, []);
    expect(none.recordMonthlyRevenue.issues?.map((i) => i.path)).toEqual([['months']]);
    const many = Array.from({ length: 37 }, (_, i) => ({ month: addToMonth('2010-01', i), amount: 1 }));
    expect((await record(ana, coop, many)).recordMonthlyRevenue.issues?.map((i) => i.path)).toEqual([
      ['months'],
    ]);
  });

  it('stores a month once when two people record it for the first time at the same moment', async () => {
    const marta = await t.as('marta');
    const months = [
      { month: '2022-07', amount: 7 },
      { month: '2022-08', amount: 8 },
    ];
    const results = await Promise.all([record(ana, coop, months), record(marta, coop, months)]);
    expect(results.map((r) => r.recordMonthlyRevenue.__typename)).toEqual([
      'RecordMonthlyRevenueSuccess',
      'RecordMonthlyRevenueSuccess',
    ]);
    const node = await read(ana, coop, '2022-01', '2022-12');
    expect(node?.monthlyRevenue).toEqual(months);
    expect(yearOf(node, 2022)).toBe(15);
  });

  it('refuses an archived account', async () => {
    const marta = await t.as('marta');
    const id = ids['Distribuciones Cantábrico'] as string;
    await marta.data('mutation($id: ID!) { archiveAccount(id: $id) { __typename } }', { id });
    const result = await record(marta, id, [{ month: '2023-01', amount: 1 }]);
    expect(result.recordMonthlyRevenue).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION' });
  });
});

describe('setAccountRevenue and months', () => {
  it('refuses a year that has months, naming `year`; other years still take a yearly figure', async () => {
    const refused = await ana.data<{
      setAccountRevenue: { __typename: string; issues: { path: string[]; message: string }[] };
    }>(SET_YEAR, { id: coop, year: 2023, amount: 5 });
    expect(refused.setAccountRevenue.__typename).toBe('ValidationError');
    expect(refused.setAccountRevenue.issues).toEqual([
      { path: ['year'], message: 'This year has monthly revenue: record its months instead' },
    ]);
    expect(yearOf(await read(ana, coop), 2023)).not.toBe(5);
    const accepted = await ana.data<{ setAccountRevenue: { __typename: string } }>(SET_YEAR, {
      id: coop,
      year: 2021,
      amount: 5,
    });
    expect(accepted.setAccountRevenue.__typename).toBe('SetAccountRevenueSuccess');
  });
});

describe('Account.monthlyRevenue', () => {
  it('reads the last 24 months up to the current one by default', async () => {
    const data = await ana.data<{ node: { monthlyRevenue: { month: string }[] } }>(
      'query($id: ID!) { node(id: $id) { ... on Account { monthlyRevenue { month } } } }',
      { id: ids['Supermercados Alba'] },
    );
    const months = data.node.monthlyRevenue.map((m) => m.month);
    expect(months.length).toBeGreaterThan(0);
    expect(months[0] && months[0] >= addToMonth(thisMonth, -23)).toBe(true);
    expect(months.at(-1) && (months.at(-1) as string) <= thisMonth).toBe(true);
    expect(months).toEqual([...months].sort());
  });

  it.each([
    ['a malformed month', { from: '2023-1' }, 'from'],
    ['from after to', { from: '2023-05', to: '2023-04' }, 'from'],
    ['more than 120 months', { from: '2010-01', to: '2020-01' }, 'from'],
  ])('refuses %s with a validation error', async (_what, args, field) => {
    const result = await ana.gql(MONTHS, { id: coop, ...args });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', issues: [{ path: [field] }] });
  });

  it('costs one query for a page of accounts', async () => {
    const marta = await t.as('marta');
    t.resetQueries();
    const data = await marta.data<{ accounts: { edges: { node: { monthlyRevenue: unknown[] } }[] } }>(
      '{ accounts(first: 20) { edges { node { monthlyRevenue(from: "2025-01", to: "2025-12") { month amount } } } } }',
    );
    expect(data.accounts.edges.length).toBeGreaterThan(3);
    expect(t.queries.filter((q) => q.includes('account_monthly_revenue'))).toHaveLength(1);
  });
});
