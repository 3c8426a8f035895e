import { en, es, expect, test, text } from './support';

test.describe('with a Spanish browser', () => {
  test.use({ locale: 'es-ES' });

  test('the login page is in Spanish', async ({ page }) => {
    await page.goto('/login');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('heading', { level: 1, name: text(es, 'login_title') })).toBeVisible();
    await expect(page.getByLabel(text(es, 'login_email'), { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: text(es, 'login_submit'), exact: true })).toBeVisible();
    await expect(page).toHaveTitle(text(es, 'login_page_title'));
  });

  test('the language switcher changes the UI to English and the choice is kept', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { level: 1, name: text(es, 'login_title') })).toBeVisible();

    const switcher = page.getByRole('group', { name: text(es, 'language_label') });
    await switcher.getByRole('button', { name: /English/ }).click();

    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1, name: text(en, 'login_title') })).toBeVisible();
    await expect(page.getByLabel(text(en, 'login_email'), { exact: true })).toBeVisible();
    await expect(
      page.getByRole('group', { name: text(en, 'language_label') }).getByRole('button', { name: /English/ }),
    ).toHaveAttribute('aria-pressed', 'true');

    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: text(en, 'login_title') })).toBeVisible();
  });
});
