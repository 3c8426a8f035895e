import { addDays } from '@clave/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/helpers.js';
import { accountIds, countRows, customKpi, kpisOf, RECORD } from './kpi-test-helpers.js';

const SERIES = `query($id: ID!, $from: String!, $to: String!) {
  node(id: $id) { ... on KpiDefinition { measurements(from: $from, to: $to) { periodStart value source } } }
}`;

interface Issue {
  path: string[];
  message: string;
}
interface RecordResult {
  recordKpiMeasurements: {
    __typename: string;
    data?: { stored: number; created: number; updated: number };
    code?: string;
    issues?: Issue[];
  };
}

let t: TestApp;
const c: Record<string, Client> = {};
let ids: Record<string, string> = {};
/** Long series start years back: KPI periods may not lie past the current period. */
const MONDAY = '2018-01-01';

function weeks(kpiDefinitionId: string, count: number, value: (i: number) => number) {
  return Array.from({ length: count }, (_, i) => ({
    kpiDefinitionId,
    periodStart: addDays(MONDAY, 7 * i),
    value: value(i),
  }));
}

const record = (who: string, measurements: unknown[]) =>
  (c[who] as Client).data<RecordResult>(RECORD, { input: { measurements } });

beforeAll(async () => {
  t = await createTestApp();
  for (const who of ['ana', 'luis', 'sofia', 'marta', 'jorge', 'admin']) c[who] = await t.as(who);
  ids = await accountIds(c.admin as Client);
});
afterAll(() => t.close());

