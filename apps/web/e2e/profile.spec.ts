import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { type AccountRef, signInForOffline } from './flows';
import { type Api, apiAs, DEMO_PASSWORD, en, es, expect, expectPending, signIn, test, text } from './support';

/**
 * The client profile: all nine sections read and written on the phone (through the outbox) and at a
 * desk, the history of changes with what changed, and a conflict settled section by section.
 */

type Messages = typeof es;

interface Revision {
  section: string;
  before: string;
  after: string;
}

interface ProfileOnServer {
  version: number;
  vision: string;
  threats: string;
  strategies: string;
  historyText: string;
}

async function profileOf(api: Api, accountId: string): Promise<ProfileOnServer> {
  const { node } = await api.gql<{ node: { profile: ProfileOnServer } }>(
    'query ($id: ID!) { node(id: $id) { ... on Account { profile { version vision threats strategies historyText } } } }',
    { id: accountId },
  );
  return node.profile;
}

async function revisionsOf(api: Api, accountId: string, section: string): Promise<Revision[]> {
  const { node } = await api.gql<{ node: { profileHistory: Revision[] } }>(
    'query ($id: ID!, $section: AccountProfileSection) { node(id: $id) { ... on Account { profileHistory(first: 100, section: $section) { section before after } } } }',
    { id: accountId, section },
  );
  return node.profileHistory;
}

/** One of ana's accounts (by its place in her list, so that each test has its own). */
async function anaAccount(api: Api, index: number): Promise<AccountRef> {
  const { accounts } = await api.gql<{ accounts: { edges: { node: AccountRef & { status: string } }[] } }>(
    '{ accounts(first: 100, orderBy: { field: NAME, direction: ASC }) { edges { node { id name status } } } }',
  );
  const active = accounts.edges.map((e) => e.node).filter((a) => a.status !== 'ARCHIVED');
  const account = active[index];
  if (!account) throw new Error(`ana has no account number ${index}`);
  return account;
}

async function signInSpanish(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel(text(es, 'login_email'), { exact: true }).fill(email);
  await page.getByLabel(text(es, 'login_password'), { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: text(es, 'login_submit'), exact: true }).click();
  await expect(page.getByRole('button', { name: text(es, 'logout'), exact: true })).toBeVisible();
}

/** From the account page, through its "know the client" block. */
async function openProfile(page: Page, messages: Messages, account: AccountRef) {
  await page.goto(`/accounts/${account.id}`);
  await expect(page.getByRole('heading', { level: 1, name: account.name })).toBeVisible();
  const summary = page.getByRole('region', { name: text(messages, 'account_profile') });
  // All nine sections are on the account page, written or not.
  await expect(summary.getByRole('term')).toHaveCount(9);
  await summary.getByRole('link', { name: text(messages, 'profile_open'), exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: text(messages, 'account_profile') }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: text(messages, 'profile_vision') })).toBeVisible();
}

function section(page: Page, messages: Messages, key: string): Locator {
  return page.getByRole('region', { name: text(messages, key), exact: true });
}

/** Opens a section's editor, types the text and saves it. */
async function writeSection(page: Page, messages: Messages, key: string, value: string) {
  const name = text(messages, key);
  await section(page, messages, key)
    .getByRole('button', { name: text(messages, 'profile_edit_section', { section: name }) })
    .click();
  await page.getByLabel(text(messages, 'profile_text_label', { section: name }), { exact: true }).fill(value);
  await section(page, messages, key)
    .getByRole('button', { name: text(messages, 'profile_save'), exact: true })
    .click();
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ rule: violation.id, targets: violation.nodes.map((n) => n.target.join(' ')) }));
}

