import Sqlite from 'better-sqlite3';
import pg from 'pg';
import type { Database } from '../../apps/api/src/config.js';

export type Value = string | number | boolean | null | Date | readonly unknown[] | Record<string, unknown>;

/** Rows of one table, buffered and written in multi-row statements. */
export interface TableWriter {
  add(row: readonly Value[]): Promise<void>;
  flush(): Promise<void>;
  readonly count: number;
}

/**
 * Fast bulk loading into a migrated database, in one transaction: multi-row prepared INSERTs on
 * SQLite; `INSERT … SELECT * FROM unnest($1::type[], …)` on PostgreSQL (one parameter per column
 * for thousands of rows, without a COPY library).
 */
export interface BulkWriter {
  readonly dialect: 'sqlite' | 'postgres';
  table(name: string, columns: readonly string[]): Promise<TableWriter>;
  /** Runs SQL as is (`?` placeholders on SQLite, `$n` on PostgreSQL). */
  execute(sql: string, params?: readonly unknown[]): Promise<void>;
  finish(): Promise<void>;
  /** Rolls back and closes after a failure. */
  abort(): Promise<void>;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

export async function openBulkWriter(database: Database): Promise<BulkWriter> {
  return database.kind === 'postgresql' ? postgresWriter(database.url) : sqliteWriter(database.path);
}

function sqliteValue(value: Value): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value;
}

function sqliteWriter(path: string): BulkWriter {
  const db = new Sqlite(path);
  db.pragma('journal_mode = WAL');
  // Loading only: a crash here just means generating again.
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = ON');
  db.exec('BEGIN');
  return {
    dialect: 'sqlite',
    async table(name, columns) {
      // SQLite allows 32,766 bound variables per statement.
      const rowsPerStatement = Math.max(1, Math.floor(30_000 / columns.length));
      const placeholders = `(${columns.map(() => '?').join(', ')})`;
      const statements = new Map<number, ReturnType<typeof db.prepare>>();
      const statementFor = (rows: number) => {
        let statement = statements.get(rows);
        if (!statement) {
          statement = db.prepare(
            `insert into ${quote(name)} (${columns.map(quote).join(', ')}) values ${Array(rows)
              .fill(placeholders)
              .join(', ')}`,
          );
          statements.set(rows, statement);
        }
        return statement;
      };
      let buffer: unknown[] = [];
      let rows = 0;
      let count = 0;
      const flush = async () => {
        if (rows > 0) statementFor(rows).run(...buffer);
        buffer = [];
        rows = 0;
      };
      return {
        get count() {
          return count;
        },
        async add(row) {
          if (row.length !== columns.length)
            throw new Error(`${name}: ${row.length} values for ${columns.length} columns`);
          for (const value of row) buffer.push(sqliteValue(value));
          rows++;
          count++;
          if (rows === rowsPerStatement) await flush();
        },
        flush,
      };
    },
    async execute(sql, params = []) {
      db.prepare(sql).run(...params);
    },
    async finish() {
      db.exec('COMMIT');
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
    async abort() {
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

function postgresValue(value: Value): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value;
}

async function postgresWriter(url: string): Promise<BulkWriter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('begin');
  return {
    dialect: 'postgres',
    async table(name, columns) {
      const types = new Map(
        (
          await client.query<{ column_name: string; udt_name: string }>(
            `select column_name, udt_name from information_schema.columns
              where table_schema = current_schema() and table_name = $1`,
            [name],
          )
        ).rows.map((r) => [r.column_name, r.udt_name]),
      );
      const arrays = columns.map((column, i) => {
        const type = types.get(column);
        if (!type) throw new Error(`${name}.${column} is not in the migrated schema`);
        return `$${i + 1}::${type}[]`;
      });
      const sql = `insert into ${quote(name)} (${columns.map(quote).join(', ')}) select * from unnest(${arrays.join(', ')})`;
      const rowsPerStatement = 5_000;
      let buffer: unknown[][] = columns.map(() => []);
      let rows = 0;
      let count = 0;
      const flush = async () => {
        if (rows > 0) await client.query(sql, buffer);
        buffer = columns.map(() => []);
        rows = 0;
      };
      return {
        get count() {
          return count;
        },
        async add(row) {
          if (row.length !== columns.length)
            throw new Error(`${name}: ${row.length} values for ${columns.length} columns`);
          for (const [i, value] of row.entries()) buffer[i]?.push(postgresValue(value));
          rows++;
          count++;
          if (rows === rowsPerStatement) await flush();
        },
        flush,
      };
    },
    async execute(sql, params = []) {
      await client.query(sql, [...params]);
    },
    async finish() {
      await client.query('commit');
      // What autovacuum would have done on a database that has been in use for years.
      await client.query('vacuum analyze');
      await client.end();
    },
    async abort() {
      await client.query('rollback').catch(() => {});
      await client.end();
    },
  };
}
