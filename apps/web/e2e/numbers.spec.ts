import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { type AccountRef, accountWithPlanAndOpportunity } from './flows';
import { type Api, apiAs, DEMO_PASSWORD, en, es, expect, signIn, test, text } from './support';

/**
 * Numbers typed the way the person's language writes them reach the API as those numbers, in every
 * number field of the app (the shared NumberInput and parser, src/lib/numbers/parse.ts); what is
 * unreadable is said on the field, in that language, and nothing is sent.
 */

interface StoredRequest {
  description: string;
  amount: number | null;
}

async function requestsDescribed(api: Api, description: string): Promise<StoredRequest[]> {
  const { myResourceRequests } = await api.gql<{ myResourceRequests: { edges: { node: StoredRequest }[] } }>(
    '{ myResourceRequests(first: 100) { edges { node { description amount } } } }',
  );
  return myResourceRequests.edges.map((edge) => edge.node).filter((r) => r.description === description);
}

async function opportunitiesTitled(api: Api, accountId: string, title: string) {
  const { node } = await api.gql<{
    node: { opportunities: { title: string; estimatedRevenue: number | null }[] };
  }>('query ($id: ID!) { node(id: $id) { ... on Account { opportunities { title estimatedRevenue } } } }', {
    id: accountId,
  });
  return node.opportunities.filter((o) => o.title === title);
}

interface Kpi {
  id: string;
  name: string;
  unit: string;
}

async function kpiOf(api: Api, accountId: string): Promise<Kpi> {
  const { node } = await api.gql<{ node: { kpis: (Kpi & { archived: boolean })[] } }>(
    'query ($id: ID!) { node(id: $id) { ... on Account { kpis { id name unit archived } } } }',
    { id: accountId },
  );
  const kpi = node.kpis.find((k) => !k.archived && k.unit !== '%');
  if (!kpi) throw new Error('The account has no KPI to record a value on');
  return kpi;
}

