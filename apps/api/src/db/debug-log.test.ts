import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, newToken, type TestApp } from '../../test/helpers.js';
import { rows } from './rows.js';

// DB_DEBUG=true logs every SQL statement, for someone chasing a bug on their own machine or a
// server. Password and token hashes never leave the database, so what it logs has no values.
let t: TestApp;
const logged: string[] = [];
beforeAll(async () => {
  t = await createTestApp({ env: { DB_DEBUG: 'true' } });
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(' '));
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await t.close();
});

describe('DB_DEBUG', () => {
  it('logs the statements of signing in and using a token without a hash or a secret in them', async () => {
    const ana = await t.as('ana');
    const secret = await newToken(ana, ['READ_ACCOUNTS']);
    const viaToken = await t
      .anonymous()
      .gql<{ me: { email: string } }>(
        '{ me { email } }',
        {},
        { headers: { authorization: `Bearer ${secret}` } },
      );
    expect(viaToken.data?.me.email).toBe('ana@clave.dev');

    const [user] = await rows<{ password_hash: string }>(
      t.app.orm.em,
      `select password_hash from app_user where email = 'ana@clave.dev'`,
    );
    const sessions = await rows<{ token_hash: string }>(t.app.orm.em, 'select token_hash from session');
    const tokens = await rows<{ token_hash: string }>(t.app.orm.em, 'select token_hash from api_token');
    const hidden = [
      user?.password_hash,
      ...sessions.map((s) => s.token_hash),
      ...tokens.map((s) => s.token_hash),
      secret,
      ana.cookie?.split('=')[1]?.split(';')[0],
    ];
    expect(hidden.every((value) => typeof value === 'string' && value.length >= 20)).toBe(true);

    const text = logged.join('\n');
    for (const value of hidden) expect(text).not.toContain(value);
    // The statements that wrote and looked them up are there (a value bound as a parameter shows
    // as ?, one written into the SQL as '…').
    expect(text).toMatch(/insert into [`"]?session[`"]?/i);
    expect(text).toMatch(/insert into [`"]?api_token[`"]?/i);
    expect(text).toMatch(/from [`"]?session[`"]? .*where .*token_hash[`"]? = ('…'|\?|\$1)/i);
    expect(text).toMatch(/from [`"]?api_token[`"]? .*where .*token_hash[`"]? = ('…'|\?|\$1)/i);
  });
});
