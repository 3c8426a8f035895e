import { en, expect, offlineReadyNotice, test, text } from './support';

interface ManifestIcon {
  src: string;
  sizes: string;
  purpose?: string;
}

test('the web manifest names the app and offers 192, 512 and maskable icons', async ({ page, request }) => {
  await page.goto('/login');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();

  const response = await request.get(new URL(href ?? '', page.url()).toString());
  expect(response.ok()).toBe(true);
  const manifest = (await response.json()) as {
    name: string;
    short_name: string;
    start_url: string;
    display: string;
    icons: ManifestIcon[];
  };
  expect(manifest.name).toBe('Clave');
  expect(manifest.start_url).toBe('/');
  expect(manifest.display).toBe('standalone');

  const icons = manifest.icons;
  expect(icons.some((icon) => icon.sizes === '192x192')).toBe(true);
  expect(icons.some((icon) => icon.sizes === '512x512' && (icon.purpose ?? 'any').includes('any'))).toBe(
    true,
  );
  expect(icons.some((icon) => icon.sizes === '512x512' && icon.purpose?.includes('maskable'))).toBe(true);
  for (const icon of icons) {
    const image = await request.get(new URL(icon.src, page.url()).toString());
    expect(image.ok(), icon.src).toBe(true);
    expect(image.headers()['content-type']).toMatch(/^image\/png/);
  }
});

test('an active service worker controls the page after a reload, even when first opened on a deep link', async ({
  page,
}) => {
  // A deep path: a worker registered relative to the page would land at /deep/sw.js (a 404).
  await page.goto('/deep/link');
  // The first visit installs and activates the worker; it takes control from the next load on.
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(new URL(scope).pathname).toBe('/');

  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null))
    .toBe('activated');
});

test('dismissing the "ready to work offline" toast puts focus back in the field being filled', async ({
  page,
}) => {
  // This test taps Dismiss itself, instead of the handler every test has for this toast.
  const toast = offlineReadyNotice(page);
  await page.removeLocatorHandler(toast);
  await page.goto('/login');
  const email = page.getByLabel(text(en, 'login_email'), { exact: true });
  await email.fill('ana@clave.dev');
  await expect(email).toBeFocused();

  // The first visit installs the service worker; once it has stored the app, the toast shows.
  await expect(toast).toBeVisible({ timeout: 30_000 });
  await toast.getByRole('button', { name: text(en, 'dismiss'), exact: true }).click();
  await expect(toast).toBeHidden();
  await expect(email).toBeFocused();
  await expect(email).toHaveValue('ana@clave.dev');
});
