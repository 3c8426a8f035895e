import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { type Api, apiAs, DEMO_PASSWORD, en, es, expect, signIn, test, text } from './support';

/**
 * The audit trail people read (issue 14, item 5): a manager filters the audit log by account and
 * downloads it as CSV at a desk; a plan action's history shows its status change before → after,
 * at a desk and on a Spanish phone.
 */

interface MadeAction {
  id: string;
  title: string;
  account: { id: string; name: string };
}

/** A fresh action of one of ana's accounts, moved from Planned to In progress by ana (through the API). */
async function actionMovedToInProgress(api: Api): Promise<MadeAction> {
  const { me } = await api.gql<{ me: { id: string } }>('{ me { id } }');
  const { accounts } = await api.gql<{
    accounts: { edges: { node: { id: string; name: string; activePlan: { id: string } | null } }[] };
  }>('{ accounts(first: 100) { edges { node { id name activePlan { id } } } } }');
  const account = accounts.edges.map((e) => e.node).find((a) => a.activePlan !== null);
  if (!account?.activePlan) throw new Error('ana has no account with an active plan');
  const title = `Auditoría ${randomUUID().slice(0, 8)}`;
  const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const { createPlanAction } = await api.gql<{ createPlanAction: { data: { id: string; version: number } } }>(
    `mutation ($input: CreatePlanActionInput!) {
      createPlanAction(input: $input) { ... on CreatePlanActionSuccess { data { id version } } }
    }`,
    { input: { planId: account.activePlan.id, title, ownerId: me.id, dueDate: due } },
  );
  const { updatePlanAction } = await api.gql<{ updatePlanAction: { __typename: string } }>(
    `mutation ($id: ID!, $input: UpdatePlanActionInput!) {
      updatePlanAction(id: $id, input: $input) { __typename }
    }`,
    {
      id: createPlanAction.data.id,
      input: { expectedVersion: createPlanAction.data.version, status: 'IN_PROGRESS' },
    },
  );
  expect(updatePlanAction.__typename).toBe('UpdatePlanActionSuccess');
  return { id: createPlanAction.data.id, title, account: { id: account.id, name: account.name } };
}

/** Opens the history section of the page and returns the entry that changed the status. */
async function statusChangeIn(page: Page, messages: typeof en) {
  const history = page.getByTestId('history');
  await history.getByText(text(messages, 'audit_history'), { exact: true }).click();
  // The newest entry: the move; the creation below it also names a status.
  const change = history
    .getByTestId('history-entry')
    .first()
    .getByTestId('history-change')
    .filter({ hasText: text(messages, 'audit_field_status') });
  await expect(change).toHaveCount(1);
  return change;
}

