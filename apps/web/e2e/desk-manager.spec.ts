import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { apiAs, en, expect, pluralPattern, signIn, test, text } from './support';

/** The manager's desk on a desktop browser. */
test.use({ viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false });

const SOFIA_ACCOUNTS = ['FreshMarket Europa', 'Grupo Hostelero Brisa', 'Cesta Online', 'EcoBio Tiendas'];
const DESK_SCREENS = [
  '/desk',
  '/desk/portfolio',
  '/desk/execution',
  '/desk/coverage',
  '/desk/health',
  '/desk/kpis',
  '/desk/approvals',
];

function sideNav(page: Page) {
  return page.getByRole('navigation', { name: text(en, 'nav_side_label') });
}

/** Waits until a desk screen shows its data. */
async function deskReady(page: Page): Promise<void> {
  await expect(page.getByTestId('desk-page')).toHaveAttribute('data-ready', 'true');
}

/** Waits until a desk screen has its data (its heading, and the data loaded). */
async function deskLoaded(page: Page, title: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: title, exact: true })).toBeVisible();
  await deskReady(page);
}

test('in one click from sign-in marta sees the riskiest account, the slipping KAM and the unvisited accounts', async ({
  page,
}) => {
  await signIn(page, 'marta@clave.dev');
  await sideNav(page)
    .getByRole('link', { name: text(en, 'nav_desk_overview'), exact: true })
    .click();
  await deskLoaded(page, text(en, 'desk_overview_title'));

  await expect(page.getByTestId('riskiest-account')).toHaveText('Supermercados Alba');
  await expect(page.getByText(text(en, 'desk_alert_over', { threshold: '50%' }))).toBeVisible();

  // The slipping KAM is the one with the highest share of overdue open actions (checked through the API).
  const api = await apiAs('marta@clave.dev');
  const { desk } = await api.gql<{ desk: { executionByKam: { kam: { name: string }; overdue: number }[] } }>(
    '{ desk { executionByKam { kam { name } overdue } } }',
  );
  await api.dispose();
  const slipping = desk.executionByKam.find((row) => row.overdue > 0);
  if (!slipping) throw new Error('the demo has no overdue actions on Retail accounts');
  await expect(page.getByTestId('slipping-kam')).toHaveText(slipping.kam.name);

  const unvisited = page.getByTestId('unvisited-accounts').getByRole('listitem');
  await expect(unvisited.first()).toBeVisible();
  // Each unvisited account opens its page.
  const first = unvisited.first().getByRole('link');
  const name = (await first.textContent())?.trim() ?? '';
  await first.click();
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
});

test("marta's desk never shows Jorge's team's accounts, and their pages are not found", async ({ page }) => {
  const jorge = await apiAs('jorge@clave.dev');
  const { accounts } = await jorge.gql<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
    '{ accounts(first: 50) { edges { node { id name } } } }',
  );
  const { desk } = await jorge.gql<{ desk: { accounts: { activePlan: { id: string } | null }[] } }>(
    '{ desk { accounts { activePlan { id } } } }',
  );
  await jorge.dispose();
  expect(accounts.edges.map((e) => e.node.name).sort()).toEqual([...SOFIA_ACCOUNTS].sort());

  await signIn(page, 'marta@clave.dev');
  for (const path of DESK_SCREENS) {
    await page.goto(path);
    await deskReady(page);
    const content = (await page.getByRole('main').textContent()) ?? '';
    // The screen shows marta's own accounts, so the absence below means something.
    expect(content, `${path} shows Retail accounts`).toMatch(/Supermercados Alba|HiperNorte/);
    for (const name of SOFIA_ACCOUNTS) expect(content, `${path} mentions ${name}`).not.toContain(name);
    expect(content).not.toContain('Sofía');
  }

  for (const { node } of accounts.edges) {
    await page.goto(`/accounts/${node.id}`);
    await expect(page.getByRole('heading', { level: 1, name: text(en, 'account_not_found') })).toBeVisible();
  }
  const planId = desk.accounts.find((a) => a.activePlan)?.activePlan?.id;
  if (planId) {
    await page.goto(`/plans/${planId}`);
    await expect(page.getByRole('heading', { level: 1, name: text(en, 'plan_not_found') })).toBeVisible();
  }
});

test('marta approves a request with a reason and it leaves her inbox', async ({ page }) => {
  await signIn(page, 'marta@clave.dev');
  await sideNav(page)
    .getByRole('link', { name: text(en, 'nav_desk_approvals'), exact: true })
    .click();
  await deskLoaded(page, text(en, 'desk_approvals_title'));

  const cards = page.getByTestId('approval');
  const before = await cards.count();
  expect(before).toBeGreaterThan(0);
  const card = cards.first();
  const description = (await card.locator('p').nth(1).textContent())?.trim() ?? '';

  // Rejecting without a reason is refused, with the reason asked for.
  await card.getByRole('button', { name: text(en, 'request_reject'), exact: true }).click();
  await expect(card.getByRole('alert')).toHaveText(text(en, 'request_reason_required'));

  await card.getByLabel(text(en, 'desk_decision_reason')).fill('Fits the Q1 promotion budget.');
  await card.getByRole('button', { name: text(en, 'request_approve'), exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /approved/ })).toBeVisible();
  await expect(page.getByTestId('approval').filter({ hasText: description })).toHaveCount(0);

  const api = await apiAs('marta@clave.dev');
  const { pendingResourceRequests } = await api.gql<{
    pendingResourceRequests: { edges: { node: { description: string } }[] };
  }>('{ pendingResourceRequests(first: 100) { edges { node { description } } } }');
  expect(pendingResourceRequests.edges.map((e) => e.node.description)).not.toContain(description);
  const { accounts } = await api.gql<{
    accounts: {
      edges: {
        node: { resourceRequests: { description: string; status: string; decisionReason: string | null }[] };
      }[];
    };
  }>('{ accounts(first: 50) { edges { node { resourceRequests { description status decisionReason } } } } }');
  await api.dispose();
  const decided = accounts.edges
    .flatMap((e) => e.node.resourceRequests)
    .find((r) => r.description === description);
  expect(decided).toMatchObject({ status: 'APPROVED', decisionReason: 'Fits the Q1 promotion budget.' });
});

