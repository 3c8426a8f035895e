import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import type { Database } from '../../apps/api/src/config.js';
import { initORM, migrate } from '../../apps/api/src/db/orm.js';
import { createTemporaryPostgres } from '../../apps/api/src/db/temporary-postgres.js';

export type Dialect = 'sqlite' | 'postgres';

/** A fresh database for one bench run, with the product's schema; `drop()` removes it. */
export interface BenchDatabase {
  readonly dialect: Dialect;
  readonly database: Database;
  /** DATABASE_URL for the API and the raw handler. */
  readonly url: string;
  drop(): Promise<void>;
}

export async function createBenchDatabase(dialect: Dialect, postgresUrl: string): Promise<BenchDatabase> {
  let bench: BenchDatabase;
  if (dialect === 'postgres') {
    const temporary = await createTemporaryPostgres(postgresUrl);
    bench = { dialect, database: temporary.database, url: temporary.database.url, drop: temporary.drop };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'clave-bench-'));
    const path = join(dir, 'clave.sqlite');
    bench = {
      dialect,
      database: { kind: 'sqlite', path },
      url: `file:${path}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  await applySchema(bench.database);
  return bench;
}

/**
 * The product's real migrations. While a module is being built without a migration yet,
 * CLAVE_SCHEMA_FROM_ENTITIES=1 builds the schema from the entities instead and marks the existing
 * migrations applied, so the API's own start-up migration is a no-op (as in the API's tests).
 */
async function applySchema(database: Database): Promise<void> {
  const orm = await initORM({ database });
  try {
    if (process.env.CLAVE_SCHEMA_FROM_ENTITIES === '1') {
      await orm.schema.createSchema();
      const migrator = orm.getMigrator();
      const pending = await migrator.getPendingMigrations();
      await migrator.getStorage().ensureTable?.();
      for (const migration of pending) await migrator.getStorage().logMigration({ name: migration.name });
    } else {
      await migrate(orm);
    }
  } finally {
    await orm.close();
  }
}

/** Plain SQL on the bench database through the same drivers the API uses. */
export interface Sql {
  readonly dialect: Dialect;
  /** `?` placeholders on both databases. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** `?` → `$1, $2…` for PostgreSQL (no `?` appears in our SQL text otherwise). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export function openSql(bench: Pick<BenchDatabase, 'dialect' | 'database'>, poolSize = 10): Sql {
  const { database } = bench;
  if (database.kind === 'postgresql') {
    const pool = new pg.Pool({ connectionString: database.url, max: poolSize });
    return {
      dialect: 'postgres',
      query: async <T>(sql: string, params: readonly unknown[] = []) =>
        (await pool.query(numbered(sql), [...params])).rows as T[],
      close: () => pool.end(),
    };
  }
  const db = new Sqlite(database.path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  return {
    dialect: 'sqlite',
    query: async <T>(sql: string, params: readonly unknown[] = []) => {
      const statement = db.prepare(sql);
      if (statement.reader) return statement.all(...params) as T[];
      statement.run(...params);
      return [];
    },
    close: async () => db.close(),
  };
}
