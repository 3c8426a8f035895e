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
  forecast { periodStart value slopePerPeriod pointsUsed }`;

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