test('a plan prints as a clean document: no navigation, no buttons, every action in a table', async ({
  page,
}) => {
  const api = await apiAs('marta@clave.dev');
  const { desk } = await api.gql<{
    desk: {
      accounts: {
        name: string;
        activePlan: { id: string; title: string; actions: { title: string }[] } | null;
      }[];
    };
  }>('{ desk { accounts { name activePlan { id title actions { title } } } } }');
  await api.dispose();
  const plan = desk.accounts.find((a) => a.name === 'Supermercados Alba')?.activePlan;
  if (!plan) throw new Error('Supermercados Alba has no active plan');

  await signIn(page, 'marta@clave.dev');
  await page.goto(`/plans/${plan.id}`);
  await expect(page.getByRole('heading', { level: 1, name: plan.title })).toBeVisible();
  await expect(page.getByRole('button', { name: text(en, 'plan_print') })).toBeVisible();

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(sideNav(page)).toBeHidden();
  await expect(page.getByRole('navigation', { name: text(en, 'nav_label') })).toBeHidden();
  await expect(page.getByRole('button')).toHaveCount(0);
  // Every action in the actions table (the plan also prints its revenue and objectives tables).
  const table = page
    .locator('section')
    .filter({
      has: page.getByRole('heading', { level: 2, name: pluralPattern('en', 'plan_actions_heading') }),
    })
    .getByRole('table');
  await expect(table).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(plan.actions.length + 1);
  await expect(page.getByRole('table', { name: text(en, 'revenue_table_caption') })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: text(en, 'plan_inputs') })).toBeVisible();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.byteLength).toBeGreaterThan(1000);
});

test('the KPI series download in Spanish uses semicolons, decimal commas and a byte order mark', async ({
  page,
}) => {
  await signIn(page, 'marta@clave.dev');
  await page
    .getByRole('group', { name: text(en, 'language_label') })
    .getByRole('button', { name: /Español/ })
    .click();
  await page.goto('/desk/kpis');
  const { es } = await import('./support');
  await expect(page.getByRole('heading', { level: 1, name: text(es, 'desk_kpis_title') })).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: text(es, 'desk_export_kpis') }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^clave-series-kpi-\d{4}-\d{2}-\d{2}\.csv$/);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  const bytes = readFileSync(path);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
  expect(lines[0]).toBe(
    [
      text(es, 'desk_col_account'),
      text(es, 'csv_kpi'),
      text(es, 'csv_unit'),
      text(es, 'csv_period'),
      text(es, 'csv_value'),
      text(es, 'csv_target'),
      text(es, 'csv_status'),
    ].join(';'),
  );
  expect(lines.length).toBeGreaterThan(10);
  const values = lines.slice(1).map((line) => line.split(';')[4] ?? '');
  expect(values.some((v) => /^-?\d+,\d+$/.test(v))).toBe(true);
  expect(values.every((v) => v === '' || /^-?\d+(,\d+)?$/.test(v))).toBe(true);
  expect(lines.join('\n')).not.toContain('Cesta Online');
});

test('the desk uses the width of a desktop and stays usable on a tablet', async ({ page }, testInfo) => {
  await signIn(page, 'marta@clave.dev');
  await page.goto('/desk/portfolio');
  await deskLoaded(page, text(en, 'desk_portfolio_title'));
  await expect(sideNav(page)).toBeVisible();
  await expect(page.getByRole('navigation', { name: text(en, 'nav_label') })).toBeHidden();
  const main = await page.getByRole('main').boundingBox();
  expect(main?.width ?? 0).toBeGreaterThanOrEqual(1000);
  // Panels sit side by side.
  const hhi = await page.getByRole('heading', { name: text(en, 'desk_hhi_title') }).boundingBox();
  const alerts = await page.getByRole('heading', { name: text(en, 'desk_alerts_title') }).boundingBox();
  expect(Math.abs((hhi?.y ?? 0) - (alerts?.y ?? 1000))).toBeLessThan(5);
  await testInfo.attach('desk at 1280', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });

  await page.setViewportSize({ width: 768, height: 1024 });
  await expect(sideNav(page)).toBeHidden();
  await expect(page.getByRole('navigation', { name: text(en, 'nav_label') })).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await testInfo.attach('desk at 768', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
});

test('the desk screens have no serious or critical accessibility violation', async ({ page }) => {
  await signIn(page, 'marta@clave.dev');
  for (const path of DESK_SCREENS) {
    await page.goto(path);
    await deskReady(page);
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ path, rule: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
    expect(serious).toEqual([]);
  }
});

test('a KAM on a desktop keeps the phone navigation and no desk', async ({ page }) => {
  await signIn(page, 'ana@clave.dev');
  await expect(sideNav(page)).toHaveCount(0);
  const tabs = page.getByRole('navigation', { name: text(en, 'nav_label') });
  await expect(tabs.getByRole('link', { name: text(en, 'nav_requests'), exact: true })).toBeVisible();
  await expect(tabs.getByRole('link', { name: text(en, 'nav_desk'), exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: text(en, 'nav_settings'), exact: true })).toBeVisible();
});
