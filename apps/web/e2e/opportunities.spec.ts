import { randomUUID } from 'node:crypto';
import { accountWithPlanAndOpportunity, openAccount } from './flows';
import { apiAs, en, expect, pluralPattern, signIn, test, text } from './support';

interface StoredOpportunity {
  title: string;
  stage: string;
  probability: number;
  estimatedRevenue: number | null;
  planActions: { title: string; dueDate: string }[];
}

async function opportunitiesTitled(
  accountId: string,
  title: string,
): Promise<(StoredOpportunity & { id: string })[]> {
  const api = await apiAs('ana@clave.dev');
  const { node } = await api.gql<{ node: { opportunities: (StoredOpportunity & { id: string })[] } }>(
    `query ($id: ID!) { node(id: $id) { ... on Account {
      opportunities { id title stage probability estimatedRevenue planActions { title dueDate } }
    } } }`,
    { id: accountId },
  );
  await api.dispose();
  return node.opportunities.filter((o) => o.title === title);
}

const isoIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('an opportunity is created online and turned into plan actions', async ({ page }) => {
  const api = await apiAs('ana@clave.dev');
  const account = await accountWithPlanAndOpportunity(api);
  await api.dispose();
  const title = `Promoción conjunta Navidad ${randomUUID().slice(0, 8)}`;

  await signIn(page, 'ana@clave.dev');
  await openAccount(page, account);
  await page.getByRole('link', { name: text(en, 'opportunity_add_cta'), exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: text(en, 'opportunity_new_title') }),
  ).toBeVisible();
  await page.getByLabel(text(en, 'opportunity_title_label'), { exact: true }).fill(title);
  await page.getByRole('radio', { name: text(en, 'opportunity_stage_qualified'), exact: true }).check();
  await page.getByLabel(text(en, 'opportunity_probability'), { exact: true }).fill('60');
  // Typed the way English writes it (the shared number input; e2e/numbers.spec.ts covers Spanish).
  await page.getByLabel(text(en, 'opportunity_revenue'), { exact: true }).fill('18,000.50');
  await page
    .getByLabel(text(en, 'opportunity_value_for_client'), { exact: true })
    .fill('Más rotación en Navidad');
  await page.getByRole('button', { name: text(en, 'opportunity_submit_new'), exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(text(en, 'opportunity_created'))).toBeVisible();
  const [stored] = await opportunitiesTitled(account.id, title);
  expect(stored).toMatchObject({
    stage: 'QUALIFIED',
    probability: 60,
    estimatedRevenue: 18000.5,
    planActions: [],
  });

  // Turn it into two plan actions.
  await expect(
    page.getByLabel(text(en, 'opportunity_action_title', { n: '1' }), { exact: true }),
  ).toHaveValue(title);
  await page.getByRole('button', { name: text(en, 'opportunity_add_action'), exact: true }).click();
  await page
    .getByLabel(text(en, 'opportunity_action_title', { n: '2' }), { exact: true })
    .fill('Cartelería en tienda');
  await page.getByLabel(text(en, 'opportunity_action_due', { n: '2' }), { exact: true }).fill(isoIn(30));
  await page.getByRole('button', { name: pluralPattern('en', 'opportunity_convert_submit', 2) }).click();
  await expect(
    page.getByRole('status').filter({ hasText: pluralPattern('en', 'opportunity_converted', 2) }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: /Cartelería en tienda/ })).toBeVisible();

  const [converted] = await opportunitiesTitled(account.id, title);
  expect(converted?.planActions.map((a) => a.title)).toEqual([title, 'Cartelería en tienda']);
  expect(converted?.planActions[1]?.dueDate).toBe(isoIn(30));
});

test('an opportunity saved offline says it needs a connection and keeps what was typed', async ({
  page,
  context,
}) => {
  const api = await apiAs('ana@clave.dev');
  const account = await accountWithPlanAndOpportunity(api);
  await api.dispose();
  const title = `Surtido sin lactosa ${randomUUID().slice(0, 8)}`;

  await signIn(page, 'ana@clave.dev');
  await openAccount(page, account);
  await page.getByRole('link', { name: text(en, 'opportunity_add_cta'), exact: true }).click();
  await page.getByLabel(text(en, 'opportunity_title_label'), { exact: true }).fill(title);
  await page.getByLabel(text(en, 'opportunity_probability'), { exact: true }).fill('35');

  await context.setOffline(true);
  await page.getByRole('button', { name: text(en, 'opportunity_submit_new'), exact: true }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: text(en, 'opportunity_needs_connection') }),
  ).toBeVisible();
  await expect(page.getByLabel(text(en, 'opportunity_title_label'), { exact: true })).toHaveValue(title);
  await expect(page.getByLabel(text(en, 'opportunity_probability'), { exact: true })).toHaveValue('35');
  expect(await opportunitiesTitled(account.id, title)).toHaveLength(0);

  // Back online, the same form saves it once.
  await context.setOffline(false);
  await page.getByRole('button', { name: text(en, 'opportunity_submit_new'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  expect(await opportunitiesTitled(account.id, title)).toHaveLength(1);
});
