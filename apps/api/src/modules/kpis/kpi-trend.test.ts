import { kpiTrend } from '@clave/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/helpers.js';
import { accountIds, customKpi, kpisOf, RECORD } from './kpi-test-helpers.js';

const TREND_FIELDS = `
  from to frequency gapCount movingAverageWindow
  points { periodStart value }
  movingAverage { periodStart value }
  latest { periodStart value }
  changeVsPrevious { basePeriodStart base absolute relative }
  changeVsLastYear { basePeriodStart base absolute relative }
  attainment { ratio met }
  status
  forecast { periodStart value slopePerPeriod pointsUsed points { periodStart value } }`;

const TREND = `query($id: ID!, $months: Int, $from: String, $to: String, $ma: Int, $forecastTo: String) {
  node(id: $id) {
    ... on KpiDefinition {
      trend(months: $months, from: $from, to: $to, movingAverageWindow: $ma, forecastTo: $forecastTo) { ${TREND_FIELDS} }
      latest { periodStart value status attainment { ratio met } }
    }
  }
}`;

const MANY_TRENDS = `query($ids: [ID!]!) {
  nodes(ids: $ids) { ... on KpiDefinition { name trend(months: 6) { status latest { value } points { value } } latest { status } } }
}`;

const ACCOUNT_TRENDS = `query($first: Int) {
  accounts(first: $first) { edges { node { name kpis { name trend(months: 3) { status } latest { value status } } } } }
}`;

let t: TestApp;
const c: Record<string, Client> = {};
let ids: Record<string, string> = {};

/** A small hand-made weekly series: a gap on 2025-01-13 and a value a year (52 weeks) before the last. */
const SERIES: [string, number][] = [
  ['2024-02-05', 80],
  ['2025-01-06', 100],
  ['2025-01-20', 95],
  ['2025-01-27', 85],
  ['2025-02-03', 88],
];

async function seriesKpi(fields: Record<string, unknown>, series: [string, number][]): Promise<string> {
  const id = await customKpi(c.ana as Client, ids['Coop Valle Verde'] as string, fields);
  const measurements = series.map(([periodStart, value]) => ({ kpiDefinitionId: id, periodStart, value }));
  await (c.ana as Client).data(RECORD, { input: { measurements } });
  return id;
}

type Trend = Record<string, unknown> & { status: string | null };
async function trend(id: string, variables: Record<string, unknown>) {
  const data = await (c.ana as Client).data<{
    node: { trend: Trend; latest: { status: string | null; value: number } | null };
  }>(TREND, { id, ...variables });
  return data.node;
}

beforeAll(async () => {
  t = await createTestApp();
  for (const who of ['ana', 'admin']) c[who] = await t.as(who);
  ids = await accountIds(c.admin as Client);
});
afterAll(() => t.close());