test.describe('at a desk (1440 px)', () => {
  test.use({ viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false });

  test('a manager filters the audit log by account and downloads it as CSV', async ({ page }, testInfo) => {
    const ana = await apiAs('ana@clave.dev');
    const action = await actionMovedToInProgress(ana);
    await ana.dispose();

    await signIn(page, 'marta@clave.dev');
    await page.goto('/desk/audit');
    await expect(page.getByRole('heading', { name: text(en, 'audit_log_title'), level: 1 })).toBeVisible();
    const filters = page.getByTestId('audit-filters');
    const accountSelect = filters.getByRole('combobox', {
      name: text(en, 'audit_filter_account'),
      exact: true,
    });
    await accountSelect.selectOption({ label: action.account.name });
    await filters.getByRole('combobox', { name: text(en, 'audit_filter_kind'), exact: true }).selectOption({
      label: text(en, 'audit_kind_PlanAction'),
    });
    await filters.getByRole('button', { name: text(en, 'audit_filter_apply'), exact: true }).click();
    await expect(page).toHaveURL(/[?&]account=/);

    const rows = page.getByTestId('audit-row');
    const moved = rows.filter({ hasText: text(en, 'action_status_in_progress') }).first();
    await expect(moved).toContainText(action.account.name);
    await expect(moved).toContainText('Ana Rodríguez');
    await expect(moved).toContainText(
      `${text(en, 'action_status_planned')} → ${text(en, 'action_status_in_progress')}`,
    );
    // Every row is of the chosen account.
    for (const cell of await rows.locator('td:nth-child(3)').allTextContents()) {
      expect(cell.trim()).toBe(action.account.name);
    }
    await page.screenshot({ path: testInfo.outputPath('audit-log-1440.png'), fullPage: true });

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: text(en, 'audit_export'), exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^clave-audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...lines] = csv.slice(1).trim().split('\r\n');
    expect(header).toBe(
      [
        'audit_col_when',
        'audit_col_who',
        'audit_col_account',
        'audit_col_what',
        'audit_filter_kind',
        'audit_col_field',
        'audit_before',
        'audit_after',
      ]
        .map((key) => text(en, key))
        .join(','),
    );
    expect(
      lines.some(
        (line) =>
          line.includes(text(en, 'action_status_planned')) &&
          line.includes(text(en, 'action_status_in_progress')),
      ),
    ).toBe(true);
    expect(lines.every((line) => line.includes(action.account.name))).toBe(true);
  });

  test("a plan action's history shows its status change before → after", async ({ page }, testInfo) => {
    const ana = await apiAs('ana@clave.dev');
    const action = await actionMovedToInProgress(ana);
    await ana.dispose();

    await signIn(page, 'ana@clave.dev');
    await page.goto(`/actions/${action.id}`);
    const change = await statusChangeIn(page, en);
    await expect(change).toContainText(text(en, 'action_status_planned'));
    await expect(change).toContainText(text(en, 'action_status_in_progress'));
    const entry = page.getByTestId('history-entry').first();
    await expect(entry).toContainText('Ana Rodríguez');
    await expect(entry).toContainText(text(en, 'audit_action_UPDATE'));
    await page.screenshot({ path: testInfo.outputPath('action-history-1440.png'), fullPage: true });

    // The same list on the account's page (its own changes and revenue).
    await page.goto(`/accounts/${action.account.id}`);
    const history = page.getByTestId('history');
    await history.getByText(text(en, 'audit_history'), { exact: true }).click();
    await expect(
      history.getByText(text(en, 'audit_history_empty')).or(history.getByTestId('history-entry').first()),
    ).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('account-history-1440.png'), fullPage: true });
  });
});

test.describe('on a Spanish phone (360 px)', () => {
  test.use({ locale: 'es-ES' });

  test('the history of an action, in Spanish', async ({ page }, testInfo) => {
    const ana = await apiAs('ana@clave.dev');
    const action = await actionMovedToInProgress(ana);
    await ana.dispose();

    await page.goto('/login');
    await page.getByLabel(text(es, 'login_email'), { exact: true }).fill('ana@clave.dev');
    await page.getByLabel(text(es, 'login_password'), { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: text(es, 'login_submit'), exact: true }).click();
    await expect(page.getByRole('button', { name: text(es, 'logout'), exact: true })).toBeVisible();

    await page.goto(`/actions/${action.id}`);
    const change = await statusChangeIn(page, es);
    await expect(change).toContainText(text(es, 'action_status_planned'));
    await expect(change).toContainText(text(es, 'action_status_in_progress'));
    const creation = page.getByTestId('history-entry').last();
    await expect(creation).toContainText(text(es, 'audit_action_CREATE'));
    await expect(creation).toContainText(action.title);
    // Nothing sticks out of a phone's width.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByTestId('history').scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('action-history-360-es.png'), fullPage: true });
  });

  test('the audit log reads in Spanish on a phone too', async ({ page }, testInfo) => {
    await page.goto('/login');
    await page.getByLabel(text(es, 'login_email'), { exact: true }).fill('marta@clave.dev');
    await page.getByLabel(text(es, 'login_password'), { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: text(es, 'login_submit'), exact: true }).click();
    await expect(page.getByRole('button', { name: text(es, 'logout'), exact: true })).toBeVisible();
    await page.goto('/desk/audit');
    await expect(page.getByRole('heading', { name: text(es, 'audit_log_title'), level: 1 })).toBeVisible();
    await expect(page.getByTestId('audit-row').first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: testInfo.outputPath('audit-log-360-es.png'), fullPage: false });
  });
});
