import { BetterSqliteConnection, BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import type { Configuration, Transaction } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';

/** Values SQLite binds as they are (knex turns Dates into epoch ms and booleans into 0/1). */
const bindable = (value: unknown): boolean =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'number' ||
  typeof value === 'bigint' ||
  typeof value === 'boolean' ||
  value instanceof Date ||
  Buffer.isBuffer(value);

/**
 * MikroORM writes every parameter into the SQL text before running it, so on SQLite each
 * statement with a new id is a new statement to compile, and the prepared-statement cache can
 * never reuse one: compiling was the largest single cost of a GraphQL request (bench/README.md).
 * This connection hands the parameters to the driver as bindings instead. Statements whose
 * parameters are not plain values (JSON objects, arrays, raw fragments) keep the ORM's own path.
 * Logging (DB_DEBUG, the tests' statement counts) is unchanged.
 */
class BoundSqliteConnection extends BetterSqliteConnection {
  override async execute<T>(
    queryOrKnex: string | Knex.QueryBuilder | Knex.Raw,
    params: unknown[] = [],
    method: 'all' | 'get' | 'run' = 'all',
    ctx?: Transaction,
    loggerContext?: Record<string, unknown>,
  ): Promise<T> {
    let sql: string;
    let bindings: unknown[];
    let transaction = ctx;
    if (typeof queryOrKnex === 'string') {
      sql = queryOrKnex;
      bindings = params;
    } else {
      transaction ??= (queryOrKnex as unknown as { client: { transacting?: boolean } }).client.transacting
        ? (queryOrKnex as unknown as Transaction)
        : undefined;
      const compiled = queryOrKnex.toSQL();
      sql = compiled.sql;
      bindings = [...(compiled.bindings ?? [])];
    }
    if (!bindings.every(bindable) || sql.includes('??') || sql.includes('\\?')) {
      return super.execute<never>(sql, bindings, method, transaction, loggerContext);
    }
    await this.ensureConnection();
    const logged = (this.config.get('onQuery') as (sql: string, params: unknown[]) => string)(sql, bindings);
    return this.executeQuery(
      logged,
      async () => {
        const query = this.getKnex().raw(logged, bindings as Knex.RawBinding[]);
        if (transaction) query.transacting(transaction as Knex.Transaction);
        return (this as unknown as RawResults).transformRawResult(await query, method);
      },
      { query: logged, params: bindings, ...loggerContext },
    ) as Promise<T>;
  }
}

interface RawResults {
  transformRawResult(result: unknown, method: 'all' | 'get' | 'run'): unknown;
}

export class BoundSqliteDriver extends BetterSqliteDriver {
  constructor(config: Configuration) {
    super(config);
    (this as unknown as { connection: BetterSqliteConnection }).connection = new BoundSqliteConnection(
      this.config,
    );
  }
}
