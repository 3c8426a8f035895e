/**
 * `pnpm clave backup FILE` and `pnpm clave restore FILE [--force]`.
 *
 * SQLite: the backup is taken with SQLite's online backup API (better-sqlite3 `backup()`), so the
 * server may keep running and writing: the copy is one consistent moment of the database. The
 * file is then switched out of WAL mode so a backup is one self-contained file. A restore copies
 * the backup into the configured database with the same API, after checking the backup
 * (integrity check, a Clave database). Stop the server first: a restore under a running server
 * would change its data behind its back. Restoring over a database that has data needs --force.
 *
 * PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean --if-exists --single-transaction`
 * (all or nothing) against DATABASE_URL. Connection settings go to the tools through PG*
 * environment variables, so the password never appears in a process list.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type { Config } from '../config.js';
import { initORM } from '../db/orm.js';

export interface BackupIo {
  out(message: string): void;
  err(message: string): void;
}

/** The few better-sqlite3 calls used here. */
interface SqliteDatabase {
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  prepare(sql: string): { all(): unknown[]; get(): unknown };
  backup(destination: string): Promise<unknown>;
  close(): void;
}
type SqliteConstructor = new (
  path: string,
  options?: { readonly?: boolean; fileMustExist?: boolean },
) => SqliteDatabase;

/** better-sqlite3, as the ORM's SQLite driver loads it (it is that package's dependency, not ours). */
function sqlite(): SqliteConstructor {
  const fromHere = createRequire(import.meta.url);
  const driver = fromHere.resolve('@mikro-orm/better-sqlite');
  const knex = createRequire(createRequire(driver).resolve('@mikro-orm/knex')).resolve('knex');
  return createRequire(knex)('better-sqlite3') as SqliteConstructor;
}

export async function backupCommand(
  config: Config,
  file: string,
  force: boolean,
  io: BackupIo,
): Promise<number> {
  const target = resolve(file);
  if (existsSync(target) && !force) {
    io.err(`${target} already exists; choose another name or add --force to replace it.`);
    return 1;
  }
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    if (config.database.kind === 'sqlite') await backupSqlite(config.database.path, partial);
    else
      await pgTool('pg_dump', config.database.url, ['--format=custom', '--no-password', `--file=${partial}`]);
    renameSync(partial, target); // a FILE that exists is always a complete backup
  } catch (error) {
    rmSync(partial, { force: true });
    io.err(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  io.out(`Backup written to ${target} (${statSync(target).size} bytes).`);
  return 0;
}

export async function restoreCommand(
  config: Config,
  file: string,
  force: boolean,
  io: BackupIo,
): Promise<number> {
  const source = resolve(file);
  if (!existsSync(source)) {
    io.err(`No backup at ${source}.`);
    return 1;
  }
  try {
    if (config.database.kind === 'sqlite') {
      const problem = await restoreSqlite(source, config.database.path, force);
      if (problem) {
        io.err(problem);
        return 1;
      }
    } else {
      if (!force && (await postgresHasTables(config))) {
        io.err('The database already has tables. Restoring replaces them: stop the server and add --force.');
        return 1;
      }
      await pgTool('pg_restore', config.database.url, [
        '--clean',
        '--if-exists',
        '--no-owner',
        '--no-privileges',
        '--single-transaction',
        '--exit-on-error',
        '--no-password',
        `--dbname=${decodeURIComponent(new URL(config.database.url).pathname.slice(1))}`,
        source,
      ]);
    }
  } catch (error) {
    io.err(`Restore failed, nothing was changed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  io.out(`Restored ${source} into the configured database. Start the server (it applies newer migrations).`);
  return 0;
}

async function backupSqlite(databasePath: string, destination: string): Promise<void> {
  if (databasePath === ':memory:') throw new Error('an in-memory database cannot be backed up');
  if (!existsSync(databasePath)) throw new Error(`no database at ${databasePath}`);
  const Database = sqlite();
  const db = new Database(databasePath, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(destination);
  } finally {
    db.close();
  }
  const copy = new Database(destination, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE'); // one self-contained file, no -wal beside it
  } finally {
    copy.close();
  }
}

/** Returns why the restore was refused, or null once restored. */
async function restoreSqlite(source: string, databasePath: string, force: boolean): Promise<string | null> {
  const Database = sqlite();
  const backup = new Database(source, { fileMustExist: true });
  try {
    let check: unknown;
    try {
      check = backup.pragma('integrity_check', { simple: true });
    } catch {
      return `${source} is not an SQLite database (for PostgreSQL, set DATABASE_URL to the server).`;
    }
    if (check !== 'ok')
      return `${source} is damaged (integrity check: ${String(check)}); nothing was changed.`;
    const isClave = backup
      .prepare(
        "select count(*) as n from sqlite_master where type = 'table' and name in ('app_user', 'account')",
      )
      .get() as { n: number };
    if (isClave.n !== 2) return `${source} is not a Clave backup; nothing was changed.`;
    if (!force && existsSync(databasePath) && sqliteHasTables(Database, databasePath)) {
      return `${databasePath} already has data. Restoring replaces it: stop the server and add --force.`;
    }
    mkdirSync(dirname(databasePath), { recursive: true });
    await backup.backup(databasePath);
  } finally {
    backup.close();
  }
  // Back in the server's journal mode, and the restored copy verified where it now lives.
  const restored = new Database(databasePath, { fileMustExist: true });
  try {
    restored.pragma('journal_mode = WAL');
    const check = restored.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the restored database fails its integrity check: ${String(check)}`);
  } finally {
    restored.close();
  }
  return null;
}

function sqliteHasTables(Database: SqliteConstructor, path: string): boolean {
  const db = new Database(path, { fileMustExist: true });
  try {
    return db.prepare("select 1 from sqlite_master where type = 'table'").all().length > 0;
  } finally {
    db.close();
  }
}

async function postgresHasTables(config: Config): Promise<boolean> {
  const orm = await initORM({ database: config.database });
  try {
    const rows = await orm.em
      .getConnection()
      .execute<{ n: string | number }[]>(
        "select count(*) as n from information_schema.tables where table_schema = 'public'",
      );
    return Number(rows[0]?.n ?? 0) > 0;
  } finally {
    await orm.close();
  }
}

/** Runs pg_dump / pg_restore with the URL's settings as PG* variables (never in argv). */
function pgTool(tool: 'pg_dump' | 'pg_restore', url: string, args: string[]): Promise<void> {
  const u = new URL(url);
  const env: Record<string, string | undefined> = {
    ...process.env,
    PGHOST: decodeURIComponent(u.hostname) || 'localhost',
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username) || process.env.PGUSER,
    PGPASSWORD: u.password ? decodeURIComponent(u.password) : process.env.PGPASSWORD,
    PGDATABASE: decodeURIComponent(u.pathname.slice(1)),
  };
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return new Promise((resolvePromise, reject) => {
    execFile(tool, args, { env, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (!error) return resolvePromise();
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      reject(
        new Error(
          missing
            ? `${tool} was not found; install PostgreSQL's client tools (same or newer major version as the server).`
            : `${tool}: ${stderr.trim() || error.message}`,
        ),
      );
    });
  });
}
