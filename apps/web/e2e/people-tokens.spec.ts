import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { type Api, apiAs, DEMO_PASSWORD, en, es, expect, serverUrl, test, text } from './support';

/**
 * People, tokens, address and yearly revenue from the screens: an admin revokes another person's
 * API token (and the token stops working); an account's address typed in the form shows on the
 * account page with a directions link; a year without months gets its revenue typed the Spanish
 * way ("1.500.000,50" → 1500000.5), while a year with months is refused with the API's reason.
 */

async function signInAs(page: Page, messages: typeof en, email: string) {
  await page.goto('/login');
  await page.getByLabel(text(messages, 'login_email'), { exact: true }).fill(email);
  await page.getByLabel(text(messages, 'login_password'), { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: text(messages, 'login_submit'), exact: true }).click();
  await expect(page.getByRole('button', { name: text(messages, 'logout'), exact: true })).toBeVisible();
}

async function noHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Screenshots kept with the test's output (under --output), to look at the screens. */
const shot = (name: string) => test.info().outputPath(`${name}.png`);

/** Accounts this file made: archived once it is done, so other files still find Ana's four. */
const madeHere: string[] = [];

test.afterAll(async () => {
  const marta = await apiAs('marta@clave.dev');
  for (const id of madeHere) {
    const { archiveAccount } = await marta.gql<{ archiveAccount: { __typename: string } }>(
      'mutation ($id: ID!) { archiveAccount(id: $id) { __typename } }',
      { id },
    );
    expect(archiveAccount.__typename).toBe('ArchiveAccountSuccess');
  }
  await marta.dispose();
});

/** A fresh account of Marta's team (owner Ana), archived when the file is done. */
async function newAccount(marta: Api, name: string): Promise<string> {
  const { users } = await marta.gql<{ users: { edges: { node: { id: string; email: string } }[] } }>(
    '{ users(first: 100, role: KAM) { edges { node { id email } } } }',
  );
  const ana = users.edges.find((edge) => edge.node.email === 'ana@clave.dev')?.node.id;
  const { createAccount } = await marta.gql<{ createAccount: { __typename: string; data: { id: string } } }>(
    'mutation ($input: CreateAccountInput!) { createAccount(input: $input) { __typename ... on CreateAccountSuccess { data { id } } } }',
    { input: { name, segment: 'Alimentación', tier: 'KEY', ownerId: ana } },
  );
  expect(createAccount.__typename).toBe('CreateAccountSuccess');
  madeHere.push(createAccount.data.id);
  return createAccount.data.id;
}

