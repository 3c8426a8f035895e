import { addDays } from '@clave/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, newToken, type TestApp } from '../../../test/helpers.js';
import { latestCalendarDay } from './kpi-measurement.service.js';
import { accountIds, countRows, customKpi, RECORD } from './kpi-test-helpers.js';

/*
 * Issue 14: KPI periods are bounded (1990-01-01 … end of the current period) wherever values are
 * written, and a stored value can be corrected or removed by whoever may record the account's
 * KPIs, with the old value kept in the audit trail. Coop Valle Verde: owned by ana, in Marta's
 * team; luis is in the same team but does not support it; sofia and jorge are in another team.
 */

const CORRECT = `mutation($input: CorrectKpiMeasurementInput!) {
  correctKpiMeasurement(input: $input) {
    __typename
    ... on CorrectKpiMeasurementSuccess { data { periodStart value source } }
    ... on Error { code message }
    ... on ValidationError { issues { path message } }
  }
}`;
const REMOVE = `mutation($input: RemoveKpiMeasurementInput!) {
  removeKpiMeasurement(input: $input) {
    __typename
    ... on RemoveKpiMeasurementSuccess { data { id latest { periodStart value } } }
    ... on Error { code message }
    ... on ValidationError { issues { path message } }
  }
}`;
const SERIES = `query($id: ID!) {
  node(id: $id) { ... on KpiDefinition { measurements(from: "1990-01-01", to: "2100-01-01") { periodStart value } } }
}`;

type Who = 'ana' | 'luis' | 'sofia' | 'marta' | 'jorge' | 'admin';
let t: TestApp;
const c = {} as Record<Who, Client>;
let account = '';

beforeAll(async () => {
  t = await createTestApp();
  for (const who of ['ana', 'luis', 'sofia', 'marta', 'jorge', 'admin'] as Who[]) c[who] = await t.as(who);
  account = (await accountIds(c.admin))['Coop Valle Verde'] as string;
});
afterAll(() => t.close());

async function record(who: Client, kpi: string, periodStart: string, value: number) {
  return who.data<{
    recordKpiMeasurements: { __typename: string; issues?: { path: unknown[]; message: string }[] };
  }>(RECORD, { input: { measurements: [{ kpiDefinitionId: kpi, periodStart, value }] } });
}

async function series(kpi: string): Promise<{ periodStart: string; value: number }[]> {
  const data = await c.ana.data<{ node: { measurements: { periodStart: string; value: number }[] } }>(
    SERIES,
    {
      id: kpi,
    },
  );
  return data.node.measurements;
}

async function auditOf(kpi: string): Promise<{ action: string; before: unknown; after: unknown }[]> {
  const id = Buffer.from(kpi, 'base64').toString().split(':')[1];
  const rows = await t.app.orm.em
    .fork()
    .getConnection()
    .execute(
      'select action, before, after from audit_entry where entity_id like ? and entity_type = ? order by at, id',
      [`${id}:%`, 'KpiMeasurement'],
    );
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  return rows.map((r: { action: string; before: unknown; after: unknown }) => ({
    action: r.action,
    before: json(r.before),
    after: json(r.after),
  }));
}

describe('KPI period bounds', () => {
  it('refuses dates before 1990-01-01 and after the current period, naming the row and field, storing nothing', async () => {
    const kpi = await customKpi(c.ana, account, { name: 'Bounds', frequency: 'MONTHLY' });
    const nextMonth = addDays(`${latestCalendarDay().slice(0, 7)}-28`, 7);
    const before = await countRows(t, 'kpi_measurement');
    const result = await c.ana.data<{
      recordKpiMeasurements: { __typename: string; issues: { path: unknown[]; message: string }[] };
    }>(RECORD, {
      input: {
        measurements: [
          { kpiDefinitionId: kpi, periodStart: '2025-03-10', value: 1 },
          { kpiDefinitionId: kpi, periodStart: '1989-12-31', value: 2 },
          { kpiDefinitionId: kpi, periodStart: '9999-12-31', value: 3 },
          { kpiDefinitionId: kpi, periodStart: nextMonth, value: 4 },
        ],
      },
    });
    expect(result.recordKpiMeasurements.__typename).toBe('ValidationError');
    expect(result.recordKpiMeasurements.issues.map((i) => i.path.join('.'))).toEqual([
      'measurements.1.periodStart',
      'measurements.2.periodStart',
      'measurements.3.periodStart',
    ]);
    expect(result.recordKpiMeasurements.issues[0]?.message).toMatch(/1990/);
    expect(await countRows(t, 'kpi_measurement')).toBe(before);
  });

  it('accepts the floor itself and any day of the current period', async () => {
    const kpi = await customKpi(c.ana, account, { name: 'Edges', frequency: 'MONTHLY' });
    const endOfMonth = addDays(`${addDays(`${latestCalendarDay().slice(0, 7)}-28`, 7).slice(0, 7)}-01`, -1);
    expect((await record(c.ana, kpi, '1990-01-01', 1)).recordKpiMeasurements.__typename).toBe(
      'RecordKpiMeasurementsSuccess',
    );
    expect((await record(c.ana, kpi, endOfMonth, 2)).recordKpiMeasurements.__typename).toBe(
      'RecordKpiMeasurementsSuccess',
    );
    expect((await series(kpi)).map((m) => m.periodStart)).toEqual([
      '1990-01-01',
      `${latestCalendarDay().slice(0, 7)}-01`,
    ]);
  });

  it('speaks Spanish to a Spanish caller', async () => {
    const kpi = await customKpi(c.ana, account, { name: 'Límites' });
    const es = await t.as('ana', 'es');
    const result = await record(es, kpi, '1949-06-01', 1);
    expect(result.recordKpiMeasurements.issues?.[0]?.message).toBe(
      'Un valor de KPI no puede tener fecha anterior al 01/01/1990',
    );
  });
});