describe('KPI trend (SPEC "KPI trend", computed by the domain package)', () => {
  it('returns the window with gaps as null and the numbers of the domain math', async () => {
    const thresholds = { target: 100, amberThreshold: 90, redThreshold: 80 };
    const id = await seriesKpi(thresholds, SERIES);
    const { trend: result } = await trend(id, { from: '2025-01-06', to: '2025-02-09', ma: 2 });
    expect(result.points).toEqual([
      { periodStart: '2025-01-06', value: 100 },
      { periodStart: '2025-01-13', value: null },
      { periodStart: '2025-01-20', value: 95 },
      { periodStart: '2025-01-27', value: 85 },
      { periodStart: '2025-02-03', value: 88 },
    ]);
    expect(result).toMatchObject({
      gapCount: 1,
      latest: { periodStart: '2025-02-03', value: 88 },
      status: 'AMBER',
      attainment: { ratio: 0.88, met: false },
      changeVsPrevious: { basePeriodStart: '2025-01-27', base: 85, absolute: 3 },
      changeVsLastYear: { basePeriodStart: '2024-02-05', base: 80, absolute: 8, relative: 0.1 },
    });
    // the year-old value feeds the moving average at the start of the window: (80 + 100) / 2
    expect((result.movingAverage as { value: number | null }[]).map((p) => p.value)).toEqual([
      90,
      null,
      97.5,
      90,
      86.5,
    ]);
    const domain = kpiTrend(
      {
        direction: 'HIGHER_IS_BETTER',
        frequency: 'WEEKLY',
        target: 100,
        amberThreshold: 90,
        redThreshold: 80,
      },
      SERIES.map(([periodStart, value]) => ({ periodStart, value })),
      { from: '2025-01-06', to: '2025-02-09', movingAverageWindow: 2 },
    );
    expect(result).toMatchObject({
      changeVsPrevious: domain.changeFromPreviousPeriod,
      changeVsLastYear: domain.changeFromLastYear,
      forecast: domain.forecast,
      movingAverage: domain.movingAverage,
    });
  });

  it.each([
    [82, 'AMBER'],
    [79.5, 'RED'],
    [90, 'GREEN'],
  ])('gives %s the status %s when higher is better (amber 90, red 80)', async (value, status) => {
    const id = await seriesKpi({ amberThreshold: 90, redThreshold: 80 }, [['2025-03-03', value]]);
    const node = await trend(id, { from: '2025-03-01', to: '2025-03-31' });
    expect(node.trend.status).toBe(status);
    expect(node.latest?.status).toBe(status);
  });

  it.each([
    [14, 'GREEN'],
    [20, 'AMBER'],
    [25, 'RED'],
  ])(
    'gives %s days of inventory the status %s when lower is better (amber 18, red 24)',
    async (value, status) => {
      const fields = {
        direction: 'LOWER_IS_BETTER',
        unit: 'days',
        target: 14,
        amberThreshold: 18,
        redThreshold: 24,
      };
      const id = await seriesKpi(fields, [['2025-03-03', value]]);
      const node = await trend(id, { from: '2025-03-01', to: '2025-03-31' });
      expect(node.trend.status).toBe(status);
      expect(node.latest?.status).toBe(status);
    },
  );

  it('defaults to the last 12 calendar months and compares with a year before', async () => {
    const kpis = await kpisOf(c.ana as Client, ids['Supermercados Alba'] as string);
    const trends = await Promise.all(kpis.map(async (k) => (await trend(k.id, {})).trend));
    for (const result of trends) {
      expect((result.points as unknown[]).length).toBeGreaterThanOrEqual(48);
      expect(result.latest).not.toBeNull();
    }
    // the demo has a few random gaps, so a year-old base is missing now and then, but rarely
    const withBase = trends.filter((r) => (r.changeVsLastYear as { base: number | null }).base !== null);
    expect(withBase.length).toBeGreaterThanOrEqual(kpis.length - 2);
  });

  it('forecasts to a given date', async () => {
    const id = await seriesKpi({}, SERIES);
    const { trend: result } = await trend(id, {
      from: '2025-01-06',
      to: '2025-02-09',
      forecastTo: '2025-06-30',
    });
    expect(result.forecast).toMatchObject({ periodStart: '2025-06-30', pointsUsed: 4 });
  });

  it('refuses a window given both ways, or backwards, with a validation error', async () => {
    const id = await seriesKpi({}, [['2025-03-03', 1]]);
    const both = await (c.ana as Client).gql(TREND, { id, months: 3, from: '2025-01-01', to: '2025-02-01' });
    expect(both.errors?.[0]?.extensions?.code).toBe('VALIDATION');
    const backwards = await (c.ana as Client).gql(TREND, { id, from: '2025-03-01', to: '2025-01-01' });
    expect(backwards.errors?.[0]?.extensions?.code).toBe('VALIDATION');
  });

  it('shows the demo mix of statuses: some accounts red on OTIF', async () => {
    const otif = (await kpisOf(c.admin as Client, ids.HiperNorte as string)).find((k) => k.name === 'OTIF %');
    const node = await (c.admin as Client).data<{ node: { latest: { status: string } } }>(TREND, {
      id: otif?.id,
    });
    expect(node.node.latest.status).toBe('RED');
  });
});

describe('loading trends without N+1', () => {
  const statements = () => t.queries.filter((q) => /\b(select|insert|update|delete)\b/i.test(q)).length;

  it('runs as many SQL statements for the trends of 12 KPIs as for 2', async () => {
    const kpiIds = [
      ...(await kpisOf(c.admin as Client, ids['Supermercados Alba'] as string)),
      ...(await kpisOf(c.admin as Client, ids.HiperNorte as string)),
    ].map((k) => k.id);
    t.resetQueries();
    const two = await (c.admin as Client).data<{ nodes: unknown[] }>(MANY_TRENDS, {
      ids: kpiIds.slice(0, 2),
    });
    const forTwo = statements();
    t.resetQueries();
    const twelve = await (c.admin as Client).data<{ nodes: unknown[] }>(MANY_TRENDS, {
      ids: kpiIds.slice(0, 12),
    });
    const forTwelve = statements();
    expect(two.nodes).toHaveLength(2);
    expect(twelve.nodes).toHaveLength(12);
    expect(forTwelve).toBe(forTwo);
  });

  it('runs as many SQL statements for the KPI tiles of 12 accounts as for 2', async () => {
    t.resetQueries();
    await (c.admin as Client).data(ACCOUNT_TRENDS, { first: 2 });
    const forTwo = statements();
    t.resetQueries();
    await (c.admin as Client).data(ACCOUNT_TRENDS, { first: 12 });
    expect(statements()).toBe(forTwo);
    expect(forTwo).toBeLessThanOrEqual(10);
  });
});

