import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { type Api, apiAs, DEMO_PASSWORD, en, es, expect, signIn, test, text } from './support';

/**
 * Accounts and webhooks from the screens: an admin creates an account, edits its tier and archives
 * it; registers a webhook pointed at a receiver this test runs on 127.0.0.1 (the e2e server allows
 * http and private addresses), sees a visit's delivery in the log and sends it again; and the
 * webhook list works on a phone in Spanish.
 */

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** An HTTP receiver on 127.0.0.1 that answers 204 and keeps what it got. */
async function startReceiver(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/clave`, received, server };
}

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

async function noHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function accountOnServer(api: Api, id: string) {
  const { node } = await api.gql<{
    node: {
      name: string;
      tier: string;
      status: string;
      visitCadenceDays: number;
      owner: { email: string };
      supporters: { email: string }[];
    } | null;
  }>(
    `query ($id: ID!) { node(id: $id) { ... on Account {
      name tier status visitCadenceDays owner { email } supporters { email } } } }`,
    { id },
  );
  return node;
}

test.describe('at a desk (1440 px)', () => {
  test.use({ viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false });

  test('an admin creates an account, sees it in the list, changes its tier and archives it', async ({
    page,
  }, testInfo) => {
    const name = `Hiper Levante ${randomUUID().slice(0, 8)}`;
    const admin = await apiAs('admin@clave.dev');
    await signIn(page, 'admin@clave.dev');

    await page.goto('/accounts');
    await page.getByRole('link', { name: text(en, 'accounts_new'), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: text(en, 'account_new_title') })).toBeVisible();

    // Sending it empty puts the problems on their fields.
    await page.getByRole('button', { name: text(en, 'account_new_submit'), exact: true }).click();
    await expect(page.getByText(text(en, 'account_form_name_invalid'))).toBeVisible();
    await expect(page.getByText(text(en, 'account_form_owner_required'))).toBeVisible();
    await expect(page.getByLabel(text(en, 'account_form_name'), { exact: true })).toBeFocused();

    await page.getByLabel(text(en, 'account_form_name'), { exact: true }).fill(name);
    await page.getByLabel(text(en, 'account_form_segment'), { exact: true }).fill('Grocery retail');
    await page.getByRole('radio', { name: text(en, 'tier_key'), exact: true }).check();
    const owner = page.getByLabel(text(en, 'account_form_owner'), { exact: true });
    await owner.selectOption({ label: `Ana Rodríguez · ${text(en, 'role_kam')}` });
    await page.getByRole('checkbox', { name: /Luis Ferrer/ }).check();
    await page.getByLabel(text(en, 'account_form_cadence'), { exact: true }).fill('21');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('account-new-1440.png'), fullPage: true });
    await page.getByRole('button', { name: text(en, 'account_new_submit'), exact: true }).click();

    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
    expect(await accountOnServer(admin, id)).toEqual({
      name,
      tier: 'KEY',
      status: 'ACTIVE',
      visitCadenceDays: 21,
      owner: { email: 'ana@clave.dev' },
      supporters: [{ email: 'luis@clave.dev' }],
    });

    // In the accounts list.
    await page
      .getByRole('navigation')
      .getByRole('link', { name: text(en, 'nav_accounts'), exact: true })
      .first()
      .click();
    await page.getByLabel(text(en, 'accounts_search_label'), { exact: true }).fill(name);
    await expect(page.getByRole('main').getByRole('link', { name, exact: true })).toBeVisible();

    // Edit the tier from the account page.
    await page.getByRole('main').getByRole('link', { name, exact: true }).click();
    await page.getByRole('link', { name: text(en, 'account_edit_link'), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: text(en, 'account_edit_title') })).toBeVisible();
    await expect(page.getByRole('radio', { name: text(en, 'tier_key'), exact: true })).toBeChecked();
    await page.getByRole('radio', { name: text(en, 'tier_strategic'), exact: true }).check();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('account-edit-1440.png'), fullPage: true });
    await page.getByRole('button', { name: text(en, 'account_edit_submit'), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    expect((await accountOnServer(admin, id))?.tier).toBe('STRATEGIC');

    // Archive it, after confirming: it leaves the list.
    await page.getByRole('link', { name: text(en, 'account_edit_link'), exact: true }).click();
    await page.getByRole('button', { name: text(en, 'account_archive'), exact: true }).click();
    await expect(page.getByText(text(en, 'account_archive_confirm', { name }))).toBeVisible();
    await page.getByRole('button', { name: text(en, 'account_archive_yes'), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: text(en, 'accounts_title') })).toBeVisible();
    expect((await accountOnServer(admin, id))?.status).toBe('ARCHIVED');
    await page.getByLabel(text(en, 'accounts_search_label'), { exact: true }).fill(name);
    await expect(page.getByText(text(en, 'accounts_empty_filtered'))).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name, exact: true })).toHaveCount(0);
    await admin.dispose();
  });

  test('a KAM sees no "New account", and only the descriptive fields when editing', async ({ page }) => {
    await signIn(page, 'ana@clave.dev');
    await page.goto('/accounts');
    await expect(page.getByRole('heading', { level: 1, name: text(en, 'accounts_title') })).toBeVisible();
    await expect(page.getByRole('main').getByRole('link').first()).toBeVisible();
    await expect(page.getByRole('link', { name: text(en, 'accounts_new'), exact: true })).toHaveCount(0);
    await page.getByRole('main').getByRole('listitem').first().getByRole('link').first().click();
    await page.getByRole('link', { name: text(en, 'account_edit_link'), exact: true }).click();
    await expect(page.getByLabel(text(en, 'account_form_name'), { exact: true })).toBeVisible();
    await expect(page.getByText(text(en, 'account_edit_kam_note'))).toBeVisible();
    await expect(page.getByLabel(text(en, 'account_form_owner'), { exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: text(en, 'account_archive'), exact: true })).toHaveCount(0);
  });

  test('an admin registers a webhook, sees a visit delivered in its log, sends it again and pauses it', async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    const receiver = await startReceiver();
    const description = `ERP central ${randomUUID().slice(0, 8)}`;
    const admin = await apiAs('admin@clave.dev');
    const ana = await apiAs('ana@clave.dev');
    try {
      await signIn(page, 'admin@clave.dev');
      await page.goto('/settings');
      await page.getByRole('link', { name: text(en, 'settings_webhooks_link'), exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: text(en, 'webhooks_title') })).toBeVisible();

      await page.getByRole('button', { name: text(en, 'webhook_new'), exact: true }).click();
      // A URL that is no URL is refused on the field.
      await page.getByLabel(text(en, 'webhook_form_url'), { exact: true }).fill('erp.example.com');
      await page.getByRole('button', { name: text(en, 'webhook_create'), exact: true }).click();
      await expect(page.getByText(text(en, 'webhook_form_url_invalid'))).toBeVisible();
      await expect(page.getByText(text(en, 'webhook_form_events_required'))).toBeVisible();

      await page.getByLabel(text(en, 'webhook_form_url'), { exact: true }).fill(receiver.url);
      await page.getByRole('checkbox', { name: 'visit.logged', exact: true }).check();
      await page.getByLabel(text(en, 'webhook_form_description'), { exact: true }).fill(description);
      await page.getByRole('button', { name: text(en, 'webhook_create'), exact: true }).click();

      // The secret, shown once.
      const secretField = page.getByLabel(text(en, 'webhook_secret_label', { url: receiver.url }), {
        exact: true,
      });
      await expect(secretField).toHaveValue(/^whsec_/);
      const secret = await secretField.inputValue();
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: testInfo.outputPath('webhooks-secret-1440.png'), fullPage: true });
      await page.getByRole('button', { name: text(en, 'token_secret_done'), exact: true }).click();
      await expect(secretField).toHaveCount(0);

      const card = page.getByRole('listitem').filter({ hasText: description });
      await expect(card).toContainText(text(en, 'webhook_state_active'));
      const { webhooks } = await admin.gql<{ webhooks: { id: string; url: string; events: string[] }[] }>(
        '{ webhooks { id url events } }',
      );
      const created = webhooks.find((w) => w.url === receiver.url);
      expect(created?.events).toEqual(['visit.logged']);

      // Something the webhook listens to: Ana logs a visit on one of her accounts.
      const { accounts } = await ana.gql<{ accounts: { edges: { node: { id: string } }[] } }>(
        '{ accounts(first: 1) { edges { node { id } } } }',
      );
      const accountId = accounts.edges[0]?.node.id;
      const { logVisit } = await ana.gql<{ logVisit: { __typename: string } }>(
        'mutation ($input: LogVisitInput!) { logVisit(input: $input) { __typename } }',
        {
          input: {
            id: randomUUID(),
            accountId,
            kind: 'PHONE',
            occurredAt: new Date().toISOString(),
            purpose: `Webhook check ${description}`,
            acceptance: 4,
          },
        },
      );
      expect(logVisit.__typename).toBe('LogVisitSuccess');

      // The receiver gets it, signed with the secret shown.
      await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
      const first = receiver.received[0] as Received;
      const timestamp = String(first.headers['clave-timestamp']);
      const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${first.body}`).digest('hex')}`;
      expect(first.headers['clave-signature']).toBe(expected);
      expect(first.headers['clave-event']).toBe('visit.logged');

      // The delivery log shows it delivered, with the receiver's answer.
      await card.getByRole('link', { name: text(en, 'webhook_open'), exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: text(en, 'webhook_title') })).toBeVisible();
      const log = page.getByRole('list', { name: text(en, 'delivery_log_title') });
      const row = log.getByRole('listitem').filter({ hasText: 'visit.logged' }).first();
      await expect(async () => {
        await page.getByRole('button', { name: text(en, 'delivery_refresh'), exact: true }).click();
        await expect(row).toContainText(text(en, 'delivery_state_delivered'), { timeout: 2_000 });
      }).toPass({ timeout: 30_000 });
      await expect(row).toContainText('HTTP 204');
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: testInfo.outputPath('webhook-log-1440.png'), fullPage: true });

      // Sent again: the same Clave-Delivery reaches the receiver a second time.
      await row.getByRole('button', { name: text(en, 'delivery_redeliver'), exact: true }).click();
      await expect(page.getByText(text(en, 'delivery_redelivered'))).toBeVisible();
      await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
      expect(receiver.received[1]?.headers['clave-delivery']).toBe(first.headers['clave-delivery']);

      // Paused, then rotated: the new secret is shown once and differs.
      await page.getByRole('button', { name: text(en, 'webhook_pause'), exact: true }).click();
      await expect(page.getByRole('button', { name: text(en, 'webhook_resume'), exact: true })).toBeVisible();
      const paused = await admin.gql<{ webhooks: { url: string; active: boolean }[] }>(
        '{ webhooks { url active } }',
      );
      expect(paused.webhooks.find((w) => w.url === receiver.url)?.active).toBe(false);
      await page.getByRole('button', { name: text(en, 'webhook_rotate'), exact: true }).click();
      await page.getByRole('button', { name: text(en, 'webhook_rotate_yes'), exact: true }).click();
      const rotated = page.getByLabel(text(en, 'webhook_secret_label', { url: receiver.url }), {
        exact: true,
      });
      await expect(rotated).toHaveValue(/^whsec_/);
      expect(await rotated.inputValue()).not.toBe(secret);

      // Deleted after confirming: gone from the list and from the server.
      await page.getByRole('button', { name: text(en, 'webhook_delete'), exact: true }).click();
      await page.getByRole('button', { name: text(en, 'webhook_delete_yes'), exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: text(en, 'webhooks_title') })).toBeVisible();
      await expect(page.getByRole('listitem').filter({ hasText: description })).toHaveCount(0);
      const after = await admin.gql<{ webhooks: { url: string }[] }>('{ webhooks { url } }');
      expect(after.webhooks.some((w) => w.url === receiver.url)).toBe(false);
    } finally {
      await admin.dispose();
      await ana.dispose();
      receiver.server.close();
    }
  });
});

test.describe('on a phone in Spanish (360 px)', () => {
  test.use({ locale: 'es-ES' });

  test('the webhook list is usable: read, pause and resume, open the log', async ({ page }, testInfo) => {
    const admin = await apiAs('admin@clave.dev');
    const description = `Power BI ${randomUUID().slice(0, 8)}`;
    const url = `https://bi.example.com/hooks/${randomUUID()}`;
    const { createWebhook } = await admin.gql<{ createWebhook: { __typename: string } }>(
      'mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { __typename } }',
      { input: { url, events: ['visit.logged', 'kpi.status_changed'], description } },
    );
    expect(createWebhook.__typename).toBe('CreateWebhookSuccess');

    await page.goto('/login');
    await page.getByLabel(text(es, 'login_email'), { exact: true }).fill('admin@clave.dev');
    await page.getByLabel(text(es, 'login_password'), { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: text(es, 'login_submit'), exact: true }).click();
    await expect(page.getByRole('button', { name: text(es, 'logout'), exact: true })).toBeVisible();

    await page.goto('/settings');
    await page.getByRole('link', { name: text(es, 'settings_webhooks_link'), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: text(es, 'webhooks_title') })).toBeVisible();
    const card = page.getByRole('listitem').filter({ hasText: description });
    await expect(card).toContainText(text(es, 'webhook_state_active'));
    await expect(card).toContainText('kpi.status_changed');
    await noHorizontalOverflow(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('webhooks-es-360.png'), fullPage: true });

    await card.getByRole('button', { name: text(es, 'webhook_pause'), exact: true }).click();
    await expect(card).toContainText(text(es, 'webhook_state_paused'));
    await noHorizontalOverflow(page);
    await card.getByRole('button', { name: text(es, 'webhook_resume'), exact: true }).click();
    await expect(card).toContainText(text(es, 'webhook_state_active'));

    await card.getByRole('link', { name: text(es, 'webhook_open'), exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: text(es, 'delivery_log_title') })).toBeVisible();
    await expect(page.getByText(text(es, 'delivery_none'))).toBeVisible();
    await noHorizontalOverflow(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('webhook-log-es-360.png'), fullPage: true });

    // Clean up through the screen: delete it after confirming.
    await page.getByRole('button', { name: text(es, 'webhook_delete'), exact: true }).click();
    await page.getByRole('button', { name: text(es, 'webhook_delete_yes'), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: text(es, 'webhooks_title') })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: description })).toHaveCount(0);
    await admin.dispose();
  });

  test('a manager creates an account on the phone, errors in Spanish', async ({ page }, testInfo) => {
    await page.goto('/login');
    await page.getByLabel(text(es, 'login_email'), { exact: true }).fill('marta@clave.dev');
    await page.getByLabel(text(es, 'login_password'), { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: text(es, 'login_submit'), exact: true }).click();
    await expect(page.getByRole('button', { name: text(es, 'logout'), exact: true })).toBeVisible();

    await page.goto('/accounts');
    await page.getByRole('link', { name: text(es, 'accounts_new'), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: text(es, 'account_new_title') })).toBeVisible();
    // A manager is offered themselves and their team's KAMs, never an admin or another team's KAM.
    const owner = page.getByLabel(text(es, 'account_form_owner'), { exact: true });
    // The people arrive after the form: wait for them before reading the choices.
    await expect(owner.locator('option', { hasText: 'Ana Rodríguez' })).toHaveCount(1);
    const options = await owner.locator('option').allTextContents();
    expect(options.some((o) => o.startsWith('Marta Ibáñez'))).toBe(true);
    expect(options.some((o) => o.startsWith('Ana Rodríguez'))).toBe(true);
    expect(options.some((o) => o.startsWith('Sofía Marín') || o.startsWith('Admin'))).toBe(false);

    await page.getByLabel(text(es, 'account_form_cadence'), { exact: true }).fill('400');
    await page.getByRole('button', { name: text(es, 'account_new_submit'), exact: true }).click();
    await expect(page.getByText(text(es, 'account_form_name_invalid'))).toBeVisible();
    await expect(page.getByText(text(es, 'account_form_tier_required'))).toBeVisible();
    await noHorizontalOverflow(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('account-new-es-360.png'), fullPage: true });

    const name = `Cash Norte ${randomUUID().slice(0, 8)}`;
    await page.getByLabel(text(es, 'account_form_name'), { exact: true }).fill(name);
    await page.getByLabel(text(es, 'account_form_segment'), { exact: true }).fill('Cash & carry');
    await page.getByRole('radio', { name: text(es, 'tier_development'), exact: true }).check();
    await owner.selectOption({ label: `Luis Ferrer · ${text(es, 'role_kam')}` });
    await page.getByLabel(text(es, 'account_form_cadence'), { exact: true }).fill('45');
    await page.getByRole('button', { name: text(es, 'account_new_submit'), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByRole('link', { name: text(es, 'account_edit_link'), exact: true })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('account-page-es-360.png') });

    // Leave the demo as it was for the other specs: the manager archives it.
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
    const marta = await apiAs('marta@clave.dev');
    const { archiveAccount } = await marta.gql<{ archiveAccount: { __typename: string } }>(
      'mutation ($id: ID!) { archiveAccount(id: $id) { __typename } }',
      { id },
    );
    expect(archiveAccount.__typename).toBe('ArchiveAccountSuccess');
    await marta.dispose();
  });
});
