import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataloaderType, MikroORM, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Database } from '../config.js';
import { entities } from './entities.js';
import { postgresqlMigrations } from './migrations/postgresql/index.js';
import { sqliteMigrations } from './migrations/sqlite/index.js';
import { RetryingEntityManager } from './retry.js';
import { BoundSqliteDriver } from './sqlite-driver.js';

export interface OrmOptions {
  readonly database: Database;
  readonly debug?: boolean;
  /** Called with every SQL statement; tests count statements with it. */
  readonly onQuery?: (sql: string) => void;
}

/** SQLite settings that keep committed writes across a crash and wait out a busy writer. */
const SQLITE_PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = FULL',
  'busy_timeout = 5000',
  'foreign_keys = ON',
];

interface SqliteConnection {
  pragma(sql: string): unknown;
  prepare(sql: string): unknown;
  function(name: string, options: { deterministic: boolean }, fn: (value: unknown) => unknown): unknown;
}

/**
 * SQLite's own lower() folds ASCII only, so a search for "ñandú" missed "Ñandú"; this one folds
 * every letter, as PostgreSQL's lower() does.
 */
export const SQLITE_LOWER = 'unicode_lower';

/** Prepared statements kept per connection; the least recently used go beyond this many. */
const PREPARED_STATEMENTS = 500;

/**
 * knex prepares every statement anew on each query; compiling the SQL was the largest single cost
 * of a GraphQL request (bench/README.md). The same SQL text (values are bound, see
 * sqlite-driver.ts) gets the same prepared statement back. Safe because knex runs each statement
 * to completion (`all`/`run`) before the next one starts, and SQLite re-prepares a statement by
 * itself when a migration changes the schema.
 */
function reusePreparedStatements(connection: SqliteConnection): void {
  const prepare = connection.prepare.bind(connection);
  const cache = new Map<string, unknown>();
  connection.prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (statement === undefined) {
      statement = prepare(sql);
      if (cache.size >= PREPARED_STATEMENTS) cache.delete(cache.keys().next().value as string);
    } else {
      cache.delete(sql);
    }
    cache.set(sql, statement);
    return statement;
  };
}

/**
 * A statement as DB_DEBUG logs it: every quoted value (strings, and the hex of binary values) is
 * blanked, so password and token hashes, session ids and webhook secrets never reach a log.
 */
export const withoutValues = (sql: string): string => sql.replace(/'(?:[^']|'')*'/g, "'…'");

export function ormConfig({ database, debug = false, onQuery }: OrmOptions): Options {
  const common = {
    entities,
    // Transactions that lose a race with another writer are re-run (see retry.ts).
    entityManager: RetryingEntityManager,
    extensions: [Migrator],
    dataloader: DataloaderType.ALL,
    forceUtcTimezone: true,
    allowGlobalContext: false,
    ignoreUndefinedInQuery: true,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    debug: debug || onQuery !== undefined ? ['query' as const] : false,
    logger: (message: string) => {
      onQuery?.(message);
      if (debug) console.log(withoutValues(message));
    },
    migrations: {
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
  } satisfies Options;
  if (database.kind === 'postgresql') {
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: database.url,
      migrations: { ...common.migrations, migrationsList: postgresqlMigrations },
      pool: { min: 0, max: 10 },
    };
  }
  if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
  return {
    ...common,
    driver: BoundSqliteDriver,
    dbName: database.path,
    migrations: { ...common.migrations, migrationsList: sqliteMigrations },
    pool: {
      afterCreate: (connection: SqliteConnection, done: (err: Error | null) => void) => {
        try {
          for (const pragma of SQLITE_PRAGMAS) connection.pragma(pragma);
          reusePreparedStatements(connection);
          connection.function(SQLITE_LOWER, { deterministic: true }, (value) =>
            typeof value === 'string' ? value.toLowerCase() : value,
          );
          done(null);
        } catch (error) {
          done(error as Error);
        }
      },
    },
  };
}

export async function initORM(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormConfig(options));
}

/** The advisory lock API processes take while they prepare a PostgreSQL database ('Clave' in ASCII). */
const STARTUP_LOCK = 0x436c617665;

/**
 * Runs `work` (migrations, loading the demo) while no other process does the same on this
 * database: API processes starting together on an empty PostgreSQL database would otherwise all
 * migrate it (all but one failing on tables the first created) and all load the demo. The others
 * wait, then find it done. A transaction-scoped advisory lock, held by one pooled connection while
 * `work` uses others; released when `work` ends, also when it fails. SQLite is one process's
 * embedded database, and runs `work` as is.
 */
export async function whileAlone<T>(orm: MikroORM, work: () => Promise<T>): Promise<T> {
  if (!(orm.em.getDriver() instanceof PostgreSqlDriver)) return work();
  return orm.em.getConnection().transactional(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [STARTUP_LOCK]);
    return work();
  });
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}
