import { randomUUID } from 'node:crypto';
import { openAccount } from './flows';
import { apiAs, en, expect, signIn, test, text } from './support';

/**
 * User text is data, never markup: a visit and a stakeholder whose texts carry script tags and
 * event-handler attributes (stored through the API, as a hostile client or a careless import
 * would) are shown as the literal text, and nothing in them runs.
 */
test('stored <script> and <img onerror> in a visit and a stakeholder name render as text and never run', async ({
  page,
}) => {
  const tag = randomUUID().slice(0, 8);
  const purpose = `<img src=x onerror="window.__clave_xss='purpose'"> Review ${tag}`;
  const notes = `<script>window.__clave_xss='notes'</script><img src=x onerror="window.__clave_xss='notes-img'">`;
  const name = `<script>window.__clave_xss='name'</script>Eva <img src=x onerror="window.__clave_xss='name-img'"> ${tag}`;

  const api = await apiAs('ana@clave.dev');
  const { accounts } = await api.gql<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
    '{ accounts(first: 1) { edges { node { id name } } } }',
  );
  const account = accounts.edges[0]?.node;
  if (!account) throw new Error('ana has no account');
  const { logVisit } = await api.gql<{ logVisit: { __typename: string } }>(
    `mutation ($input: LogVisitInput!) { logVisit(input: $input) { __typename } }`,
    {
      input: {
        id: randomUUID(),
        accountId: account.id,
        kind: 'IN_PERSON',
        occurredAt: new Date().toISOString(),
        purpose,
        notes,
        outcomes: notes,
        acceptance: 4,
      },
    },
  );
  expect(logVisit.__typename).toBe('LogVisitSuccess');
  const { createStakeholder } = await api.gql<{
    createStakeholder: { __typename: string; data?: { id: string } };
  }>(
    `mutation ($input: CreateStakeholderInput!) {
      createStakeholder(input: $input) { __typename ... on CreateStakeholderSuccess { data { id } } }
    }`,
    { input: { accountId: account.id, name, title: purpose, decisionRole: 'INFLUENCER' } },
  );
  expect(createStakeholder.__typename).toBe('CreateStakeholderSuccess');
  await api.dispose();

  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const ran = () => page.evaluate(() => (window as { __clave_xss?: string }).__clave_xss ?? null);
  const injected = () => page.locator('main img[src="x"], main script').count();

  // Today: the recent visits list shows the purpose.
  await signIn(page, 'ana@clave.dev');
  await expect(page.getByText(purpose, { exact: true }).first()).toBeVisible();
  expect(await injected()).toBe(0);

  // The account page: the visit's purpose and the stakeholder's name, character for character.
  await openAccount(page, account);
  await expect(page.getByText(purpose, { exact: true }).first()).toBeVisible();
  const person = page.getByText(name, { exact: true }).first();
  await expect(person).toBeVisible();
  expect(await injected()).toBe(0);

  // The stakeholder's own page: the name is the form field's value, unchanged.
  await person.click();
  await expect(
    page.getByRole('heading', { level: 1, name: text(en, 'stakeholder_edit_title') }),
  ).toBeVisible();
  await expect(page.getByLabel(text(en, 'stakeholder_name'), { exact: true })).toHaveValue(name);
  expect(await injected()).toBe(0);

  // Nothing ran, on any of the pages, and no alert was raised.
  expect(await ran()).toBeNull();
  expect(dialogs).toEqual([]);
  // The app shell still works after showing the texts (no markup broke the page).
  await expect(page.getByRole('navigation', { name: text(en, 'nav_label') })).toBeVisible();
});