describe('recording measurements in bulk (SPEC "KPI measurement")', () => {
  it('stores 520 points once and replaces their values when the same periods are sent again', async () => {
    const account = ids['Distribuciones Cantábrico'] as string;
    const kpis = [
      await customKpi(c.ana as Client, account, { name: 'A' }),
      await customKpi(c.ana as Client, account, { name: 'B' }),
      await customKpi(c.ana as Client, account, { name: 'C' }),
      await customKpi(c.ana as Client, account, { name: 'D' }),
    ];
    const rowsBefore = await countRows(t, 'kpi_measurement');
    const auditBefore = await countRows(t, 'audit_entry');
    const first = kpis.flatMap((id) => weeks(id, 130, (i) => i));
    expect((await record('ana', first)).recordKpiMeasurements.data).toEqual({
      stored: 520,
      created: 520,
      updated: 0,
    });
    const again = kpis.flatMap((id) => weeks(id, 130, (i) => 1000 + i));
    expect((await record('ana', again)).recordKpiMeasurements.data).toEqual({
      stored: 520,
      created: 0,
      updated: 520,
    });
    expect(await countRows(t, 'kpi_measurement')).toBe(rowsBefore + 520);
    // per call, one audit row for the batch and one per KPI (its values before and after), not one per point
    expect(await countRows(t, 'audit_entry')).toBe(auditBefore + 2 * (1 + kpis.length));
    const series = await (c.ana as Client).data<{ node: { measurements: { value: number }[] } }>(SERIES, {
      id: kpis[2],
      from: MONDAY,
      to: '2020-12-31',
    });
    expect(series.node.measurements).toHaveLength(130);
    expect(series.node.measurements[129]?.value).toBe(1129);
  });

  it('takes the maximum batch of 10 000 points in one call, in one audit row per KPI and one for the batch', async () => {
    const account = ids['Distribuciones Cantábrico'] as string;
    const daily: string[] = [];
    for (let k = 0; k < 10; k++)
      daily.push(await customKpi(c.ana as Client, account, { frequency: 'DAILY' }));
    const measurements = daily.flatMap((id) =>
      Array.from({ length: 1000 }, (_, i) => ({
        kpiDefinitionId: id,
        periodStart: addDays(MONDAY, i),
        value: i,
      })),
    );
    const auditBefore = await countRows(t, 'audit_entry');
    const result = await record('ana', measurements);
    expect(result.recordKpiMeasurements.data).toEqual({ stored: 10_000, created: 10_000, updated: 0 });
    expect(await countRows(t, 'audit_entry')).toBe(auditBefore + 1 + daily.length);
  });

  it("files any day under its period's start (a Wednesday under its Monday) and replaces it", async () => {
    const id = await customKpi(c.ana as Client, ids['Coop Valle Verde'] as string);
    await record('ana', [{ kpiDefinitionId: id, periodStart: '2024-01-03', value: 5 }]);
    const second = await record('ana', [{ kpiDefinitionId: id, periodStart: '2024-01-07', value: 6 }]);
    expect(second.recordKpiMeasurements.data).toEqual({ stored: 1, created: 0, updated: 1 });
    const series = await (c.ana as Client).data<{ node: { measurements: unknown[] } }>(SERIES, {
      id,
      from: '2023-12-01',
      to: '2024-02-01',
    });
    expect(series.node.measurements).toEqual([{ periodStart: '2024-01-01', value: 6, source: 'MANUAL' }]);
  });

  it('refuses two rows of one batch that fall in the same period, naming the later row', async () => {
    const id = await customKpi(c.ana as Client, ids['Coop Valle Verde'] as string);
    const result = await record('ana', [
      { kpiDefinitionId: id, periodStart: '2024-02-05', value: 1 },
      { kpiDefinitionId: id, periodStart: '2024-02-06', value: 2 },
    ]);
    expect(result.recordKpiMeasurements.issues).toEqual([
      {
        path: ['measurements', '1', 'periodStart'],
        message: 'Another row of this batch falls in the same period of the same KPI',
      },
    ]);
  });

  it('fails the whole batch on one bad row, naming its index, and stores nothing', async () => {
    const id = await customKpi(c.ana as Client, ids['Coop Valle Verde'] as string);
    const rows: unknown[] = weeks(id, 300, (i) => i);
    rows[137] = { kpiDefinitionId: id, periodStart: '2024-02-30', value: 1 };
    const rowsBefore = await countRows(t, 'kpi_measurement');
    const auditBefore = await countRows(t, 'audit_entry');
    const result = await record('ana', rows);
    expect(result.recordKpiMeasurements.__typename).toBe('ValidationError');
    expect(result.recordKpiMeasurements.issues?.map((i) => i.path)).toEqual([
      ['measurements', '137', 'periodStart'],
    ]);
    expect(await countRows(t, 'kpi_measurement')).toBe(rowsBefore);
    expect(await countRows(t, 'audit_entry')).toBe(auditBefore);
  });

  it('names every row whose KPI the caller may not write, and stores none of the batch', async () => {
    const mine = await customKpi(c.sofia as Client, ids['Cesta Online'] as string);
    const [alba] = await kpisOf(c.ana as Client, ids['Supermercados Alba'] as string);
    const rowsBefore = await countRows(t, 'kpi_measurement');
    const result = await record('sofia', [
      { kpiDefinitionId: mine, periodStart: '2024-03-04', value: 1 },
      { kpiDefinitionId: alba?.id, periodStart: '2024-03-04', value: 1 },
      { kpiDefinitionId: 'not-an-id', periodStart: '2024-03-04', value: 1 },
    ]);
    expect(result.recordKpiMeasurements.issues).toEqual([
      {
        path: ['measurements', '1', 'kpiDefinitionId'],
        message: 'No KPI you may record measurements for has this id',
      },
      { path: ['measurements', '2', 'kpiDefinitionId'], message: 'The input is not valid' },
    ]);
    expect(await countRows(t, 'kpi_measurement')).toBe(rowsBefore);
  });

  it('tells an admin, who may read every KPI, that they may not record values, in Spanish', async () => {
    const [alba] = await kpisOf(c.ana as Client, ids['Supermercados Alba'] as string);
    const admin = await t.as('admin', 'es');
    const result = await admin.data<RecordResult>(RECORD, {
      input: { measurements: [{ kpiDefinitionId: alba?.id, periodStart: '2024-03-04', value: 1 }] },
    });
    expect(result.recordKpiMeasurements.issues).toEqual([
      {
        path: ['measurements', '0', 'kpiDefinitionId'],
        message: 'Puedes consultar este KPI, pero no registrar mediciones en él',
      },
    ]);
  });

  it('refuses values for an archived KPI', async () => {
    const id = await customKpi(c.ana as Client, ids['Coop Valle Verde'] as string);
    await (c.ana as Client).data('mutation($id: ID!) { archiveKpiDefinition(id: $id) { __typename } }', {
      id,
    });
    const result = await record('ana', [{ kpiDefinitionId: id, periodStart: '2024-03-04', value: 1 }]);
    expect(result.recordKpiMeasurements.issues?.[0]?.message).toBe(
      'The KPI is archived and takes no more measurements',
    );
  });

  it('refuses an empty batch and values that are not numbers', async () => {
    const empty = await record('ana', []);
    expect(empty.recordKpiMeasurements.issues?.[0]?.path).toEqual(['measurements']);
    const id = await customKpi(c.ana as Client, ids['Coop Valle Verde'] as string);
    const huge = await (c.ana as Client).gql(RECORD, {
      input: { measurements: [{ kpiDefinitionId: id, periodStart: '2024-03-04', value: 'many' }] },
    });
    expect(huge.errors?.length).toBeGreaterThan(0);
  });

  it('lets the manager and a supporting KAM record on the account, but not a KAM of the same team who does not', async () => {
    const id = await customKpi(c.ana as Client, ids['Supermercados Alba'] as string);
    const row = (periodStart: string) => [{ kpiDefinitionId: id, periodStart, value: 3 }];
    expect((await record('luis', row('2024-04-01'))).recordKpiMeasurements.data?.stored).toBe(1);
    expect((await record('marta', row('2024-04-08'))).recordKpiMeasurements.data?.stored).toBe(1);
    expect((await record('jorge', row('2024-04-15'))).recordKpiMeasurements.issues?.[0]?.message).toBe(
      'No KPI you may record measurements for has this id',
    );
    const coop = await customKpi(c.ana as Client, ids['Coop Valle Verde'] as string);
    const luis = await record('luis', [{ kpiDefinitionId: coop, periodStart: '2024-04-01', value: 1 }]);
    expect(luis.recordKpiMeasurements.__typename).toBe('ValidationError');
  });
});
