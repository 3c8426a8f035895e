import type { EntityManager } from '@mikro-orm/core';
import type { AbstractSqlConnection, Knex } from '@mikro-orm/knex';

/**
 * Plain rows from hand-written SQL (`?` placeholders on both databases), in the request's
 * transaction if it has one. The read paths of the busiest screens use it instead of `em.find`
 * or the query builder: building the query and hydrating entities cost 0.2–0.8 ms a statement
 * against 0.02 ms for this (bench/README.md), and no partial entity can leak into the identity map.
 * Values come as each driver gives them: read them with the helpers below.
 */
export async function rows<T>(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  // Through knex with real bindings: the ORM's own `execute` writes the values into the SQL text,
  // so every statement would be a new one for the database to compile (and never reused).
  const connection = em.getConnection() as AbstractSqlConnection;
  const transaction = em.getTransactionContext<Knex.Transaction>();
  const bindings = params.map((p) => (p === undefined ? null : p)) as Knex.RawBinding[];
  // `executeQuery` logs the statement like the ORM does; protected in its typings only.
  // Logged with the values written in, as the ORM logs its own statements.
  const logged = connection.getPlatform().formatQuery(sql, bindings);
  return (connection as unknown as LoggingConnection).executeQuery(
    logged,
    async () => {
      const query = connection.getKnex().raw(sql, bindings);
      if (transaction) query.transacting(transaction);
      const result: unknown = await query;
      // better-sqlite3 answers with the rows, pg with a result object holding them.
      return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
    },
    { query: logged, params: bindings },
  );
}

interface LoggingConnection {
  executeQuery<R>(
    query: string,
    run: () => Promise<R>,
    context: { query: string; params: unknown[] },
  ): Promise<R>;
}

/** `?, ?, ?` for an `in (…)` list of n values (n ≥ 1). */
export const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** A datetime column: epoch milliseconds (or their text) on SQLite, a Date on PostgreSQL. */
export function dateOf(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const text = String(value);
  return new Date(/^\d+$/.test(text) ? Number(text) : text);
}

export const dateOrNull = (value: unknown): Date | null =>
  value === null || value === undefined ? null : dateOf(value);