test.describe('in Spanish on a phone (360 px)', () => {
  test.use({ locale: 'es-ES' });

  test('fill the vision, read it back through the API, change it and read the change in the history', async ({
    page,
  }, testInfo) => {
    const api = await apiAs('ana@clave.dev');
    const account = await anaAccount(api, 0);
    const tag = randomUUID().slice(0, 8);
    const first = `Ser la cadena de referencia en frescos del norte ${tag}, con marca propia fuerte.`;
    const second = `Ser la cadena de referencia en lácteos del norte ${tag}, con marca propia fuerte.`;

    await signInSpanish(page, 'ana@clave.dev');
    await openProfile(page, es, account);

    await writeSection(page, es, 'profile_vision', first);
    await expect(page.getByText(text(es, 'profile_saved_notice'))).toBeVisible();
    await expect.poll(async () => (await profileOf(api, account.id)).vision).toBe(first);
    await expect(section(page, es, 'profile_vision').getByText(first)).toBeVisible();

    // Change it again: the history says who, and what changed (before → after).
    await writeSection(page, es, 'profile_vision', second);
    await expect.poll(async () => (await profileOf(api, account.id)).vision).toBe(second);
    const history = page.getByRole('region', { name: text(es, 'profile_changes_title') });
    const latest = history.getByRole('listitem').first();
    await expect(latest).toContainText('Ana');
    await expect(latest.getByRole('heading', { level: 3, name: text(es, 'profile_vision') })).toBeVisible();
    await expect(latest.locator('del')).toHaveText(`${text(es, 'profile_diff_removed')}frescos`);
    await expect(latest.locator('ins')).toHaveText(`${text(es, 'profile_diff_added')}lácteos`);
    // The change before it wrote the whole text.
    await expect(history.getByRole('listitem').nth(1).locator('ins')).toContainText(first);

    // A long section changed at its end: the change shows with the unchanged text folded, and both
    // texts can be read in full.
    const longBefore = `${'Abrir tiendas de proximidad en cada capital del norte. '.repeat(8)}Plazo: 2027.`;
    const longAfter = longBefore.replace('Plazo: 2027.', 'Plazo: 2028.');
    await writeSection(page, es, 'profile_strategies', longBefore);
    await expect.poll(async () => (await profileOf(api, account.id)).strategies).toBe(longBefore);
    await writeSection(page, es, 'profile_strategies', longAfter);
    await expect.poll(async () => (await profileOf(api, account.id)).strategies).toBe(longAfter);
    const folded = history.getByRole('listitem').first();
    await expect(
      folded.getByRole('heading', { level: 3, name: text(es, 'profile_strategies') }),
    ).toBeVisible();
    await expect(folded.locator('del')).toHaveText(`${text(es, 'profile_diff_removed')}2027.`);
    await expect(folded.locator('ins')).toHaveText(`${text(es, 'profile_diff_added')}2028.`);
    await expect(folded.getByText('[…]')).toBeVisible();
    await folded.getByText(text(es, 'profile_show_full'), { exact: true }).click();
    await expect(folded.getByText(longBefore, { exact: true })).toBeVisible();
    await expect(folded.getByText(longAfter, { exact: true })).toBeVisible();
    await folded.screenshot({ path: testInfo.outputPath('profile-change-folded-360-es.png') });

    // Filtered by section: only vision changes, or none of them.
    const filter = page.getByLabel(text(es, 'profile_changes_filter'), { exact: true });
    await filter.selectOption({ label: text(es, 'profile_vision') });
    const headings = history.getByRole('heading', { level: 3 });
    await expect(headings.first()).toHaveText(text(es, 'profile_vision'));
    for (const heading of await headings.allTextContents()) expect(heading).toBe(text(es, 'profile_vision'));
    await filter.selectOption({ label: text(es, 'profile_fears') });
    await expect(history.getByText(second)).toHaveCount(0);
    await filter.selectOption({ label: text(es, 'profile_changes_all') });

    // A section open for editing is part of the screen a KAM sees.
    await section(page, es, 'profile_history')
      .getByRole('button', {
        name: text(es, 'profile_edit_section', { section: text(es, 'profile_history') }),
      })
      .click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('profile-360-es.png'), fullPage: true });
    const box = await page.locator('main').boundingBox();
    expect(box?.width ?? 0).toBeLessThanOrEqual(360);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(360);

    // Back on the account page, the vision shows with the other eight sections.
    await page.goto(`/accounts/${account.id}`);
    const summary = page.getByRole('region', { name: text(es, 'account_profile') });
    await expect(summary.getByText(second)).toBeVisible();
    await summary.screenshot({ path: testInfo.outputPath('account-profile-summary-360-es.png') });
    await api.dispose();
  });
});

