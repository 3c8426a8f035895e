import { readFileSync } from 'node:fs';
import {
  type APIRequestContext,
  test as base,
  expect,
  type Locator,
  type Page,
  request,
} from '@playwright/test';

export { expect };

/** The demo's password for every user (apps/api/src/db/seed). */
export const DEMO_PASSWORD = 'clave-demo';

type Messages = Record<string, string>;

function readMessages(lang: 'en' | 'es'): Record<string, unknown> {
  const file = new URL(`../src/lib/i18n/messages/${lang}.json`, import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function loadMessages(lang: 'en' | 'es'): Messages {
  const all = readMessages(lang);
  // Plain texts only: plural/number messages are objects and are matched by pattern instead.
  return Object.fromEntries(
    Object.entries(all).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** The UI's own texts, so a reworded message does not break a test that only means "this button". */
export const en = loadMessages('en');
export const es = loadMessages('es');

/** A plain message by key; fails loudly when the key is gone (the test then needs updating). */
export function text(messages: Messages, key: string, params: Record<string, string> = {}): string {
  const message = messages[key];
  if (message === undefined) throw new Error(`No plain message "${key}"`);
  return message.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
}

/**
 * A message with a plural selector, as a pattern matching any of its variants for `count`
 * (in English "Changes waiting to sync: 2"), or any count when none is given. Numbers are small
 * here, so Intl adds no separators.
 */
export function pluralPattern(lang: 'en' | 'es', key: string, count?: number): RegExp {
  const message = readMessages(lang)[key] as { match: Record<string, string> }[] | undefined;
  const variants = message?.[0]?.match;
  if (!variants) throw new Error(`No plural message "${key}"`);
  const literal = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alternatives = Object.values(variants).map((variant) =>
    variant
      .split(/\{\w+\}/)
      .map(literal)
      .join(count === undefined ? '\\d+' : String(count)),
  );
  return new RegExp(`^(?:${alternatives.join('|')})$`);
}

export function serverUrl(): string {
  const url = process.env.CLAVE_E2E_BASE_URL;
  if (!url) throw new Error('CLAVE_E2E_BASE_URL is not set: run the tests through playwright.config.ts');
  return url;
}

/** The toast that says the app now opens without a connection (shown once, on the first visit). */
export function offlineReadyNotice(page: Page): Locator {
  return page.getByRole('status').filter({ hasText: text(en, 'offline_ready') });
}

/** Every test gets the server started by the global setup as its base URL (and, as always, a fresh context). */
export const test = base.extend({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here.
  baseURL: async ({}, use) => {
    await use(serverUrl());
  },
  // Uncaught errors and console errors of the page, attached to the report to explain a failure.
  page: async ({ page }, use, testInfo) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.stack ?? error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    // The first visit shows a "ready to work offline" toast for a few seconds over the top of the
    // screen; a person taps Dismiss when it is in the way, and so do the tests (focus then goes back
    // where it was, so a test that checks focus is not disturbed by it).
    const offlineReady = offlineReadyNotice(page);
    // (It also goes away by itself: a click that finds it gone is fine, Playwright then checks it is hidden.)
    await page.addLocatorHandler(offlineReady, async () => {
      await offlineReady
        .getByRole('button', { name: text(en, 'dismiss'), exact: true })
        .click({ timeout: 5_000 })
        .catch(() => undefined);
    });
    await use(page);
    if (problems.length > 0) {
      await testInfo.attach('browser errors', { body: problems.join('\n'), contentType: 'text/plain' });
    }
  },
});

/** Signs in through the login form (English UI) and waits for the signed-in shell. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(text(en, 'login_email'), { exact: true }).fill(email);
  await page.getByLabel(text(en, 'login_password'), { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: text(en, 'login_submit'), exact: true }).click();
  await expect(page.getByRole('button', { name: text(en, 'logout'), exact: true })).toBeVisible();
}

export interface Api {
  /** POSTs a GraphQL operation with this user's session and returns `data` (throws on errors). */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  dispose(): Promise<void>;
}

/** A session of its own, outside the browser: the server's view of what the UI did. */
export async function apiAs(email: string): Promise<Api> {
  const context: APIRequestContext = await request.newContext({ baseURL: serverUrl() });
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await context.post('/graphql', {
      data: { query, variables },
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (!response.ok() || body.errors?.length || !body.data) {
      throw new Error(`GraphQL ${response.status()}: ${JSON.stringify(body.errors ?? body)}`);
    }
    return body.data;
  };
  const { login } = await gql<{ login: { __typename: string } }>(
    'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { __typename } }',
    { email, password: DEMO_PASSWORD },
  );
  if (login.__typename !== 'LoginSuccess')
    throw new Error(`API sign-in as ${email} failed: ${login.__typename}`);
  return { gql, dispose: () => context.dispose() };
}

/** The always-visible pending-writes indicator in the header; its name says how many are waiting. */
export function pendingIndicator(page: Page): Locator {
  return page.getByRole('banner').getByRole('link', { name: pluralPattern('en', 'pending_writes_label') });
}

/** Waits until the indicator says `count` writes are waiting. */
export async function expectPending(page: Page, count: number): Promise<void> {
  await expect(pendingIndicator(page)).toHaveAccessibleName(
    pluralPattern('en', 'pending_writes_label', count),
  );
}
