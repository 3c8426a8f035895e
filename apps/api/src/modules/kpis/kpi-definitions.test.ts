import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/helpers.js';
import { accountIds, CREATE_DEFINITION, countRows, customKpi, kpisOf } from './kpi-test-helpers.js';

const TEMPLATES = `query($all: Boolean) {
  kpiTemplates(includeInactive: $all) { id name unit direction frequency target amberThreshold redThreshold category active version }
}`;
const CREATE_TEMPLATE = `mutation($input: CreateKpiTemplateInput!) {
  createKpiTemplate(input: $input) {
    __typename
    ... on CreateKpiTemplateSuccess { data { id name active version } }
    ... on Error { code message }
    ... on ValidationError { issues { path message } }
  }
}`;
const UPDATE_TEMPLATE = `mutation($id: ID!, $input: UpdateKpiTemplateInput!) {
  updateKpiTemplate(id: $id, input: $input) {
    __typename
    ... on UpdateKpiTemplateSuccess { data { name active version } }
    ... on ConflictError { currentVersion current { ... on KpiTemplate { name } } }
    ... on Error { code }
  }
}`;
const UPDATE_DEFINITION = `mutation($id: ID!, $input: UpdateKpiDefinitionInput!) {
  updateKpiDefinition(id: $id, input: $input) {
    __typename
    ... on UpdateKpiDefinitionSuccess { data { name target amberThreshold redThreshold version } }
    ... on ConflictError { currentVersion current { ... on KpiDefinition { name } } }
    ... on Error { code message }
    ... on ValidationError { issues { path message } }
  }
}`;
const ARCHIVE_DEFINITION = `mutation($id: ID!) {
  archiveKpiDefinition(id: $id) {
    __typename
    ... on ArchiveKpiDefinitionSuccess { data { archived } }
    ... on Error { code }
  }
}`;

interface Template {
  id: string;
  name: string;
  direction: string;
  target: number | null;
  amberThreshold: number | null;
  redThreshold: number | null;
  category: string;
  active: boolean;
  version: number;
}

let t: TestApp;
const c: Record<string, Client> = {};
let ids: Record<string, string> = {};
const templates = async (who: string, all = false) =>
  (await (c[who] as Client).data<{ kpiTemplates: Template[] }>(TEMPLATES, { all })).kpiTemplates;

beforeAll(async () => {
  t = await createTestApp();
  for (const who of ['ana', 'luis', 'sofia', 'marta', 'jorge', 'admin']) c[who] = await t.as(who);
  ids = await accountIds(c.admin as Client);
});
afterAll(() => t.close());

describe('the demo KPIs', () => {
  it('loads the company templates named in the spec', async () => {
    const names = (await templates('ana')).map((x) => x.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Ventas a cliente (sell-in, €)',
        'Ventas al consumidor (sell-out, uds.)',
        'Cuota de lineal %',
        'Margen bruto %',
        'OTIF %',
        'Días de inventario',
        'ROI de promociones',
        'NPS',
      ]),
    );
    const inventory = (await templates('ana')).find((x) => x.name === 'Días de inventario');
    expect(inventory?.direction).toBe('LOWER_IS_BETTER');
  });

  it('gives strategic and key accounts 5–8 KPIs and development accounts 2–3', async () => {
    const admin = c.admin as Client;
    expect((await kpisOf(admin, ids['Supermercados Alba'] as string)).length).toBe(8);
    expect((await kpisOf(admin, ids['Cesta Online'] as string)).length).toBeGreaterThanOrEqual(5);
    expect((await kpisOf(admin, ids['Selecta Gourmet'] as string)).length).toBe(3);
    expect(await countRows(t, 'kpi_measurement')).toBeGreaterThan(5000);
  });
});

describe('KPI templates (SPEC: an admin manages templates)', () => {
  const otifPlus = {
    name: 'Fill rate %',
    unit: '%',
    direction: 'HIGHER_IS_BETTER',
    frequency: 'WEEKLY',
    target: 98,
    amberThreshold: 96,
    redThreshold: 93,
    category: 'Supply chain',
  };

  it.each(['ana', 'marta'])('refuses %s creating a template', async (who) => {
    const before = await countRows(t, 'kpi_template');
    const result = await (c[who] as Client).data<{ createKpiTemplate: { code: string } }>(CREATE_TEMPLATE, {
      input: otifPlus,
    });
    expect(result.createKpiTemplate.code).toBe('FORBIDDEN');
    expect(await countRows(t, 'kpi_template')).toBe(before);
  });

  it('lets the admin create a template that KAMs and managers then read', async () => {
    const result = await (c.admin as Client).data<{ createKpiTemplate: { data: { name: string } } }>(
      CREATE_TEMPLATE,
      { input: otifPlus },
    );
    expect(result.createKpiTemplate.data.name).toBe('Fill rate %');
    expect((await templates('sofia')).map((x) => x.name)).toContain('Fill rate %');
    expect((await templates('jorge')).map((x) => x.name)).toContain('Fill rate %');
  });

  it('refuses thresholds in the wrong order, in Spanish for a Spanish caller', async () => {
    const admin = await t.as('admin', 'es');
    const result = await admin.data<{ createKpiTemplate: { issues: { path: string[]; message: string }[] } }>(
      CREATE_TEMPLATE,
      { input: { ...otifPlus, name: 'Bad', redThreshold: 97 } },
    );
    expect(result.createKpiTemplate.issues).toEqual([
      {
        path: ['redThreshold'],
        message: 'El umbral rojo debe quedar más allá del ámbar, en el lado peor según la dirección del KPI',
      },
    ]);
  });

  it('updates a template with its version, retires it, and reports a stale version as a conflict', async () => {
    const template = (await templates('admin')).find((x) => x.name === 'Fill rate %') as Template;
    const update = (input: Record<string, unknown>) =>
      (c.admin as Client).data<{ updateKpiTemplate: Record<string, unknown> }>(UPDATE_TEMPLATE, {
        id: template.id,
        input,
      });
    const changed = await update({ expectedVersion: template.version, active: false });
    expect(changed.updateKpiTemplate).toMatchObject({
      data: { active: false, version: template.version + 1 },
    });
    const stale = await update({ expectedVersion: template.version, name: 'Fill rate' });
    expect(stale.updateKpiTemplate).toMatchObject({
      __typename: 'ConflictError',
      currentVersion: template.version + 1,
      current: { name: 'Fill rate %' },
    });
    expect((await templates('ana')).map((x) => x.name)).not.toContain('Fill rate %');
    expect((await templates('ana', true)).map((x) => x.name)).toContain('Fill rate %');
    const kam = await (c.ana as Client).data<{ updateKpiTemplate: { code: string } }>(UPDATE_TEMPLATE, {
      id: template.id,
      input: { expectedVersion: template.version + 1, active: true },
    });
    expect(kam.updateKpiTemplate.code).toBe('FORBIDDEN');
  });
});

