import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ORIGIN, type TestApp } from '../../../test/helpers.js';

const LOGIN = `mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    __typename
    ... on LoginSuccess { data { email name role } }
    ... on Error { code message }
    ... on ValidationError { issues { path message } }
    ... on RateLimitedError { retryAfterSeconds }
  }
}`;
const ME = '{ me { email role } }';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('login', () => {
  it('signs in with the right password and sets a hardened session cookie', async () => {
    const client = t.anonymous();
    const result = await client.gql(LOGIN, { email: 'Ana@Clave.dev ', password: 'clave-demo' });
    expect(result.data?.login).toEqual({
      __typename: 'LoginSuccess',
      data: { email: 'ana@clave.dev', name: 'Ana Rodríguez', role: 'KAM' },
    });
    const cookie = result.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^clave_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
    expect(result.headers.get('cache-control')).toBe('no-store');
    expect((await client.data(ME)).me).toEqual({ email: 'ana@clave.dev', role: 'KAM' });
  });

  it('marks the cookie Secure when served over https', async () => {
    const response = await t.app.fetch(
      new Request('https://clave.example/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: LOGIN,
          variables: { email: 'luis@clave.dev', password: 'clave-demo' },
        }),
      }),
    );
    expect(response.headers.get('set-cookie')).toContain('; Secure');
  });

  it('stores only a hash of the session token', async () => {
    const client = await t.as('marta');
    const token = client.cookie?.split('=')[1] ?? '';
    const rows = await t.app.orm.em.fork().getConnection().execute('select token_hash from session');
    const hashes = rows.map((r: { token_hash: string }) => r.token_hash);
    expect(hashes.length).toBeGreaterThan(0);
    expect(hashes.every((h: string) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
    expect(hashes).not.toContain(token);
  });

  it('gives the same generic error for a wrong password and an unknown email, in the caller language', async () => {
    const wrongPassword = await t
      .anonymous('es-ES,es;q=0.9')
      .gql(LOGIN, { email: 'sofia@clave.dev', password: 'nope' });
    const unknownEmail = await t.anonymous('es').gql(LOGIN, { email: 'nobody@clave.dev', password: 'nope' });
    expect(wrongPassword.data?.login).toEqual({
      __typename: 'InvalidCredentialsError',
      code: 'INVALID_CREDENTIALS',
      message: 'Correo o contraseña incorrectos',
    });
    expect(unknownEmail.data?.login).toEqual(wrongPassword.data?.login);
    expect(wrongPassword.headers.get('set-cookie')).toBeNull();
  });

  it('rejects a malformed email with a field error and opens no session', async () => {
    const result = await t.anonymous().gql(LOGIN, { email: 'not-an-email', password: 'x' });
    expect(result.data?.login).toMatchObject({
      __typename: 'ValidationError',
      code: 'VALIDATION',
      issues: [{ path: ['email'], message: expect.stringMatching(/email/i) }],
    });
    expect(result.headers.get('set-cookie')).toBeNull();
  });

  it('rate limits repeated failures for one email, even when the password is then right', async () => {
    const client = t.anonymous();
    for (let i = 0; i < t.config.login.maxFailures; i++) {
      const r = await client.gql(LOGIN, { email: 'jorge@clave.dev', password: `wrong-${i}` });
      expect(r.data?.login).toMatchObject({ __typename: 'InvalidCredentialsError' });
    }
    const blocked = await client.gql(LOGIN, { email: 'jorge@clave.dev', password: 'clave-demo' });
    expect(blocked.data?.login).toMatchObject({
      __typename: 'RateLimitedError',
      code: 'RATE_LIMITED',
      message: expect.stringContaining('15 minutes'),
    });
    const { retryAfterSeconds } = (blocked.data?.login ?? {}) as { retryAfterSeconds?: number };
    expect(retryAfterSeconds).toBeGreaterThan(800);
    expect(blocked.headers.get('set-cookie')).toBeNull();
    // Another user is not affected.
    expect((await t.as('ana')).cookie).not.toBeNull();
  });

  it('rejects an unknown field with a clear error', async () => {
    const result = await t.anonymous().gql('{ me { email shoeSize } }');
    expect(result.errors?.[0]?.message).toContain('Cannot query field "shoeSize" on type "User"');
  });
});

describe('sessions', () => {
  it('answers me: null without a session, and for a forged token', async () => {
    expect((await t.anonymous().data(ME)).me).toBeNull();
    const forged = t.anonymous();
    forged.cookie = 'clave_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect((await forged.data(ME)).me).toBeNull();
  });

  it('logout ends the session on the server, not just in the browser', async () => {
    const client = await t.as('ana');
    const stolen = client.cookie;
    expect((await client.data('mutation { logout }')).logout).toBe(true);
    expect(client.cookie).toBeNull();
    const replay = t.anonymous();
    replay.cookie = stolen;
    expect((await replay.data(ME)).me).toBeNull();
  });

  it('expires a session after the idle time', async () => {
    const client = await t.as('luis');
    const em = t.app.orm.em.fork();
    await em
      .getConnection()
      .execute('update session set last_seen_at = ?', [
        new Date(Date.now() - t.config.session.idleMs - 1000),
      ]);
    expect((await client.data(ME)).me).toBeNull();
  });
});

describe('CSRF protection', () => {
  it('refuses a cookie-authenticated form post from another site', async () => {
    const client = await t.as('ana');
    const response = await t.app.fetch(
      new Request(`${ORIGIN}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: client.cookie ?? '',
          origin: 'https://evil.example',
        },
        body: 'query=mutation%7Blogout%7D',
      }),
    );
    expect(response.status).toBe(403);
    expect(
      ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
    ).toBe('CSRF');
    expect((await client.data(ME)).me).toEqual({ email: 'ana@clave.dev', role: 'KAM' });
  });

  it('refuses a JSON post carrying the cookie from a foreign origin', async () => {
    const client = await t.as('ana');
    const result = await client.gql(ME, {}, { headers: { origin: 'https://evil.example' } });
    expect(result.status).toBe(403);
  });
});

describe('login CSRF', () => {
  it('refuses a sign-in posted by a form from another site, so no one is signed in to a foreign account', async () => {
    const response = await t.app.fetch(
      new Request(`${ORIGIN}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
        body: `query=${encodeURIComponent('mutation { login(email: "sofia@clave.dev", password: "clave-demo") { __typename } }')}`,
      }),
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});
