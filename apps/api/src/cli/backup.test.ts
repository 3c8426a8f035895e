import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers.js';
import type { Database } from '../config.js';
import { initORM } from '../db/orm.js';
import { type CliIo, run } from './main.js';

/**
 * Backup and restore on the database the tests run on (SQLite, or PostgreSQL with DATABASE_URL):
 * demo data → backup → change data → restore → every table holds exactly the backed-up rows.
 */
let t: TestApp;
let database: Database;
let dir: string;
let appClosed = false;

beforeAll(async () => {
  t = await createTestApp();
  database = t.config.database;
  dir = mkdtempSync(join(tmpdir(), 'clave-backup-'));
});
afterAll(async () => {
  if (!appClosed) await t.app.close();
  // The test app's close() also removes its database; the app itself is closed already.
  await t.close().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

const databaseUrl = () => (database.kind === 'sqlite' ? `file:${database.path}` : database.url);

async function cli(...argv: string[]) {
  const output: string[] = [];
  const errors: string[] = [];
  const io: CliIo = {
    env: { DATABASE_URL: databaseUrl(), LOG_LEVEL: 'silent' },
    readPassword: async () => '',
    out: (m) => output.push(m),
    err: (m) => errors.push(m),
  };
  const code = await run(argv, io);
  return { code, output: output.join('\n'), errors: errors.join('\n') };
}

/** Every table's rows, in a stable order: what "the same database" means here. */
async function dumpTables(): Promise<Record<string, string[]>> {
  const orm = await initORM({ database });
  try {
    const connection = orm.em.getConnection();
    const tables = (
      database.kind === 'sqlite'
        ? await connection.execute<{ name: string }[]>(
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
          )
        : await connection.execute<{ name: string }[]>(
            "select table_name as name from information_schema.tables where table_schema = 'public' order by table_name",
          )
    ).map((r: { name: string }) => r.name);
    const dump: Record<string, string[]> = {};
    for (const table of tables) {
      const rows = await connection.execute<Record<string, unknown>[]>(`select * from "${table}"`);
      dump[table] = rows.map((row: Record<string, unknown>) => JSON.stringify(row)).sort();
    }
    return dump;
  } finally {
    await orm.close();
  }
}

describe('backup and restore', () => {
  let before: Record<string, string[]>;
  const file = () => join(dir, 'clave.backup');

  it('writes a backup while the server is running', async () => {
    before = await dumpTables();
    expect(before.account?.length).toBeGreaterThan(0);
    const result = await cli('backup', file());
    expect(result).toMatchObject({ code: 0, errors: '' });
    expect(result.output).toContain('Backup written to');
    expect(existsSync(file())).toBe(true);
  });

  it('refuses to overwrite an existing backup file without --force', async () => {
    const result = await cli('backup', file());
    expect(result.code).toBe(1);
    expect(result.errors).toContain('--force');
  });

  it('restores the database to exactly the backed-up rows after later changes', async () => {
    const ana = await t.as('ana');
    const { accounts } = await ana.data<{ accounts: { edges: { node: { id: string } }[] } }>(
      '{ accounts(first: 1) { edges { node { id } } } }',
    );
    const id = accounts.edges[0]?.node.id;
    await ana.data(
      'mutation($id: ID!) { updateAccount(id: $id, input: { name: "Renamed after the backup" }) { __typename } }',
      {
        id,
      },
    );
    const changed = await dumpTables();
    expect(changed).not.toEqual(before);

    await t.app.close(); // the server is stopped for a restore
    appClosed = true;
    const refused = await cli('restore', file());
    expect(refused.code).toBe(1);
    expect(refused.errors).toContain('--force');
    expect(await dumpTables()).toEqual(changed);

    const restored = await cli('restore', file(), '--force');
    expect(restored).toMatchObject({ code: 0, errors: '' });
    expect(await dumpTables()).toEqual(before);
  });

  it('refuses a file that is not a backup, changing nothing', async () => {
    const junk = join(dir, 'not-a-backup');
    writeFileSync(junk, 'hello, this is not a database'.repeat(200));
    const result = await cli('restore', junk, '--force');
    expect(result.code).toBe(1);
    expect(result.errors).toMatch(/not an SQLite database|pg_restore/);
    expect(await dumpTables()).toEqual(before);
  });

  it('says so when the backup file does not exist', async () => {
    const result = await cli('restore', join(dir, 'missing'));
    expect(result).toMatchObject({ code: 1 });
    expect(result.errors).toContain('No backup at');
  });
});