describe("forecast to the active plan's end", () => {
  const PLAN_TREND = `query($id: ID!, $account: ID!, $toPlanEnd: Boolean, $forecastTo: String) {
    node(id: $id) {
      ... on KpiDefinition {
        trend(months: 3, forecastToPlanEnd: $toPlanEnd, forecastTo: $forecastTo) {
          to
          forecast { periodStart value slopePerPeriod points { periodStart value } }
        }
      }
    }
    account: node(id: $account) { ... on Account { activePlan { horizon { end } } } }
  }`;
  const ACCOUNTS_WITH_PLANS = `{ accounts(first: 100) { edges { node { id name activePlan { id } } } } }`;
  type Forecast = {
    periodStart: string;
    value: number;
    slopePerPeriod: number;
    points: { periodStart: string; value: number }[];
  };
  type Answer = {
    node: { trend: { to: string; forecast: Forecast | null } };
    account: { activePlan: { horizon: { end: string } } | null };
  };
  const month = (offset: number) => {
    const now = new Date();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
  };
  const monthsFrom = (a: string, b: string) =>
    (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));

  async function monthlyKpi(accountId: string): Promise<string> {
    const id = await customKpi(c.ana as Client, accountId, { frequency: 'MONTHLY', unit: 'k€' });
    const measurements = [
      [month(-2), 100],
      [month(-1), 110],
      [month(0), 120],
    ].map(([periodStart, value]) => ({ kpiDefinitionId: id, periodStart, value }));
    await (c.ana as Client).data(RECORD, { input: { measurements } });
    return id;
  }

  it("draws the fitted line month by month up to the last month of the account's active plan", async () => {
    const account = ids['Supermercados Alba'] as string;
    const id = await monthlyKpi(account);
    const answer = await (c.ana as Client).data<Answer>(PLAN_TREND, { id, account, toPlanEnd: true });
    const end = answer.account.activePlan?.horizon.end as string;
    expect(end > answer.node.trend.to).toBe(true);
    const forecast = answer.node.trend.forecast as Forecast;
    expect(forecast.periodStart).toBe(`${end.slice(0, 7)}-01`);
    expect(forecast.slopePerPeriod).toBeCloseTo(10, 9);
    expect(forecast.points).toHaveLength(monthsFrom(month(0), end));
    expect(forecast.points[0]).toEqual({ periodStart: month(1), value: expect.closeTo(130, 9) });
    expect(forecast.points.at(-1)).toEqual({ periodStart: forecast.periodStart, value: forecast.value });
  });

  it('stays on the next period for an account without an active plan', async () => {
    const accounts = await (c.ana as Client).data<{
      accounts: { edges: { node: { id: string; name: string; activePlan: { id: string } | null } }[] };
    }>(ACCOUNTS_WITH_PLANS);
    const withoutPlan = accounts.accounts.edges.find((e) => e.node.activePlan === null)?.node;
    expect(withoutPlan, 'Ana has an account without an active plan in the demo').toBeDefined();
    const account = withoutPlan?.id as string;
    const id = await monthlyKpi(account);
    const answer = await (c.ana as Client).data<Answer>(PLAN_TREND, { id, account, toPlanEnd: true });
    expect(answer.node.trend.forecast).toMatchObject({
      periodStart: month(1),
      points: [{ periodStart: month(1), value: expect.closeTo(130, 9) }],
    });
  });

  it('refuses a forecast date and the plan end together, naming the argument, in Spanish too', async () => {
    const account = ids['Supermercados Alba'] as string;
    const id = await monthlyKpi(account);
    const both = await (c.ana as Client).gql(PLAN_TREND, {
      id,
      account,
      toPlanEnd: true,
      forecastTo: '2030-01-01',
    });
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION' });
    expect(JSON.stringify(both.errors)).toContain('forecastToPlanEnd');
    const es = await t.as('ana', 'es');
    const inSpanish = await es.gql(PLAN_TREND, { id, account, toPlanEnd: true, forecastTo: '2030-01-01' });
    expect(JSON.stringify(inSpanish.errors)).toContain('fin del plan');
  });

  it('refuses a forecast absurdly far ahead', async () => {
    const account = ids['Supermercados Alba'] as string;
    const id = await customKpi(c.ana as Client, account, { frequency: 'DAILY', name: 'Daily test' });
    const far = await (c.ana as Client).gql(PLAN_TREND, { id, account, forecastTo: '2199-01-01' });
    expect(far.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION' });
  });
});