describe('KPI definitions', () => {
  it('instantiates a definition from a template, copying its fields and taking overrides', async () => {
    const otif = (await templates('ana')).find((x) => x.name === 'OTIF %') as Template;
    const result = await (c.ana as Client).data<{ createKpiDefinition: { data: Record<string, unknown> } }>(
      CREATE_DEFINITION,
      { input: { accountId: ids['Selecta Gourmet'], templateId: otif.id, target: 98.5 } },
    );
    expect(result.createKpiDefinition.data).toMatchObject({
      name: 'OTIF %',
      unit: '%',
      direction: 'HIGHER_IS_BETTER',
      frequency: 'WEEKLY',
      target: 98.5,
      amberThreshold: otif.amberThreshold,
      redThreshold: otif.redThreshold,
      category: otif.category,
      version: 1,
      template: { name: 'OTIF %' },
    });
  });

  it('requires name, unit, direction, frequency and category for a custom KPI', async () => {
    const before = await countRows(t, 'kpi_definition');
    const result = await (c.ana as Client).data<{ createKpiDefinition: { issues: { path: string[] }[] } }>(
      CREATE_DEFINITION,
      { input: { accountId: ids['Selecta Gourmet'], name: 'Tastings held' } },
    );
    expect(result.createKpiDefinition.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'category',
      'direction',
      'frequency',
      'unit',
    ]);
    expect(await countRows(t, 'kpi_definition')).toBe(before);
  });

  it('updates with the version read, checks the merged thresholds, and reports a stale version', async () => {
    const id = await customKpi(c.ana as Client, ids['Selecta Gourmet'] as string, {
      amberThreshold: 50,
      redThreshold: 40,
    });
    const update = (input: Record<string, unknown>) =>
      (c.luis as Client).data<{ updateKpiDefinition: Record<string, unknown> }>(UPDATE_DEFINITION, {
        id,
        input,
      });
    // luis supports none of ana's Selecta Gourmet: he cannot even see it
    expect((await update({ expectedVersion: 1, name: 'x' })).updateKpiDefinition).toMatchObject({
      code: 'NOT_FOUND',
    });
    const ana = (input: Record<string, unknown>) =>
      (c.ana as Client).data<{ updateKpiDefinition: Record<string, unknown> }>(UPDATE_DEFINITION, {
        id,
        input,
      });
    expect((await ana({ expectedVersion: 1, redThreshold: 60 })).updateKpiDefinition).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['redThreshold'] }],
    });
    expect(
      (await ana({ expectedVersion: 1, target: 70, redThreshold: null })).updateKpiDefinition,
    ).toMatchObject({
      data: { target: 70, amberThreshold: 50, redThreshold: null, version: 2 },
    });
    expect((await ana({ expectedVersion: 1, name: 'Late' })).updateKpiDefinition).toMatchObject({
      __typename: 'ConflictError',
      currentVersion: 2,
      current: { name: 'Test KPI' },
    });
  });

  it('archives instead of deleting: the KPI leaves the account list and closes to changes', async () => {
    const id = await customKpi(c.marta as Client, ids['Coop Valle Verde'] as string, { name: 'To archive' });
    const archived = await (c.ana as Client).data<{ archiveKpiDefinition: unknown }>(ARCHIVE_DEFINITION, {
      id,
    });
    expect(archived.archiveKpiDefinition).toMatchObject({ data: { archived: true } });
    expect(
      (await kpisOf(c.ana as Client, ids['Coop Valle Verde'] as string)).map((k) => k.name),
    ).not.toContain('To archive');
    const node = await (c.ana as Client).data<{ node: { archived: boolean } | null }>(
      'query($id: ID!) { node(id: $id) { ... on KpiDefinition { archived } } }',
      { id },
    );
    expect(node.node).toEqual({ archived: true });
    const update = await (c.ana as Client).data<{ updateKpiDefinition: { __typename: string } }>(
      UPDATE_DEFINITION,
      { id, input: { expectedVersion: 2, name: 'Back' } },
    );
    expect(update.updateKpiDefinition.__typename).toBe('ValidationError');
  });
});
