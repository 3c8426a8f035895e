import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { type Api, apiAs, DEMO_PASSWORD, es, expect, test, text } from './support';

/**
 * The stakeholder map: the reports-to tree as an indented list on the phone and as an org chart at
 * a desk, the gaps in the buying centre, and archiving a person off the map.
 */

const ACCOUNT = 'Distribuciones Cantábrico';
const SHOTS = process.env.CLAVE_E2E_SHOTS;

interface Person {
  id: string;
  name: string;
  archived: boolean;
  influence: string | null;
  reportsTo: { name: string } | null;
}

async function accountId(api: Api): Promise<string> {
  const { accounts } = await api.gql<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
    '{ accounts(first: 100) { edges { node { id name } } } }',
  );
  const found = accounts.edges.find((e) => e.node.name === ACCOUNT);
  if (!found) throw new Error(`no account ${ACCOUNT}`);
  return found.node.id;
}

async function peopleOf(api: Api, id: string, includeArchived = false): Promise<Person[]> {
  const { node } = await api.gql<{ node: { stakeholders: Person[] } }>(
    `query ($id: ID!, $all: Boolean) { node(id: $id) { ... on Account {
      stakeholders(includeArchived: $all) { id name archived influence reportsTo { name } }
    } } }`,
    { id, all: includeArchived },
  );
  return node.stakeholders;
}

async function addThroughApi(api: Api, id: string, name: string, manager: string): Promise<void> {
  const managerId = (await peopleOf(api, id)).find((p) => p.name === manager)?.id;
  await api.gql(
    `mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { __typename } }`,
    { input: { accountId: id, name, decisionRole: 'USER', influence: 'LOW', reportsToId: managerId } },
  );
}

async function signInSpanish(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel(text(es, 'login_email'), { exact: true }).fill(email);
  await page.getByLabel(text(es, 'login_password'), { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: text(es, 'login_submit'), exact: true }).click();
  await expect(page.getByRole('button', { name: text(es, 'logout'), exact: true })).toBeVisible();
}

async function openMap(page: Page, id: string) {
  await page.goto(`/accounts/${id}`);
  await page.getByRole('link', { name: text(es, 'stakeholder_map_cta'), exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: text(es, 'stakeholder_map_title') }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: text(es, 'stakeholder_map_gaps_title') })).toBeVisible();
}

/** A person's entry on the map, found inside their manager's entry. */
const entry = (page: Page, name: string) => page.locator(`li[data-person="${name}"]`);
const box = (page: Page, name: string) => entry(page, name).locator(':scope > article');

