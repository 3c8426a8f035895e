import { randomUUID } from 'node:crypto';
import { type ActionRef, logVisit, openAccount, openActionOf, visitsWithPurpose } from './flows';
import { type Api, apiAs, en, expect, expectPending, signIn, test, text } from './support';

interface StoredAction {
  progress: number;
  version: number;
  updates: { note: string }[];
}

async function storedAction(api: Api, id: string): Promise<StoredAction> {
  const { node } = await api.gql<{ node: StoredAction }>(
    'query ($id: ID!) { node(id: $id) { ... on PlanAction { progress version updates { note } } } }',
    { id },
  );
  return node;
}

test('writes made offline survive a reload and are stored exactly once when back online', async ({
  page,
  context,
}) => {
  const api = await apiAs('ana@clave.dev');
  const action: ActionRef = await openActionOf(api);
  const account = action.account;
  const purpose = `Visit without coverage ${randomUUID()}`;
  const note = `Agreed on the shelf layout ${randomUUID()}`;

  // Online: sign in and let the service worker take control, so the app can open without a network.
  await signIn(page, 'ana@clave.dev');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null))
    .toBe('activated');

  // Open the account and the action once online: their data is kept on the device.
  await openAccount(page, account);
  await page.getByRole('main').getByRole('link', { name: action.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: action.title })).toBeVisible();
  await page
    .getByRole('main')
    .getByRole('link', { name: `← ${account.name}` })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: account.name })).toBeVisible();

  await context.setOffline(true);
  await expect(page.getByText(text(en, 'offline_banner'))).toBeVisible();

  // A visit, logged with no connection.
  await logVisit(page, { purpose, acceptance: 3, notes: 'Written in the car park.' });
  await expect(page.getByRole('heading', { level: 1, name: account.name })).toBeVisible();
  await expectPending(page, 1);

  // An update of the plan action: five points more progress and a note.
  await page.getByRole('main').getByRole('link', { name: action.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: action.title })).toBeVisible();
  const progress = page.getByRole('slider', { name: text(en, 'action_progress') });
  await expect(progress).toHaveValue(String(action.progress));
  await progress.focus();
  await progress.press('ArrowRight');
  await expect(progress).toHaveValue(String(action.progress + 5));
  await page.getByLabel(text(en, 'action_note'), { exact: true }).fill(note);
  await page.getByRole('button', { name: text(en, 'action_save'), exact: true }).click();
  await expect(page.getByText(text(en, 'action_update_pending'))).toBeVisible();
  await expectPending(page, 2);

  // Reloading with no network: the shell comes from the service worker, the writes from IndexedDB.
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await expect(page.getByRole('heading', { level: 1, name: action.title })).toBeVisible();
  await expect(page.getByText(text(en, 'offline_banner'))).toBeVisible();
  await expectPending(page, 2);
  expect(await visitsWithPurpose(api, purpose)).toHaveLength(0);

  // Back online: both writes go out by themselves.
  await context.setOffline(false);
  await expectPending(page, 0);

  const visits = await visitsWithPurpose(api, purpose);
  expect(visits).toHaveLength(1);
  expect(visits[0]).toMatchObject({ acceptance: 3, account: { id: account.id } });

  const stored = await storedAction(api, action.id);
  expect(stored.progress).toBe(action.progress + 5);
  expect(stored.version).toBe(action.version + 1);
  expect(stored.updates.filter((update) => update.note === note)).toHaveLength(1);
  await api.dispose();
});
