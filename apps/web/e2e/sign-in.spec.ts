import { apiAs, en, expect, signIn, test, text } from './support';

test('ana signs in, sees her four accounts, and signs out', async ({ page }) => {
  // What the server says ana may see: the UI must list exactly these.
  const api = await apiAs('ana@clave.dev');
  const { accounts } = await api.gql<{
    accounts: { totalCount: number; edges: { node: { name: string } }[] };
  }>('{ accounts(first: 100) { totalCount edges { node { name } } } }');
  await api.dispose();
  expect(accounts.totalCount).toBe(4);

  await signIn(page, 'ana@clave.dev');
  await page
    .getByRole('navigation', { name: text(en, 'nav_label') })
    .getByRole('link', { name: text(en, 'nav_accounts'), exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: text(en, 'accounts_title') })).toBeVisible();
  const main = page.getByRole('main');
  for (const { node } of accounts.edges) {
    await expect(main.getByRole('link', { name: node.name, exact: true })).toBeVisible();
  }
  await expect(
    main.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2 }) }),
  ).toHaveCount(4);

  await page.getByRole('button', { name: text(en, 'logout'), exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { level: 1, name: text(en, 'login_title') })).toBeVisible();
  // The session is over on the server too: the signed-in pages send her back to the login.
  await page.goto('/accounts');
  await expect(page).toHaveURL(/\/login/);
});
