import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/helpers.js';
import { accountIds, CREATE_DEFINITION, customKpi, kpisOf, RECORD } from './kpi-test-helpers.js';

/*
 * Who may do what with KPIs (SPEC "Who may do what"), on Coop Valle Verde: owned by ana, in
 * Marta's Retail team; luis is in the same team but does not support it; sofia is in Jorge's team.
 */

const NODE = `query($id: ID!) { node(id: $id) { ... on KpiDefinition { name trend(months: 3) { status } latest { value } } } }`;
const NESTED = `query($id: ID!) { node(id: $id) { ... on Account { kpis { id } } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateKpiDefinitionInput!) {
  updateKpiDefinition(id: $id, input: $input) { __typename ... on Error { code } }
}`;
const ARCHIVE = `mutation($id: ID!) { archiveKpiDefinition(id: $id) { __typename ... on Error { code } } }`;
const TEMPLATES = '{ kpiTemplates { id } }';

type Who = 'ana' | 'luis' | 'sofia' | 'marta' | 'jorge' | 'admin';
let t: TestApp;
const c = {} as Record<Who, Client>;
let account = '';
let kpi = '';

beforeAll(async () => {
  t = await createTestApp();
  for (const who of ['ana', 'luis', 'sofia', 'marta', 'jorge', 'admin'] as Who[]) c[who] = await t.as(who);
  account = (await accountIds(c.admin))['Coop Valle Verde'] as string;
  kpi = await customKpi(c.ana, account, { name: 'Matrix KPI' });
});
afterAll(() => t.close());

//   who       reads (node, nested, trend)   writes (create, update, record)   denied write looks like
const MATRIX: [Who, string, boolean, boolean, string][] = [
  ['ana', 'owner KAM', true, true, ''],
  ['luis', 'other KAM of the same team', false, false, 'NOT_FOUND'],
  ['sofia', 'KAM of another team', false, false, 'NOT_FOUND'],
  ['marta', 'the manager', true, true, ''],
  ['jorge', 'the other manager', false, false, 'NOT_FOUND'],
  ['admin', 'admin', true, false, 'FORBIDDEN'],
];

describe.each(MATRIX)('%s (%s)', (who, _role, reads, writes, deniedCode) => {
  it(`${reads ? 'reads' : 'cannot see'} the KPI through node(id:), with its trend`, async () => {
    const data = await c[who].data<{ node: { name: string; trend: unknown } | null }>(NODE, { id: kpi });
    expect(data.node?.name ?? null).toBe(reads ? 'Matrix KPI' : null);
  });

  it(`${reads ? 'lists' : 'does not list'} the account's KPIs through Account.kpis`, async () => {
    const data = await c[who].data<{ node: { kpis: { id: string }[] } | null }>(NESTED, { id: account });
    expect(data.node?.kpis.map((k) => k.id).includes(kpi) ?? false).toBe(reads);
  });

  it(`${writes ? 'may' : 'may not'} create, update and archive the account's KPIs`, async () => {
    const created = await c[who].data<{ createKpiDefinition: { __typename: string; code?: string } }>(
      CREATE_DEFINITION,
      {
        input: {
          accountId: account,
          name: `By ${who}`,
          unit: '%',
          direction: 'HIGHER_IS_BETTER',
          frequency: 'WEEKLY',
          category: 'X',
        },
      },
    );
    const target = writes ? await customKpi(c.ana, account, { name: `For ${who}` }) : kpi;
    const updated = await c[who].data<{ updateKpiDefinition: { __typename: string; code?: string } }>(
      UPDATE,
      {
        id: target,
        input: { expectedVersion: 1, target: 5 },
      },
    );
    const archived = await c[who].data<{ archiveKpiDefinition: { __typename: string; code?: string } }>(
      ARCHIVE,
      { id: target },
    );
    if (writes) {
      expect(created.createKpiDefinition.__typename).toBe('CreateKpiDefinitionSuccess');
      expect(updated.updateKpiDefinition.__typename).toBe('UpdateKpiDefinitionSuccess');
      expect(archived.archiveKpiDefinition.__typename).toBe('ArchiveKpiDefinitionSuccess');
    } else {
      expect(created.createKpiDefinition.code).toBe(deniedCode);
      expect(updated.updateKpiDefinition.code).toBe(deniedCode);
      expect(archived.archiveKpiDefinition.code).toBe(deniedCode);
    }
  });

  it(`${writes ? 'may' : 'may not'} record measurements`, async () => {
    const result = await c[who].data<{ recordKpiMeasurements: { __typename: string } }>(RECORD, {
      input: { measurements: [{ kpiDefinitionId: kpi, periodStart: '2025-05-05', value: 1 }] },
    });
    expect(result.recordKpiMeasurements.__typename).toBe(
      writes ? 'RecordKpiMeasurementsSuccess' : 'ValidationError',
    );
  });

  it('reads the company templates', async () => {
    const data = await c[who].data<{ kpiTemplates: unknown[] }>(TEMPLATES);
    expect(data.kpiTemplates.length).toBeGreaterThanOrEqual(8);
  });
});

describe('without a session', () => {
  it('sees neither templates nor KPIs, and may not record', async () => {
    const anonymous = t.anonymous();
    expect((await anonymous.gql(TEMPLATES)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await anonymous.gql(NODE, { id: kpi })).data?.node ?? null).toBeNull();
    const record = await anonymous.gql(RECORD, {
      input: { measurements: [{ kpiDefinitionId: kpi, periodStart: '2025-05-05', value: 1 }] },
    });
    expect(record.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('a KPI of a hidden account', () => {
  it('looks exactly like one that does not exist', async () => {
    const [alba] = await kpisOf(c.ana, (await accountIds(c.admin))['Supermercados Alba'] as string);
    const hidden = await c.sofia.gql(NODE, { id: alba?.id });
    const missing = await c.sofia.gql(NODE, {
      id: Buffer.from('KpiDefinition:01900000-0000-7000-8000-000000000000').toString('base64'),
    });
    expect(hidden).toMatchObject({ status: 200, data: { node: null } });
    expect(hidden.errors).toEqual(missing.errors);
  });
});
