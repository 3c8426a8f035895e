import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createTemporaryPostgres } from '../db/temporary-postgres.js';
import { type CliIo, run } from './main.js';

let databaseUrl: string;
let cleanup: () => Promise<void>;
let app: App;

beforeAll(async () => {
  const base = process.env.DATABASE_URL;
  if (base && /^postgres(ql)?:/.test(base)) {
    const pg = await createTemporaryPostgres(base);
    databaseUrl = pg.database.url;
    cleanup = pg.drop;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'clave-cli-'));
    databaseUrl = join(dir, 'clave.sqlite');
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
});
afterAll(async () => {
  await app?.close();
  await cleanup();
});

function cli(password = ''): CliIo & { output: string[]; errors: string[] } {
  const output: string[] = [];
  const errors: string[] = [];
  return {
    env: { DATABASE_URL: databaseUrl },
    readPassword: async () => password,
    out: (m) => output.push(m),
    err: (m) => errors.push(m),
    output,
    errors,
  };
}

async function login(email: string, password: string): Promise<string> {
  app ??= await createApp({ ...loadConfig({ WEB_DIR: '', DATABASE_URL: databaseUrl }) });
  const response = await app.fetch(
    new Request('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename } }',
        variables: { e: email, p: password },
      }),
    }),
  );
  const body = (await response.json()) as { data: { login: { __typename: string } } };
  return body.data.login.__typename;
}

describe('pnpm clave', () => {
  it('migrates a new database, then reports it up to date', async () => {
    const first = cli();
    expect(await run(['migrate'], first)).toBe(0);
    expect(first.output[0]).toMatch(/^Applied: Migration/);
    const second = cli();
    expect(await run(['migrate'], second)).toBe(0);
    expect(second.output).toEqual(['Database is up to date.']);
  });

  it('creates a user who can then sign in', async () => {
    const io = cli('a-long-enough-password');
    const code = await run(
      [
        'user',
        'create',
        '--email',
        'Nuria@Example.com',
        '--name',
        'Nuria Vidal',
        '--role',
        'manager',
        '--team',
        'Export',
      ],
      io,
    );
    expect(io.errors).toEqual([]);
    expect(code).toBe(0);
    expect(io.output).toEqual(['Created MANAGER nuria@example.com.']);
    expect(await login('nuria@example.com', 'a-long-enough-password')).toBe('LoginSuccess');
  });

  it('refuses a short password, a bad role and a taken email, naming the problem', async () => {
    const short = cli('short');
    expect(
      await run(['user', 'create', '--email', 'x@example.com', '--name', 'X', '--role', 'KAM'], short),
    ).toBe(1);
    expect(short.errors[0]).toMatch(/^password: .*12/);
    const role = cli('a-long-enough-password');
    expect(
      await run(['user', 'create', '--email', 'y@example.com', '--name', 'Y', '--role', 'BOSS'], role),
    ).toBe(1);
    expect(role.errors[0]).toMatch(/^role: /);
    const taken = cli('a-long-enough-password');
    expect(
      await run(['user', 'create', '--email', 'nuria@example.com', '--name', 'N', '--role', 'KAM'], taken),
    ).toBe(1);
    expect(taken.errors[0]).toBe('email: A user with this email already exists');
  });

  it('sets a new password: the old one stops working, the new one works', async () => {
    const io = cli('another-long-password');
    expect(await run(['user', 'set-password', '--email', 'nuria@example.com'], io)).toBe(0);
    expect(await login('nuria@example.com', 'a-long-enough-password')).toBe('InvalidCredentialsError');
    expect(await login('nuria@example.com', 'another-long-password')).toBe('LoginSuccess');
  });

  it('loads the demo only into a database without users', async () => {
    const io = cli();
    expect(await run(['seed', '--demo'], io)).toBe(1);
    expect(io.output).toEqual(['The database already has users; the demo was not loaded.']);
  });

  it('explains unknown commands and options', async () => {
    const unknown = cli();
    expect(await run(['frobnicate'], unknown)).toBe(1);
    expect(unknown.errors[0]).toMatch(/^Unknown command "frobnicate"/);
    const option = cli();
    expect(await run(['migrate', '--shout'], option)).toBe(1);
    expect(option.errors[0]).toMatch(/--shout/);
  });
});
