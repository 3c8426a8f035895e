import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { type Api, apiAs, DEMO_PASSWORD, en, es, expect, signIn, test, text } from './support';

/**
 * Setting up KPIs from the screens (issue 14): an admin creates and edits a company KPI template;
 * Ana adds a KPI to her account from it with her own thresholds, edits it, records a value,
 * corrects it and removes another, and reads both values of the correction in the KPI's history;
 * on a phone in Spanish she adds a KPI from scratch (numbers typed the Spanish way), corrects a
 * value and archives the KPI. Every step is checked on the server through the API.
 */

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

async function noHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** The first day of the month `back` months before this one, 'YYYY-MM-DD'. */
function monthStart(back: number): string {
  const now = new Date();
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  return date.toISOString().slice(0, 10);
}

async function accountId(api: Api, name: string): Promise<string> {
  const { accounts } = await api.gql<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
    '{ accounts(first: 100) { edges { node { id name } } } }',
  );
  const found = accounts.edges.find((e) => e.node.name === name);
  if (!found) throw new Error(`no account ${name}`);
  return found.node.id;
}

interface KpiOnServer {
  id: string;
  name: string;
  unit: string;
  frequency: string;
  target: number | null;
  amberThreshold: number | null;
  redThreshold: number | null;
  archived: boolean;
  template: { name: string } | null;
}

async function kpiNamed(api: Api, account: string, name: string): Promise<KpiOnServer | null> {
  const { node } = await api.gql<{ node: { kpis: KpiOnServer[] } | null }>(
    `query ($id: ID!) { node(id: $id) { ... on Account { kpis {
      id name unit frequency target amberThreshold redThreshold archived template { name } } } } }`,
    { id: account },
  );
  return node?.kpis.find((k) => k.name === name) ?? null;
}

async function valuesOf(api: Api, kpi: string): Promise<{ periodStart: string; value: number }[]> {
  const { node } = await api.gql<{ node: { measurements: { periodStart: string; value: number }[] } }>(
    `query ($id: ID!) { node(id: $id) { ... on KpiDefinition {
      measurements(from: "1990-01-01", to: "2999-12-31") { periodStart value } } } }`,
    { id: kpi },
  );
  return node.measurements;
}

