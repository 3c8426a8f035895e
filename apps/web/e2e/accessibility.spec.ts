import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { openAccount } from './flows';
import { apiAs, en, expect, signIn, test, text } from './support';

/** WCAG 2.1 A and AA rules; only serious and critical findings fail the test. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

test('the login page has no serious or critical accessibility violation', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: text(en, 'login_title') })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('the signed-in home has no serious or critical accessibility violation', async ({ page }) => {
  await signIn(page, 'ana@clave.dev');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Wait until the first data has arrived, so the page is checked with its content.
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
});

test('the visit form has no serious or critical accessibility violation', async ({ page }) => {
  const api = await apiAs('ana@clave.dev');
  const { accounts } = await api.gql<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
    '{ accounts(first: 1) { edges { node { id name } } } }',
  );
  await api.dispose();
  const account = accounts.edges[0]?.node;
  if (!account) throw new Error('ana has no account');

  await signIn(page, 'ana@clave.dev');
  await openAccount(page, account);
  await page.getByRole('link', { name: text(en, 'log_visit_cta'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: text(en, 'visit_title') })).toBeVisible();
  await expect(page.getByRole('main').getByText(account.name, { exact: true })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