test.describe('the stakeholder map on the phone (360 px, es-ES)', () => {
  test.use({ locale: 'es-ES' });

  test('adds a person under another and sees them indented under them', async ({ page }) => {
    const api = await apiAs('ana@clave.dev');
    const id = await accountId(api);
    const name = `Nerea Campos ${randomUUID().slice(0, 6)}`;
    await signInSpanish(page, 'ana@clave.dev');
    await openMap(page, id);
    // The owner of the company heads the map; the buyer (a decision maker) reports to him.
    await expect(entry(page, 'Fernando Quintana').locator('li[data-person="Rosa Cuesta"]')).toHaveCount(1);

    await page.getByRole('link', { name: text(es, 'stakeholder_add_cta'), exact: true }).click();
    await page.getByLabel(text(es, 'stakeholder_name'), { exact: true }).fill(name);
    await page.getByLabel(text(es, 'stakeholder_role_influencer'), { exact: true }).check();
    await page.getByLabel(text(es, 'stakeholder_influence_high'), { exact: true }).check();
    await page
      .getByLabel(text(es, 'stakeholder_reports_to'), { exact: true })
      .selectOption({ label: 'Rosa Cuesta' });
    await page.getByLabel(text(es, 'stakeholder_phone'), { exact: true }).fill('+34 600 98 76 54');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/form-360-es.png`, fullPage: true });
    await page.getByRole('button', { name: text(es, 'stakeholder_submit_new'), exact: true }).click();

    // Back on the map, the new person shows up (once the outbox sent them) inside Rosa's entry.
    await expect(
      page.getByRole('heading', { level: 1, name: text(es, 'stakeholder_map_title') }),
    ).toBeVisible();
    const added = entry(page, 'Rosa Cuesta').locator(`li[data-person="${name}"]`);
    await expect(added).toHaveCount(1);
    const rosa = await box(page, 'Rosa Cuesta').boundingBox();
    const theirs = await box(page, name).boundingBox();
    expect(theirs && rosa && theirs.x > rosa.x).toBe(true);
    expect(theirs && rosa && theirs.y > rosa.y).toBe(true);
    // Fits the phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // What a person's entry says, and the call link.
    const card = box(page, name);
    await expect(card).toContainText(text(es, 'stakeholder_role_influencer'));
    await expect(card).toContainText(text(es, 'stakeholder_map_never_met'));
    await expect(
      card.getByRole('link', { name: text(es, 'stakeholder_map_call', { name }) }),
    ).toHaveAttribute('href', 'tel:+34600987654');
    const stored = (await peopleOf(api, id)).find((p) => p.name === name);
    expect(stored).toMatchObject({ influence: 'HIGH', reportsTo: { name: 'Rosa Cuesta' } });
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/map-360-es.png`, fullPage: true });
    await api.dispose();
  });

  test('archiving a person takes them off the map', async ({ page }) => {
    const api = await apiAs('ana@clave.dev');
    const id = await accountId(api);
    const name = `Iker Ruiz ${randomUUID().slice(0, 6)}`;
    await addThroughApi(api, id, name, 'Andrés Pelayo');
    await signInSpanish(page, 'ana@clave.dev');
    await openMap(page, id);
    await entry(page, name).getByRole('link', { name, exact: true }).click();
    await page.getByRole('button', { name: text(es, 'stakeholder_archive'), exact: true }).click();
    await expect(page.getByText(text(es, 'stakeholder_archive_confirm', { name }))).toBeVisible();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/archive-360-es.png`, fullPage: true });
    await page.getByRole('button', { name: text(es, 'stakeholder_archive_yes'), exact: true }).click();
    await expect(page.getByText(text(es, 'stakeholder_archived_notice'))).toBeVisible();
    await expect(entry(page, 'Andrés Pelayo')).toHaveCount(1);
    await expect(entry(page, name)).toHaveCount(0);
    expect((await peopleOf(api, id)).map((p) => p.name)).not.toContain(name);
    expect((await peopleOf(api, id, true)).find((p) => p.name === name)?.archived).toBe(true);
    await api.dispose();
  });
});

test.describe('the stakeholder map at a desk (1440 px)', () => {
  test.use({ locale: 'es-ES', viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false });

  test('draws the same tree as an org chart, decision makers first', async ({ page }) => {
    const api = await apiAs('ana@clave.dev');
    const id = await accountId(api);
    const name = `Lorea Sanz ${randomUUID().slice(0, 6)}`;
    await addThroughApi(api, id, name, 'Rosa Cuesta');
    await signInSpanish(page, 'ana@clave.dev');
    await openMap(page, id);
    await expect(entry(page, 'Rosa Cuesta').locator(`li[data-person="${name}"]`)).toHaveCount(1);

    const top = await box(page, 'Fernando Quintana').boundingBox();
    const rosa = await box(page, 'Rosa Cuesta').boundingBox();
    const andres = await box(page, 'Andrés Pelayo').boundingBox();
    const beatriz = await box(page, 'Beatriz Sainz').boundingBox();
    const theirs = await box(page, name).boundingBox();
    if (!top || !rosa || !andres || !beatriz || !theirs) throw new Error('a box is not shown');
    // One row per level: the manager above, their reports side by side below.
    expect(rosa.y).toBeGreaterThan(top.y + top.height);
    expect(Math.abs(andres.y - rosa.y)).toBeLessThan(2);
    expect(Math.abs(beatriz.y - rosa.y)).toBeLessThan(2);
    expect(theirs.y).toBeGreaterThan(rosa.y + rosa.height);
    // Rosa, the decision maker, comes first in her row.
    expect(rosa.x).toBeLessThan(andres.x);
    expect(rosa.x).toBeLessThan(beatriz.x);
    // The manager is centred over their reports.
    const centre = (b: { x: number; width: number }) => b.x + b.width / 2;
    expect(centre(top)).toBeGreaterThan(rosa.x);
    expect(centre(top)).toBeLessThan(beatriz.x + beatriz.width);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/map-1440-es.png`, fullPage: true });
    await api.dispose();
  });
});
