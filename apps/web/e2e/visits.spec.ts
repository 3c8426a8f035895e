import { randomUUID } from 'node:crypto';
import { logVisit, openAccount, visitsWithPurpose } from './flows';
import { apiAs, expect, expectPending, signIn, test } from './support';

test('a visit logged online from an account page is stored exactly once', async ({ page }) => {
  const api = await apiAs('ana@clave.dev');
  const { accounts } = await api.gql<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
    '{ accounts(first: 1) { edges { node { id name } } } }',
  );
  const account = accounts.edges[0]?.node;
  if (!account) throw new Error('ana has no account');
  const purpose = `Quarterly review ${randomUUID()}`;

  await signIn(page, 'ana@clave.dev');
  await openAccount(page, account);
  await logVisit(page, { purpose, acceptance: 4, notes: 'Asked for the new price list.' });

  // Back on the account page, with nothing left waiting to be sent.
  await expect(page.getByRole('heading', { level: 1, name: account.name })).toBeVisible();
  await expectPending(page, 0);
  // The page refreshes itself once the server has the visit: it is listed without reopening.
  await expect(page.getByText(purpose)).toBeVisible();

  const stored = await visitsWithPurpose(api, purpose);
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ acceptance: 4, account: { id: account.id } });
  await api.dispose();
});