test.describe('at a desk (1440 px)', () => {
  test.use({ viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false });

  test('an admin creates a KPI template with thresholds and edits it', async ({ page }, testInfo) => {
    const name = `Fill rate ${randomUUID().slice(0, 6)}`;
    const admin = await apiAs('admin@clave.dev');
    await signIn(page, 'admin@clave.dev');
    await page.goto('/settings');
    await page.getByRole('link', { name: text(en, 'settings_kpi_templates_link'), exact: true }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: text(en, 'kpi_templates_title') }),
    ).toBeVisible();

    await page.getByRole('button', { name: text(en, 'kpi_templates_new'), exact: true }).click();
    const form = page.locator('form');
    await form.getByLabel(text(en, 'kpi_setup_name'), { exact: true }).fill(name);
    await form.getByLabel(text(en, 'kpi_setup_unit'), { exact: true }).fill('%');
    await form.getByLabel(text(en, 'kpi_setup_category'), { exact: true }).fill('Supply chain');
    await form.getByLabel(text(en, 'kpi_setup_frequency'), { exact: true }).selectOption('MONTHLY');
    await form.getByLabel(text(en, 'kpi_setup_target'), { exact: true }).fill('98');
    await form.getByLabel(text(en, 'kpi_setup_amber'), { exact: true }).fill('95.5');
    // Red above amber for a KPI where higher is better: the form says so before sending.
    await form.getByLabel(text(en, 'kpi_setup_red'), { exact: true }).fill('96');
    await page.getByRole('button', { name: text(en, 'kpi_templates_create'), exact: true }).click();
    await expect(page.getByText(text(en, 'kpi_setup_error_red_higher'))).toBeVisible();
    await form.getByLabel(text(en, 'kpi_setup_red'), { exact: true }).fill('92');
    await page.getByRole('button', { name: text(en, 'kpi_templates_create'), exact: true }).click();
    await expect(
      page.getByRole('status').filter({ hasText: text(en, 'kpi_templates_created', { name }) }),
    ).toBeVisible();
    await expect(page.getByRole('link', { name: new RegExp(name) })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('kpi-templates-1440.png'), fullPage: true });

    const templates = async () =>
      (
        await admin.gql<{
          kpiTemplates: {
            name: string;
            target: number;
            amberThreshold: number;
            redThreshold: number;
            frequency: string;
            active: boolean;
          }[];
        }>(
          '{ kpiTemplates(includeInactive: true) { name target amberThreshold redThreshold frequency active } }',
        )
      ).kpiTemplates.find((t) => t.name === name);
    expect(await templates()).toEqual({
      name,
      target: 98,
      amberThreshold: 95.5,
      redThreshold: 92,
      frequency: 'MONTHLY',
      active: true,
    });

    await page.getByRole('link', { name: new RegExp(name) }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: text(en, 'kpi_templates_edit_title') }),
    ).toBeVisible();
    await page.getByLabel(text(en, 'kpi_setup_target'), { exact: true }).fill('99');
    await page.getByRole('button', { name: text(en, 'kpi_setup_save'), exact: true }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: text(en, 'kpi_templates_title') }),
    ).toBeVisible();
    await expect.poll(async () => (await templates())?.target).toBe(99);
    await admin.dispose();
  });

  test('a KAM adds a KPI from a template, records a value, corrects it, removes one and reads the history', async ({
    page,
  }, testInfo) => {
    const admin = await apiAs('admin@clave.dev');
    const ana = await apiAs('ana@clave.dev');
    const template = `Service level ${randomUUID().slice(0, 6)}`;
    const created = await admin.gql<{ createKpiTemplate: { __typename: string } }>(
      `mutation ($input: CreateKpiTemplateInput!) { createKpiTemplate(input: $input) { __typename } }`,
      {
        input: {
          name: template,
          unit: '%',
          direction: 'HIGHER_IS_BETTER',
          frequency: 'MONTHLY',
          target: 97,
          amberThreshold: 94,
          redThreshold: 90,
          category: 'Supply chain',
        },
      },
    );
    expect(created.createKpiTemplate.__typename).toBe('CreateKpiTemplateSuccess');
    const coop = await accountId(ana, 'Coop Valle Verde');
    const kpiName = `${template} Coop`;

    await signIn(page, 'ana@clave.dev');
    await page.goto(`/accounts/${coop}`);
    await page.getByRole('link', { name: text(en, 'account_kpis_setup_link'), exact: true }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: text(en, 'account_kpis_setup_title') }),
    ).toBeVisible();
    await page.getByRole('link', { name: text(en, 'account_kpis_add'), exact: true }).click();
    await page
      .getByLabel(text(en, 'account_kpis_start_from'), { exact: true })
      .selectOption({ label: `${template} (%)` });
    // The template's fields are copied; Ana names it for the account and sets her own thresholds.
    await expect(page.getByLabel(text(en, 'kpi_setup_name'), { exact: true })).toHaveValue(template);
    await expect(page.getByLabel(text(en, 'kpi_setup_amber'), { exact: true })).toHaveValue('94');
    await page.getByLabel(text(en, 'kpi_setup_name'), { exact: true }).fill(kpiName);
    await page.getByLabel(text(en, 'kpi_setup_amber'), { exact: true }).fill('95.5');
    await page.getByLabel(text(en, 'kpi_setup_red'), { exact: true }).fill('92');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('kpi-new-1440.png'), fullPage: true });
    await page.getByRole('button', { name: text(en, 'account_kpis_create'), exact: true }).click();
    await expect(
      page.getByRole('status').filter({ hasText: text(en, 'account_kpis_created') }),
    ).toBeVisible();
    const kpi = await kpiNamed(ana, coop, kpiName);
    expect(kpi).toMatchObject({
      unit: '%',
      frequency: 'MONTHLY',
      target: 97,
      amberThreshold: 95.5,
      redThreshold: 92,
      template: { name: template },
    });
    if (!kpi) throw new Error('not created');

    // Edit: a new target.
    await page
      .getByRole('link', { name: text(en, 'account_kpis_edit_named', { name: kpiName }), exact: true })
      .click();
    await page.getByLabel(text(en, 'kpi_setup_target'), { exact: true }).fill('98');
    await page.getByRole('button', { name: text(en, 'kpi_setup_save'), exact: true }).click();
    await expect(
      page.getByRole('status').filter({ hasText: text(en, 'account_kpis_updated') }),
    ).toBeVisible();
    expect((await kpiNamed(ana, coop, kpiName))?.target).toBe(98);

    // Record two values, correct the first, remove the second.
    await page.getByRole('link', { name: kpiName, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: kpiName })).toBeVisible();
    const [older, newer] = [monthStart(2), monthStart(1)];
    for (const [period, value] of [
      [older, '87.5'],
      [newer, '93'],
    ] as const) {
      await page.getByLabel(text(en, 'kpi_record_period'), { exact: true }).fill(period);
      await page.getByLabel(text(en, 'kpi_record_value', { unit: '%' }), { exact: true }).fill(value);
      await page.getByRole('button', { name: text(en, 'kpi_record_submit'), exact: true }).click();
      await expect
        .poll(async () => (await valuesOf(ana, kpi.id)).some((m) => m.periodStart === period))
        .toBe(true);
    }
    const values = page.getByRole('region', { name: text(en, 'kpi_values_title') });
    const olderRow = values.getByRole('listitem').filter({ hasText: '87.5' });
    await expect(olderRow).toBeVisible();
    await olderRow.getByRole('button', { name: /^Correct/ }).click();
    await values.getByLabel(text(en, 'kpi_values_new_value', { unit: '%' }), { exact: true }).fill('91.5');
    await values.getByRole('button', { name: text(en, 'kpi_values_correct_yes'), exact: true }).click();
    await expect(values.getByRole('status')).toContainText('87.5 % → 91.5 %');
    await expect
      .poll(async () => valuesOf(ana, kpi.id))
      .toEqual([
        { periodStart: older, value: 91.5 },
        { periodStart: newer, value: 93 },
      ]);

    const newerRow = values.getByRole('listitem').filter({ hasText: '93 %' });
    await newerRow.getByRole('button', { name: /^Remove/ }).click();
    await expect(values.getByText(/Remove the value 93 % of/)).toBeVisible();
    await values.getByRole('button', { name: text(en, 'kpi_values_remove_yes'), exact: true }).click();
    await expect(values.getByRole('status')).toContainText('93 %');
    expect(await valuesOf(ana, kpi.id)).toEqual([{ periodStart: older, value: 91.5 }]);

    // The history shows the corrected value before → after, and the removed one.
    const history = page.getByTestId('history');
    await history.locator('summary').click();
    // The correction: one change of that period, 87.5 before and 91.5 after.
    await expect(
      history.getByTestId('history-change').filter({ hasText: '87.5' }).filter({ hasText: '91.5' }),
    ).toHaveCount(1);
    // The removal: 93 before, nothing after.
    await expect(
      history
        .getByTestId('history-change')
        .filter({ hasText: '93' })
        .filter({ hasText: text(en, 'audit_removed') }),
    ).toHaveCount(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('kpi-values-history-1440.png'), fullPage: true });
    await admin.dispose();
    await ana.dispose();
  });
});