async function kpiValues(api: Api, kpiId: string): Promise<number[]> {
  const from = new Date(Date.now() - 400 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const { node } = await api.gql<{ node: { measurements: { value: number }[] } }>(
    'query ($id: ID!, $from: String!, $to: String!) { node(id: $id) { ... on KpiDefinition { measurements(from: $from, to: $to) { value } } } }',
    { id: kpiId, from, to },
  );
  return node.measurements.map((measurement) => measurement.value);
}

async function signInSpanish(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel(text(es, 'login_email'), { exact: true }).fill(email);
  await page.getByLabel(text(es, 'login_password'), { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: text(es, 'login_submit'), exact: true }).click();
  await expect(page.getByRole('button', { name: text(es, 'logout'), exact: true })).toBeVisible();
}

/** Fills the new-request form (reached from /requests?account=…) up to the amount. */
async function fillRequest(
  page: Page,
  messages: typeof es,
  account: AccountRef & { opportunities: { id: string }[] },
  description: string,
) {
  await page.goto(`/requests?account=${account.id}`);
  await expect(page.getByLabel(text(messages, 'request_account'), { exact: true })).toHaveValue(account.id);
  const opportunity = account.opportunities[0];
  if (!opportunity) throw new Error('The account has no opportunity');
  await page
    .getByLabel(text(messages, 'request_for'), { exact: true })
    .selectOption(`opportunity:${opportunity.id}`);
  await page.getByLabel(text(messages, 'request_kind'), { exact: true }).selectOption('BUDGET');
  await page.getByLabel(text(messages, 'request_description'), { exact: true }).fill(description);
}

test.describe('in Spanish on a phone', () => {
  test.use({ locale: 'es-ES' });

  test('"1.500,50", "250.000" and "1.234,5" are stored as 1500.5, 250000 and 1234.5; "1,2,3" and "abc" are refused on the field', async ({
    page,
  }, testInfo) => {
    const api = await apiAs('ana@clave.dev');
    const account = await accountWithPlanAndOpportunity(api);
    const kpi = await kpiOf(api, account.id);
    await signInSpanish(page, 'ana@clave.dev');

    // A resource request: first an unreadable amount, then the Spanish way of writing 1500.5.
    const need = `Presupuesto para degustaciones ${randomUUID().slice(0, 8)}`;
    await fillRequest(page, es, account, need);
    const amount = page.getByLabel(text(es, 'request_amount'), { exact: true });
    await amount.fill('1,2,3');
    await page.getByRole('button', { name: text(es, 'request_submit'), exact: true }).click();
    const unreadable = text(es, 'number_unreadable', { example: '1.500,50' });
    await expect(amount).toHaveAccessibleDescription(unreadable);
    await expect(amount).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(unreadable)).toBeVisible();
    await expect(page.getByText(text(es, 'request_queued'))).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('request-unreadable-es-360.png'), fullPage: true });
    expect(await requestsDescribed(api, need)).toHaveLength(0);

    await amount.fill('1.500,50');
    await expect(page.getByText(unreadable)).toHaveCount(0);
    await page.getByRole('button', { name: text(es, 'request_submit'), exact: true }).click();
    await expect(page.getByText(text(es, 'request_queued'))).toBeVisible();
    await expect.poll(() => requestsDescribed(api, need)).toEqual([{ description: need, amount: 1500.5 }]);
    // Shown back the way Spanish writes it.
    await expect(
      page
        .getByRole('listitem')
        .filter({ hasText: need })
        .getByText(/^1500,50\s€$/),
    ).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.screen.width)).toBe(true);

    // An opportunity's estimated revenue: "250.000" is two hundred and fifty thousand.
    const title = `Surtido gourmet ${randomUUID().slice(0, 8)}`;
    await page.goto(`/accounts/${account.id}/opportunities/new`);
    await page.getByLabel(text(es, 'opportunity_title_label'), { exact: true }).fill(title);
    await page.getByLabel(text(es, 'opportunity_probability'), { exact: true }).fill('40');
    const revenue = page.getByLabel(text(es, 'opportunity_revenue'), { exact: true });
    await revenue.fill('250.000');
    await revenue.blur();
    await expect(revenue).toHaveValue('250.000');
    await page.screenshot({ path: testInfo.outputPath('opportunity-es-360.png'), fullPage: true });
    await page.getByRole('button', { name: text(es, 'opportunity_submit_new'), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    expect(await opportunitiesTitled(api, account.id, title)).toEqual([{ title, estimatedRevenue: 250000 }]);
    await expect(page.getByText(/250\.000\s€/).first()).toBeVisible();

    // A KPI value: "abc" is refused on the field, "1.234,5" is recorded as 1234.5.
    const before = await kpiValues(api, kpi.id);
    await page.goto(`/kpis/${kpi.id}`);
    await expect(page.getByRole('heading', { level: 1, name: kpi.name })).toBeVisible();
    const value = page.locator('#kpi-value');
    await value.fill('abc');
    await page.getByRole('button', { name: text(es, 'kpi_record_submit'), exact: true }).click();
    await expect(value).toHaveAccessibleDescription(
      new RegExp(
        text(es, 'number_unreadable', { example: '1.500,50' }).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      ),
    );
    await expect(page.getByText(text(es, 'kpi_record_done'))).toHaveCount(0);
    await page.locator('form.record').screenshot({ path: testInfo.outputPath('kpi-unreadable-es-360.png') });
    expect(await kpiValues(api, kpi.id)).toEqual(before);

    await value.fill('1.234,5');
    await page.getByRole('button', { name: text(es, 'kpi_record_submit'), exact: true }).click();
    await expect(page.getByText(text(es, 'kpi_record_done'))).toBeVisible();
    await expect.poll(async () => (await kpiValues(api, kpi.id)).filter((v) => v === 1234.5).length).toBe(1);
    await api.dispose();
  });
});

test('in English "1,500.50" is stored as 1500.5, once', async ({ page }) => {
  const api = await apiAs('ana@clave.dev');
  const account = await accountWithPlanAndOpportunity(api);
  await signIn(page, 'ana@clave.dev');
  const need = `Tasting budget ${randomUUID().slice(0, 8)}`;
  await fillRequest(page, en, account, need);
  const amount = page.getByLabel(text(en, 'request_amount'), { exact: true });
  // The Spanish writing is not guessed at in English.
  await amount.fill('1.500,50');
  await page.getByRole('button', { name: text(en, 'request_submit'), exact: true }).click();
  await expect(amount).toHaveAccessibleDescription(text(en, 'number_unreadable', { example: '1,500.50' }));
  expect(await requestsDescribed(api, need)).toHaveLength(0);

  await amount.fill('1,500.50');
  await page.getByRole('button', { name: text(en, 'request_submit'), exact: true }).click();
  await expect(page.getByText(text(en, 'request_queued'))).toBeVisible();
  await expect.poll(() => requestsDescribed(api, need)).toEqual([{ description: need, amount: 1500.5 }]);
  await expect(page.getByRole('listitem').filter({ hasText: need }).getByText('€1,500.50')).toBeVisible();
  await api.dispose();
});
