import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { accountWithPlanAndOpportunity, openAccount } from './flows';
import { apiAs, DEMO_PASSWORD, en, es, expect, signIn, test, text } from './support';

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

async function loaded(page: Page) {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

test('the stakeholder, opportunity, requests and outbox screens have no serious or critical accessibility violation', async ({
  page,
}) => {
  const api = await apiAs('ana@clave.dev');
  const account = await accountWithPlanAndOpportunity(api);
  await api.dispose();
  const opportunity = account.opportunities[0];
  if (!opportunity) throw new Error('The account has no opportunity');

  await signIn(page, 'ana@clave.dev');
  await openAccount(page, account);
  await loaded(page);
  expect(await seriousViolations(page)).toEqual([]);

  // New stakeholder, also with every error shown.
  await page.getByRole('link', { name: text(en, 'stakeholder_add_cta'), exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: text(en, 'stakeholder_new_title') }),
  ).toBeVisible();
  await page.getByLabel(text(en, 'stakeholder_email'), { exact: true }).fill('not an email');
  await page.getByRole('button', { name: text(en, 'stakeholder_submit_new'), exact: true }).click();
  await expect(page.getByText(text(en, 'stakeholder_email_invalid'))).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // Edit a stakeholder.
  await page.getByRole('link', { name: `← ${account.name}` }).click();
  await page
    .getByRole('region', { name: text(en, 'account_stakeholders') })
    .getByRole('listitem')
    .getByRole('link')
    .first()
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: text(en, 'stakeholder_edit_title') }),
  ).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // An opportunity, with its edit form and "turn into plan actions".
  await page.getByRole('link', { name: `← ${account.name}` }).click();
  await page
    .getByRole('region', { name: text(en, 'account_opportunities') })
    .getByRole('link', { name: opportunity.title })
    .click();
  await expect(
    page.getByRole('heading', { level: 2, name: text(en, 'opportunity_convert_title') }),
  ).toBeVisible();
  await loaded(page);
  expect(await seriousViolations(page)).toEqual([]);

  // New opportunity.
  await page.getByRole('link', { name: `← ${account.name}` }).click();
  await page.getByRole('link', { name: text(en, 'opportunity_add_cta'), exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: text(en, 'opportunity_new_title') }),
  ).toBeVisible();
  await page.getByRole('button', { name: text(en, 'opportunity_submit_new'), exact: true }).click();
  await expect(page.getByText(text(en, 'opportunity_title_invalid'))).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // Requests and outbox.
  await page.getByRole('link', { name: `← ${account.name}` }).click();
  await page.getByRole('link', { name: text(en, 'request_ask_cta'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: text(en, 'request_new_title') })).toBeVisible();
  await loaded(page);
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto('/outbox');
  await expect(page.getByRole('heading', { level: 1, name: text(en, 'outbox_title') })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test.describe('with a Spanish browser', () => {
  test.use({ locale: 'es-ES' });

  test('the stakeholder and opportunity screens speak Spanish, errors included', async ({ page }) => {
    const api = await apiAs('ana@clave.dev');
    const account = await accountWithPlanAndOpportunity(api);
    await api.dispose();

    await page.goto('/login');
    await page.getByLabel(text(es, 'login_email'), { exact: true }).fill('ana@clave.dev');
    await page.getByLabel(text(es, 'login_password'), { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: text(es, 'login_submit'), exact: true }).click();
    await expect(page.getByRole('button', { name: text(es, 'logout'), exact: true })).toBeVisible();

    await page.goto(`/accounts/${account.id}`);
    await expect(page.getByRole('heading', { level: 1, name: account.name })).toBeVisible();
    await page.getByRole('link', { name: text(es, 'stakeholder_add_cta'), exact: true }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: text(es, 'stakeholder_new_title') }),
    ).toBeVisible();
    await expect(page).toHaveTitle(text(es, 'stakeholder_new_page_title'));
    // The whole screen, header included, fits 360 px in Spanish, its longest language: no zoom-out.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.screen.width)).toBe(true);
    // Submitted from the keyboard's Enter key, as a phone keyboard's Go does.
    await page.getByLabel(text(es, 'stakeholder_phone'), { exact: true }).fill('llámame');
    await page.getByLabel(text(es, 'stakeholder_phone'), { exact: true }).press('Enter');
    await expect(page.getByLabel(text(es, 'stakeholder_name'), { exact: true })).toHaveAccessibleDescription(
      text(es, 'stakeholder_name_invalid'),
    );
    await expect(page.getByLabel(text(es, 'stakeholder_phone'), { exact: true })).toHaveAccessibleDescription(
      text(es, 'stakeholder_phone_invalid'),
    );
    await expect(page.getByText(text(es, 'stakeholder_role_required'))).toBeVisible();
    await expect(
      page.getByRole('radio', { name: text(es, 'stakeholder_role_decision_maker'), exact: true }),
    ).toBeVisible();

    await page.goto(`/accounts/${account.id}/opportunities/new`);
    await expect(
      page.getByRole('heading', { level: 1, name: text(es, 'opportunity_new_title') }),
    ).toBeVisible();
    await expect(
      page.getByRole('button', { name: text(es, 'opportunity_submit_new'), exact: true }),
    ).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.screen.width)).toBe(true);
    await page.getByLabel(text(es, 'opportunity_probability'), { exact: true }).fill('150');
    await page.getByLabel(text(es, 'opportunity_probability'), { exact: true }).press('Enter');
    await expect(page.getByText(text(es, 'opportunity_title_invalid'))).toBeVisible();
    // The number field's own message, in Spanish, with the limit written the Spanish way.
    await expect(
      page.getByLabel(text(es, 'opportunity_probability'), { exact: true }),
    ).toHaveAccessibleDescription(
      new RegExp(text(es, 'number_above_max', { max: '100' }).replace('.', '\\.')),
    );
    // Nothing in English slipped through.
    await expect(page.getByText(text(en, 'number_above_max', { max: '100' }))).toHaveCount(0);
  });
});
