import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ORIGIN, type TestApp } from '../test/helpers.js';

let t: TestApp;
let web: string;
beforeAll(async () => {
  web = mkdtempSync(join(tmpdir(), 'clave-web-'));
  mkdirSync(join(web, '_app', 'immutable'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>Clave</title>');
  writeFileSync(join(web, 'sw.js'), 'self.addEventListener("install", () => {});');
  writeFileSync(join(web, '_app', 'immutable', 'entry.abc123.js'), 'export {};');
  writeFileSync(join(tmpdir(), 'secret.txt'), 'not for the web');
  t = await createTestApp({ demo: false, env: { WEB_DIR: web } });
});
afterAll(async () => {
  await t.close();
  rmSync(web, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) =>
  t.app.fetch(new Request(`${ORIGIN}${path}`, { headers }));

describe('health', () => {
  it('/healthz says the process is up; /readyz that the database answers', async () => {
    expect(await (await get('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});

describe('the PWA', () => {
  it('is served at / with the app shell for client-side routes', async () => {
    for (const path of ['/', '/login', '/accounts/123']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('<title>Clave</title>');
    }
  });

  it('caches hashed assets for a year and revalidates the service worker', async () => {
    expect((await get('/_app/immutable/entry.abc123.js')).headers.get('cache-control')).toContain(
      'immutable',
    );
    const sw = await get('/sw.js');
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('content-type')).toContain('javascript');
  });

  it('answers 404 for a missing asset and never serves files outside the build', async () => {
    expect((await get('/_app/immutable/missing.js')).status).toBe(404);
    const outside = await get('/..%2Fsecret.txt');
    expect(outside.status).toBe(404);
    expect(await outside.text()).not.toContain('not for the web');
  });
});

describe('GraphQL over HTTP', () => {
  it('serves GraphiQL to browsers without loading anything from a CDN', async () => {
    const response = await get('/graphql', { accept: 'text/html' });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Clave GraphQL');
    expect(html).not.toMatch(/unpkg\.com|jsdelivr/);
  });

  it('answers GraphQL with no-store and the same security headers as every other response', async () => {
    const response = await get('/graphql?query=%7B__typename%7D', {
      accept: 'application/graphql-response+json',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('refuses mutations over GET', async () => {
    const response = await get('/graphql?query=mutation%7Blogout%7D', { accept: 'application/json' });
    expect(response.status).toBe(405);
  });

  it('refuses batched requests', async () => {
    const response = await t.app.fetch(
      new Request(`${ORIGIN}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]),
      }),
    );
    expect(response.status).toBe(400);
  });
});

describe('limits', () => {
  it('refuses more than 100 ids in nodes(ids:)', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => Buffer.from(`Account:${i}`).toString('base64'));
    const response = await t.app.fetch(
      new Request(`${ORIGIN}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
          variables: { ids },
        }),
      }),
    );
    const body = (await response.json()) as { errors?: { message: string }[] };
    expect(body.errors?.[0]?.message).toMatch(/100/);
  });
});

describe('request limits', () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    t.app.fetch(
      new Request(`${ORIGIN}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      }),
    );

  it('refuses an alias flood before executing anything, naming the limit', async () => {
    const query = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    const body = (await (await post(JSON.stringify({ query }))).json()) as { errors: { message: string }[] };
    expect(body.errors[0]?.message).toMatch(/aliases/i);
    expect(body.errors[0]?.message).toMatch(/30/);
  });

  it('refuses an oversized document by its number of tokens', async () => {
    const query = `{ me { ${'id '.repeat(3100)} } }`;
    const body = (await (await post(JSON.stringify({ query }))).json()) as { errors: { message: string }[] };
    expect(body.errors[0]?.message).toMatch(/token/i);
  });

  it('refuses a body over 4 MB with 413, whatever Content-Length says', async () => {
    const big = JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(4 * 1024 * 1024) } });
    const response = await post(big);
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({
      message: 'The request is too large (at most 4 MB)',
      extensions: { code: 'BODY_TOO_LARGE' },
    });
  });

  it('refuses a query too deep for the complexity limits', async () => {
    const nest = (levels: number): string =>
      levels === 0 ? 'name' : `activePlan { account { ${nest(levels - 1)} } }`;
    const deep = `{ node(id: "QWNjb3VudDox") { ... on Account { ${nest(7)} } } }`;
    const body = (await (await post(JSON.stringify({ query: deep }))).json()) as {
      errors: { message: string }[];
    };
    expect(body.errors[0]?.message).toMatch(/depth/i);
  });
});