describe('correcting and removing a measurement', () => {
  it('corrects a value, keeping the old one in the audit trail', async () => {
    const kpi = await customKpi(c.ana, account, { name: 'Corrected' });
    await record(c.ana, kpi, '2025-03-12', 95);
    const corrected = await c.ana.data<{
      correctKpiMeasurement: {
        __typename: string;
        data: { periodStart: string; value: number; source: string };
      };
    }>(CORRECT, { input: { kpiDefinitionId: kpi, period: '2025-03-14', value: 59, expectedValue: 95 } });
    expect(corrected.correctKpiMeasurement).toEqual({
      __typename: 'CorrectKpiMeasurementSuccess',
      data: { periodStart: '2025-03-10', value: 59, source: 'MANUAL' },
    });
    expect(await series(kpi)).toEqual([{ periodStart: '2025-03-10', value: 59 }]);
    const audit = await auditOf(kpi);
    expect(audit.at(-1)).toEqual({
      action: 'CORRECT',
      before: { '2025-03-10': 95 },
      after: { '2025-03-10': 59 },
    });
  });

  it('removes a value, keeping it in the audit trail, and the latest falls back to the one before', async () => {
    const kpi = await customKpi(c.ana, account, { name: 'Removed', frequency: 'MONTHLY' });
    await record(c.ana, kpi, '2025-01-15', 10);
    await record(c.ana, kpi, '2025-02-15', 20);
    const removed = await c.ana.data<{
      removeKpiMeasurement: { __typename: string; data: { latest: { periodStart: string; value: number } } };
    }>(REMOVE, { input: { kpiDefinitionId: kpi, period: '2025-02-01' } });
    expect(removed.removeKpiMeasurement.__typename).toBe('RemoveKpiMeasurementSuccess');
    expect(removed.removeKpiMeasurement.data.latest).toEqual({ periodStart: '2025-01-01', value: 10 });
    expect(await series(kpi)).toEqual([{ periodStart: '2025-01-01', value: 10 }]);
    expect((await auditOf(kpi)).at(-1)).toEqual({
      action: 'REMOVE',
      before: { '2025-02-01': 20 },
      after: null,
    });
  });

  it('removes a value stored with an impossible date before the bounds existed', async () => {
    const kpi = await customKpi(c.ana, account, { name: 'Year 2062', frequency: 'MONTHLY' });
    await record(c.ana, kpi, '2025-01-15', 10);
    const id = Buffer.from(kpi, 'base64').toString().split(':')[1];
    await t.app.orm.em
      .fork()
      .getConnection()
      .execute(
        `insert into kpi_measurement (id, definition_id, period_start, value, source, recorded_at)
         values ('01900000-0000-7000-8000-0000000a2062', ?, '2062-03-01', 99, 'MANUAL', ?)`,
        [id, new Date().toISOString()],
      );
    const wrong = await c.ana.data<{ correctKpiMeasurement: { __typename: string; issues: unknown[] } }>(
      CORRECT,
      {
        input: { kpiDefinitionId: kpi, period: '2062-03-01', value: 1 },
      },
    );
    expect(wrong.correctKpiMeasurement).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['period'] }],
    });
    const removed = await c.ana.data<{ removeKpiMeasurement: { data: { latest: { value: number } } } }>(
      REMOVE,
      {
        input: { kpiDefinitionId: kpi, period: '2062-03-01' },
      },
    );
    expect(removed.removeKpiMeasurement.data.latest.value).toBe(10);
  });

  it('refuses, changing nothing: a period without a value, a stale expected value, an archived KPI, bad input', async () => {
    const kpi = await customKpi(c.ana, account, { name: 'Refusals' });
    await record(c.ana, kpi, '2025-03-12', 95);
    const audits = await countRows(t, 'audit_entry');
    const issue = async (query: string, input: Record<string, unknown>) => {
      const result = await c.ana.data<Record<string, { __typename: string; issues?: { path: unknown[] }[] }>>(
        query,
        { input: { kpiDefinitionId: kpi, ...input } },
      );
      const payload = Object.values(result)[0];
      return [payload?.__typename, payload?.issues?.map((i) => i.path.join('.'))];
    };
    expect(await issue(CORRECT, { period: '2025-04-01', value: 1 })).toEqual(['ValidationError', ['period']]);
    expect(await issue(REMOVE, { period: '2025-04-01' })).toEqual(['ValidationError', ['period']]);
    expect(await issue(CORRECT, { period: '2025-03-12', value: 1, expectedValue: 94 })).toEqual([
      'ValidationError',
      ['expectedValue'],
    ]);
    expect(await issue(REMOVE, { period: '2025-03-12', expectedValue: 94 })).toEqual([
      'ValidationError',
      ['expectedValue'],
    ]);
    expect(await issue(CORRECT, { period: '12/03/2025', value: 1 })).toEqual(['ValidationError', ['period']]);
    expect(await issue(CORRECT, { period: '1989-12-31', value: 1 })).toEqual(['ValidationError', ['period']]);
    expect(await series(kpi)).toEqual([{ periodStart: '2025-03-10', value: 95 }]);
    expect(await countRows(t, 'audit_entry')).toBe(audits);
    await c.ana.data(`mutation($id: ID!) { archiveKpiDefinition(id: $id) { __typename } }`, { id: kpi });
    expect(await issue(CORRECT, { period: '2025-03-12', value: 1 })).toEqual([
      'ValidationError',
      ['kpiDefinitionId'],
    ]);
    expect(await issue(REMOVE, { period: '2025-03-12' })).toEqual(['ValidationError', ['kpiDefinitionId']]);
    expect(await series(kpi)).toEqual([{ periodStart: '2025-03-10', value: 95 }]);
  });
});