test.describe('on a phone in Spanish (360 px)', () => {
  test.use({ locale: 'es-ES' });

  test('a KAM adds a KPI from scratch, corrects a value and archives the KPI', async ({ page }, testInfo) => {
    const ana = await apiAs('ana@clave.dev');
    const coop = await accountId(ana, 'Coop Valle Verde');
    const kpiName = `Días de stock ${randomUUID().slice(0, 6)}`;

    await page.goto('/login');
    await page.getByLabel(text(es, 'login_email'), { exact: true }).fill('ana@clave.dev');
    await page.getByLabel(text(es, 'login_password'), { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: text(es, 'login_submit'), exact: true }).click();
    await expect(page.getByRole('button', { name: text(es, 'logout'), exact: true })).toBeVisible();

    await page.goto(`/accounts/${coop}/kpis`);
    await expect(
      page.getByRole('heading', { level: 1, name: text(es, 'account_kpis_setup_title') }),
    ).toBeVisible();
    await noHorizontalOverflow(page);
    await page.screenshot({ path: testInfo.outputPath('kpi-list-es-360.png'), fullPage: true });
    await page.getByRole('link', { name: text(es, 'account_kpis_add'), exact: true }).click();
    await page.getByLabel(text(es, 'kpi_setup_name'), { exact: true }).fill(kpiName);
    await page.getByLabel(text(es, 'kpi_setup_unit'), { exact: true }).fill('días');
    await page.getByLabel(text(es, 'kpi_setup_category'), { exact: true }).fill('Cadena de suministro');
    await page.getByLabel(text(es, 'kpi_setup_direction_lower'), { exact: true }).check();
    await page.getByLabel(text(es, 'kpi_setup_target'), { exact: true }).fill('12,5');
    await page.getByLabel(text(es, 'kpi_setup_amber'), { exact: true }).fill('15');
    await page.getByLabel(text(es, 'kpi_setup_red'), { exact: true }).fill('1.250,5');
    await noHorizontalOverflow(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('kpi-new-es-360.png'), fullPage: true });
    await page.getByRole('button', { name: text(es, 'account_kpis_create'), exact: true }).click();
    await expect(
      page.getByRole('status').filter({ hasText: text(es, 'account_kpis_created') }),
    ).toBeVisible();
    const kpi = await kpiNamed(ana, coop, kpiName);
    expect(kpi).toMatchObject({
      unit: 'días',
      target: 12.5,
      amberThreshold: 15,
      redThreshold: 1250.5,
      template: null,
    });
    if (!kpi) throw new Error('not created');

    // A value recorded through the API, corrected on the phone.
    const period = monthStart(1);
    await ana.gql(
      'mutation ($input: RecordKpiMeasurementsInput!) { recordKpiMeasurements(input: $input) { __typename } }',
      {
        input: { measurements: [{ kpiDefinitionId: kpi.id, periodStart: period, value: 14.5 }] },
      },
    );
    await page.goto(`/kpis/${kpi.id}`);
    const values = page.getByRole('region', { name: text(es, 'kpi_values_title') });
    const row = values.getByRole('listitem').filter({ hasText: '14,5 días' });
    await row.getByRole('button', { name: /^Corregir/ }).click();
    await values
      .getByLabel(text(es, 'kpi_values_new_value', { unit: 'días' }), { exact: true })
      .fill('13,25');
    await noHorizontalOverflow(page);
    await page.screenshot({ path: testInfo.outputPath('kpi-correct-es-360.png'), fullPage: true });
    await values.getByRole('button', { name: text(es, 'kpi_values_correct_yes'), exact: true }).click();
    await expect(values.getByRole('status')).toContainText('14,5 días → 13,3 días');
    await expect.poll(async () => valuesOf(ana, kpi.id)).toEqual([{ periodStart: period, value: 13.25 }]);

    // Archive, after confirming.
    await page.getByRole('link', { name: text(es, 'kpi_setup_edit_link'), exact: true }).click();
    await page.getByRole('button', { name: text(es, 'account_kpis_archive'), exact: true }).click();
    await expect(page.getByText(text(es, 'account_kpis_archive_confirm', { name: kpiName }))).toBeVisible();
    await noHorizontalOverflow(page);
    await page.screenshot({ path: testInfo.outputPath('kpi-archive-es-360.png'), fullPage: true });
    await page.getByRole('button', { name: text(es, 'account_kpis_archive_yes'), exact: true }).click();
    await expect(
      page.getByRole('status').filter({ hasText: text(es, 'account_kpis_archived') }),
    ).toBeVisible();
    expect(await kpiNamed(ana, coop, kpiName)).toBeNull();
    await ana.dispose();
  });
});