test('a section written offline waits on the phone and is delivered once after reconnecting', async ({
  page,
  context,
}) => {
  const api = await apiAs('ana@clave.dev');
  const account = await anaAccount(api, 1);
  const tag = randomUUID();
  const threat = `Entrada de un discounter alemán en la zona ${tag}`;

  await signInForOffline(page, 'ana@clave.dev', signIn);
  await openProfile(page, en, account);
  await context.setOffline(true);
  await expect(page.getByText(text(en, 'offline_banner'))).toBeVisible();

  await writeSection(page, en, 'profile_threats', threat);
  await expect(page.getByText(text(en, 'profile_saved_notice'))).toBeVisible();
  await expect(section(page, en, 'profile_threats').getByText(threat)).toBeVisible();
  await expect(section(page, en, 'profile_threats').getByText(text(en, 'profile_waiting'))).toBeVisible();
  await expectPending(page, 1);
  expect((await profileOf(api, account.id)).threats).not.toBe(threat);

  await context.setOffline(false);
  await expectPending(page, 0);
  await expect.poll(async () => (await profileOf(api, account.id)).threats).toBe(threat);
  await expect(section(page, en, 'profile_threats').getByText(text(en, 'profile_waiting'))).toHaveCount(0);
  // Stored once: one change of the section with this text.
  const changes = await revisionsOf(api, account.id, 'threats');
  expect(changes.filter((change) => change.after === threat)).toHaveLength(1);
  // Its change is in the history on screen.
  const history = page.getByRole('region', { name: text(en, 'profile_changes_title') });
  const latest = history.getByRole('listitem').first();
  await expect(latest.getByRole('heading', { level: 3, name: text(en, 'profile_threats') })).toBeVisible();
  await expect(latest.locator('ins').last()).toContainText(tag);
  await api.dispose();
});

test('an offline edit that meets a newer one shows both texts; keeping mine sends it over the new version', async ({
  page,
  context,
}, testInfo) => {
  const api = await apiAs('ana@clave.dev');
  const account = await anaAccount(api, 2);
  const mine = `Mi historia del cliente ${randomUUID()}`;
  const theirs = `La historia que escribió otra persona ${randomUUID()}`;

  await signInForOffline(page, 'ana@clave.dev', signIn);
  await openProfile(page, en, account);
  await context.setOffline(true);
  await writeSection(page, en, 'profile_history', mine);
  await expectPending(page, 1);

  // Meanwhile someone else writes the same section.
  const { version } = await profileOf(api, account.id);
  await api.gql(
    'mutation ($accountId: ID!, $input: UpdateAccountProfileInput!) { updateAccountProfile(accountId: $accountId, input: $input) { __typename } }',
    { accountId: account.id, input: { expectedVersion: version, history: theirs } },
  );

  await context.setOffline(false);
  const conflict = page.getByRole('region', { name: text(en, 'profile_conflict_title') });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByText(mine)).toBeVisible();
  await expect(conflict.getByText(theirs)).toBeVisible();
  await expect(conflict.getByRole('radio', { name: text(en, 'profile_conflict_keep_mine') })).toBeChecked();
  expect(await seriousViolations(page)).toEqual([]);
  await conflict.screenshot({ path: testInfo.outputPath('profile-conflict-360.png') });
  await conflict.getByRole('button', { name: text(en, 'profile_conflict_apply'), exact: true }).click();
  await expectPending(page, 0);
  await expect.poll(async () => (await profileOf(api, account.id)).historyText).toBe(mine);
  const changes = await revisionsOf(api, account.id, 'history');
  expect(changes[0]).toMatchObject({ before: theirs, after: mine });
  await api.dispose();
});

test.describe('at a desk (1440 px)', () => {
  test.use({ viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false });

  test('the sections use the width: two columns of sections', async ({ page }, testInfo) => {
    const api = await apiAs('ana@clave.dev');
    const account = await anaAccount(api, 0);
    await signIn(page, 'ana@clave.dev');
    await openProfile(page, en, account);
    const history = await section(page, en, 'profile_history').boundingBox();
    const mission = await section(page, en, 'profile_mission').boundingBox();
    const vision = await section(page, en, 'profile_vision').boundingBox();
    if (!history || !mission || !vision) throw new Error('A section is not on screen');
    // Side by side, each far wider than a phone's column, the next one on the row below.
    expect(Math.abs(history.y - mission.y)).toBeLessThan(2);
    expect(mission.x).toBeGreaterThan(history.x + history.width - 1);
    expect(history.width).toBeGreaterThan(480);
    expect(vision.y).toBeGreaterThan(history.y);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('profile-1440.png'), fullPage: true });
    await api.dispose();
  });
});