//   who       may correct and remove    denied looks like
const MATRIX: [Who, string, boolean, string][] = [
  ['ana', 'owner KAM', true, ''],
  ['luis', 'other KAM of the same team', false, 'NOT_FOUND'],
  ['sofia', 'KAM of another team', false, 'NOT_FOUND'],
  ['marta', 'the manager', true, ''],
  ['jorge', 'the other manager', false, 'NOT_FOUND'],
  ['admin', 'admin (reads, does not record)', false, 'FORBIDDEN'],
];

describe.each(MATRIX)('%s (%s)', (who, _role, may, deniedCode) => {
  it(`${may ? 'may' : 'may not'} correct and remove a measurement`, async () => {
    const kpi = await customKpi(c.ana, account, { name: `Matrix ${who}`, frequency: 'MONTHLY' });
    await record(c.ana, kpi, '2025-01-15', 10);
    await record(c.ana, kpi, '2025-02-15', 20);
    const corrected = await c[who].data<{ correctKpiMeasurement: { __typename: string; code?: string } }>(
      CORRECT,
      {
        input: { kpiDefinitionId: kpi, period: '2025-01-01', value: 11 },
      },
    );
    const removed = await c[who].data<{ removeKpiMeasurement: { __typename: string; code?: string } }>(
      REMOVE,
      {
        input: { kpiDefinitionId: kpi, period: '2025-02-01' },
      },
    );
    if (may) {
      expect(corrected.correctKpiMeasurement.__typename).toBe('CorrectKpiMeasurementSuccess');
      expect(removed.removeKpiMeasurement.__typename).toBe('RemoveKpiMeasurementSuccess');
      expect(await series(kpi)).toEqual([{ periodStart: '2025-01-01', value: 11 }]);
    } else {
      expect(corrected.correctKpiMeasurement.code).toBe(deniedCode);
      expect(removed.removeKpiMeasurement.code).toBe(deniedCode);
      expect(await series(kpi)).toEqual([
        { periodStart: '2025-01-01', value: 10 },
        { periodStart: '2025-02-01', value: 20 },
      ]);
    }
  });
});

describe('other callers', () => {
  it('an API token, even with write:kpis, may not correct or remove; nobody signed out may', async () => {
    const kpi = await customKpi(c.ana, account, { name: 'Token' });
    await record(c.ana, kpi, '2025-03-12', 95);
    const secret = await newToken(c.ana, ['WRITE_KPIS', 'READ_KPIS']);
    const headers = { authorization: `Bearer ${secret}` };
    const input = { kpiDefinitionId: kpi, period: '2025-03-12', value: 1 };
    const viaToken = await t.anonymous().gql(CORRECT, { input }, { headers });
    expect(viaToken.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const removeViaToken = await t
      .anonymous()
      .gql(REMOVE, { input: { kpiDefinitionId: kpi, period: '2025-03-12' } }, { headers });
    expect(removeViaToken.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await t.anonymous().gql(CORRECT, { input });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await series(kpi)).toEqual([{ periodStart: '2025-03-10', value: 95 }]);
  });
});