test.describe('an admin at a desk', () => {
  test.use({ viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false });

  test("revokes another person's API token, which stops working at once", async ({ page }) => {
    const ana = await apiAs('ana@clave.dev');
    const admin = await apiAs('admin@clave.dev');
    const name = `Power BI ${randomUUID().slice(0, 8)}`;
    const { createApiToken } = await ana.gql<{
      createApiToken: { data: { secret: string; token: { id: string } } };
    }>(
      'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { ... on CreateApiTokenSuccess { data { secret token { id } } } } }',
      {
        input: {
          name,
          scopes: ['READ_ACCOUNTS'],
          expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        },
      },
    );
    const { secret, token } = createApiToken.data;
    const asToken = async () => {
      const response = await fetch(`${serverUrl()}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify({ query: '{ accounts(first: 1) { totalCount } }' }),
      });
      return response.status;
    };
    expect(await asToken()).toBe(200);

    await signInAs(page, en, 'admin@clave.dev');
    await page.goto('/settings');
    await page.getByRole('link', { name: text(en, 'settings_admin_tokens_link') }).click();
    await expect(page.getByRole('heading', { level: 1, name: text(en, 'admin_tokens_title') })).toBeVisible();
    await page
      .getByLabel(text(en, 'admin_tokens_person'), { exact: true })
      .selectOption({ label: 'Ana Rodríguez · ana@clave.dev' });
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });
    await expect(item).toContainText('Ana Rodríguez');
    await expect(item).toContainText('read:accounts');
    await expect(item).toContainText(text(en, 'token_state_active'));
    await expect(page.getByText(secret)).toHaveCount(0);
    await page.screenshot({ path: shot('admin-tokens-1440'), fullPage: true });

    await item.getByRole('button', { name: text(en, 'token_revoke'), exact: true }).click();
    await expect(item).toContainText(
      text(en, 'admin_token_revoke_confirm', { name, person: 'Ana Rodríguez' }),
    );
    await item.getByRole('button', { name: text(en, 'token_revoke_yes'), exact: true }).click();
    await expect(
      page.getByText(text(en, 'admin_token_revoked', { name, person: 'Ana Rodríguez' })),
    ).toBeVisible();
    await expect(item).toContainText(text(en, 'token_state_revoked'));

    // The server's view: revoked, and the token is refused.
    expect(await asToken()).toBe(401);
    const { apiTokens } = await admin.gql<{
      apiTokens: { edges: { node: { id: string; revokedAt: string | null } }[] };
    }>('{ apiTokens(first: 100) { edges { node { id revokedAt } } } }');
    expect(apiTokens.edges.find((edge) => edge.node.id === token.id)?.node.revokedAt).toBeTruthy();
    await ana.dispose();
    await admin.dispose();
  });

  test('sees the yearly revenue beside the months, on a wide screen', async ({ page }) => {
    const marta = await apiAs('marta@clave.dev');
    const id = await newAccount(marta, `Conservas Ría ${randomUUID().slice(0, 6)}`);
    const lastYear = new Date().getFullYear() - 1;
    await marta.gql(
      'mutation ($input: RecordMonthlyRevenueInput!) { recordMonthlyRevenue(input: $input) { __typename } }',
      { input: { accountId: id, months: [{ month: `${lastYear}-03`, amount: 1000 }] } },
    );
    await signInAs(page, en, 'marta@clave.dev');
    await page.goto(`/accounts/${id}/revenue`);
    await expect(page.getByRole('heading', { name: text(en, 'revenue_yearly_title') })).toBeVisible();
    await expect(
      page
        .getByRole('listitem')
        .filter({ hasText: String(lastYear) })
        .filter({ hasText: text(en, 'revenue_yearly_from_months') }),
    ).toBeVisible();
    await noHorizontalOverflow(page);
    await page.screenshot({ path: shot('yearly-revenue-1440'), fullPage: true });
    await marta.dispose();
  });
});

test.describe('in Spanish on a phone', () => {
  test.use({ locale: 'es-ES' });

  test("an admin reads everyone's tokens on the phone", async ({ page }) => {
    const luis = await apiAs('luis@clave.dev');
    const name = `Informe semanal de cobertura de visitas ${randomUUID().slice(0, 8)}`;
    await luis.gql(
      'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { __typename } }',
      {
        input: {
          name,
          scopes: ['READ_VISITS', 'READ_ACCOUNTS', 'WRITE_VISITS'],
          expiresAt: new Date(Date.now() + 60 * 86_400_000).toISOString(),
        },
      },
    );
    await signInAs(page, es, 'admin@clave.dev');
    await page.goto('/settings/tokens');
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });
    await expect(item).toContainText('Luis Ferrer');
    await expect(item).toContainText(text(es, 'token_never_used'));
    await noHorizontalOverflow(page);
    await item.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('admin-tokens-360-es') });
    await luis.dispose();
  });

  test('the address typed in the account form shows on the account page with a directions link', async ({
    page,
  }) => {
    const marta = await apiAs('marta@clave.dev');
    const id = await newAccount(marta, `Frutas Osorio ${randomUUID().slice(0, 6)}`);
    await signInAs(page, es, 'marta@clave.dev');
    await page.goto(`/accounts/${id}/edit`);
    const address = 'Calle de Serrano 41, 28001 Madrid';
    await page.getByLabel(text(es, 'account_form_address'), { exact: true }).fill(address);
    await noHorizontalOverflow(page);
    await page.screenshot({ path: shot('account-form-address-360-es'), fullPage: true });
    await page.getByRole('button', { name: text(es, 'account_edit_submit'), exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/accounts/${id}$`));
    await expect(page.getByText(address, { exact: true })).toBeVisible();
    const link = page.getByRole('link', { name: text(es, 'account_directions'), exact: true });
    const href = await link.getAttribute('href');
    const url = new URL(href ?? '');
    expect(url.origin + url.pathname).toBe('https://www.google.com/maps/dir/');
    expect(url.searchParams.get('destination')).toBe(address);
    await noHorizontalOverflow(page);
    await page.screenshot({ path: shot('account-address-360-es') });

    const { node } = await marta.gql<{ node: { address: string | null } }>(
      'query ($id: ID!) { node(id: $id) { ... on Account { address } } }',
      { id },
    );
    expect(node.address).toBe(address);
    await marta.dispose();
  });

  test('a yearly revenue typed "1.500.000,50" is stored as 1500000.5; a year with months is refused', async ({
    page,
  }) => {
    const marta = await apiAs('marta@clave.dev');
    const id = await newAccount(marta, `Lácteos Nalón ${randomUUID().slice(0, 6)}`);
    const year = new Date().getFullYear() - 2;
    const raced = new Date().getFullYear() - 3;
    await signInAs(page, es, 'marta@clave.dev');
    await page.goto(`/accounts/${id}/revenue`);
    const field = page.getByRole('textbox', {
      name: text(es, 'revenue_yearly_amount_label', { year: String(year) }),
      exact: true,
    });
    await field.fill('1.500.000,50');
    await page
      .getByRole('button', { name: text(es, 'revenue_yearly_save', { year: String(year) }), exact: true })
      .click();
    await expect(page.getByText(text(es, 'revenue_yearly_saved', { year: String(year) }))).toBeVisible();
    const revenueOnServer = async () => {
      const { node } = await marta.gql<{ node: { revenue: { year: number; amount: number }[] } }>(
        'query ($id: ID!) { node(id: $id) { ... on Account { revenue { year amount } } } }',
        { id },
      );
      return node.revenue;
    };
    expect((await revenueOnServer()).find((r) => r.year === year)?.amount).toBe(1500000.5);

    // Someone records a month of another year meanwhile: typing that year's total is refused, with the reason.
    await marta.gql(
      'mutation ($input: RecordMonthlyRevenueInput!) { recordMonthlyRevenue(input: $input) { __typename } }',
      { input: { accountId: id, months: [{ month: `${raced}-06`, amount: 2000 }] } },
    );
    await page
      .getByRole('textbox', {
        name: text(es, 'revenue_yearly_amount_label', { year: String(raced) }),
        exact: true,
      })
      .fill('9.999');
    await page
      .getByRole('button', { name: text(es, 'revenue_yearly_save', { year: String(raced) }), exact: true })
      .click();
    await expect(page.getByText('Este año tiene facturación mensual: registra sus meses')).toBeVisible();
    expect((await revenueOnServer()).find((r) => r.year === raced)?.amount).toBe(2000);
    await noHorizontalOverflow(page);
    await page.getByRole('heading', { name: text(es, 'revenue_yearly_title') }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('yearly-revenue-360-es'), fullPage: true });
    await marta.dispose();
  });
});
