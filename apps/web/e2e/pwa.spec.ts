import { expect, test } from './support';

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
