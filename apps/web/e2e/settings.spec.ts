import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, type Page, request } from '@playwright/test';
import { en, expect, serverUrl, signIn, test, text } from './support';

/** WCAG 2.1 A and AA rules; only serious and critical findings fail the test. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

/** A third party's HTTP client: no cookies, only the bearer token. */
async function asThirdParty(secret: string): Promise<{
  gql: (query: string, variables?: Record<string, unknown>) => Promise<{ status: number; body: GqlBody }>;
  dispose: () => Promise<void>;
}> {
  const context: APIRequestContext = await request.newContext({ baseURL: serverUrl() });
  return {
    gql: async (query, variables = {}) => {
      const response = await context.post('/graphql', {
        data: { query, variables },
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      });
      return { status: response.status(), body: (await response.json()) as GqlBody };
    },
    dispose: () => context.dispose(),
  };
}

interface GqlBody {
  // biome-ignore lint/suspicious/noExplicitAny: each call reads its own shape
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string; scope?: string } }[];
}

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('a user creates a read-only API token, a third party reads with it but cannot write, and revoking it locks them out', async ({
  page,
}) => {
  const name = `Power BI ${Date.now()}`;
  await signIn(page, 'ana@clave.dev');
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: text(en, 'settings_title') })).toBeVisible();

  // Create: a name, one read scope, the suggested expiry.
  await page.getByLabel(text(en, 'token_name'), { exact: true }).fill(name);
  await page.getByRole('checkbox', { name: 'read:accounts', exact: true }).check();
  await page.getByRole('button', { name: text(en, 'token_create'), exact: true }).click();

  // The secret, once, with the warning and a copy button.
  const secretBox = page.getByRole('region', { name: text(en, 'token_secret_title') });
  await expect(secretBox).toBeVisible();
  await expect(secretBox.getByText(text(en, 'token_secret_warning'))).toBeVisible();
  const secret = await secretBox.getByLabel(text(en, 'token_secret_label', { name })).inputValue();
  expect(secret).toMatch(/^clave_/);
  await secretBox.getByRole('button', { name: text(en, 'token_copy'), exact: true }).click();
  await expect(secretBox.getByText(text(en, 'token_copied'))).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  expect(await seriousViolations(page)).toEqual([]);
  await secretBox.getByRole('button', { name: text(en, 'token_secret_done'), exact: true }).click();
  await expect(secretBox).toBeHidden();
  await expect(page.getByLabel(text(en, 'token_secret_label', { name }))).toHaveCount(0);

  // Listed, active, with its scope.
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });
  await expect(card.getByText(text(en, 'token_state_active'), { exact: true })).toBeVisible();
  await expect(card.getByText('read:accounts', { exact: true })).toBeVisible();
  await expect(card.getByText(text(en, 'token_never_used'), { exact: true })).toBeVisible();

  // The third party reads Ana's accounts, and nothing else may be written with the token.
  const third = await asThirdParty(secret);
  const read = await third.gql('{ accounts(first: 100) { totalCount edges { node { name } } } }');
  expect(read.status).toBe(200);
  expect(read.body.data?.accounts.totalCount).toBe(4);
  const write = await third.gql(
    'mutation($input: LogVisitInput!) { logVisit(input: $input) { __typename } }',
    {
      input: {
        id: crypto.randomUUID(),
        accountId: 'QWNjb3VudDowMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDA=',
        occurredAt: new Date().toISOString(),
        kind: 'PHONE',
        purpose: 'Should never be stored',
        acceptance: 3,
      },
    },
  );
  expect(write.body.data?.logVisit ?? null).toBeNull();
  expect(write.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', scope: 'write:visits' });

  // Its use shows up; then it is revoked, after a confirmation.
  await page.reload();
  await expect(card.getByText(text(en, 'token_never_used'), { exact: true })).toHaveCount(0);
  await card.getByRole('button', { name: text(en, 'token_revoke'), exact: true }).click();
  await expect(card.getByText(text(en, 'token_revoke_confirm', { name }))).toBeVisible();
  await card.getByRole('button', { name: text(en, 'token_revoke_yes'), exact: true }).click();
  await expect(page.getByText(text(en, 'token_revoked_done', { name }))).toBeVisible();
  await expect(card.getByText(text(en, 'token_state_revoked'), { exact: true })).toBeVisible();
  await expect(card.getByRole('button', { name: text(en, 'token_revoke'), exact: true })).toHaveCount(0);

  const after = await third.gql('{ accounts(first: 1) { totalCount } }');
  expect(after.status).toBe(401);
  expect(after.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  await third.dispose();
  expect(await seriousViolations(page)).toEqual([]);
});

test('the token settings say clearly that they need a connection', async ({ page, context }) => {
  await signIn(page, 'ana@clave.dev');
  await page.goto('/settings');
  await expect(page.getByRole('button', { name: text(en, 'token_create'), exact: true })).toBeVisible();
  await context.setOffline(true);
  await expect(page.getByText(text(en, 'tokens_offline'))).toBeVisible();
  await expect(page.getByRole('button', { name: text(en, 'token_create'), exact: true })).toHaveCount(0);
  await context.setOffline(false);
  await expect(page.getByRole('button', { name: text(en, 'token_create'), exact: true })).toBeVisible();
});

test('a token name, a scope and an expiry within a year are required, with a clear message', async ({
  page,
}) => {
  await signIn(page, 'ana@clave.dev');
  await page.goto('/settings');
  const create = page.getByRole('button', { name: text(en, 'token_create'), exact: true });
  await create.click();
  await expect(page.getByRole('alert')).toHaveText(text(en, 'token_form_name_required'));
  await page.getByLabel(text(en, 'token_name'), { exact: true }).fill('ERP');
  await create.click();
  await expect(page.getByRole('alert')).toHaveText(text(en, 'token_form_scope_required'));
  await page.getByRole('checkbox', { name: 'write:kpis', exact: true }).check();
  await page.getByLabel(text(en, 'token_expiry'), { exact: true }).fill('2099-01-01');
  await create.click();
  const [before] = text(en, 'token_form_expiry_invalid').split('{min}');
  await expect(page.getByRole('alert')).toContainText(before ?? '');
  await expect(page.getByRole('region', { name: text(en, 'token_secret_title') })).toHaveCount(0);
});
