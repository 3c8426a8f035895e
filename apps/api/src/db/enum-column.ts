import { p } from '@mikro-orm/core';

/**
 * A text column holding one of `values`, typed as their union. Values are enforced by the domain's
 * zod schemas and GraphQL enums on every write path. Not `p.enum()`: MikroORM 6.6's SQLite
 * introspection misreads enum lists of three or more values, and its CHECK constraints are not
 * read back on SQLite nor normalized on PostgreSQL, so either would make the migrations-match-
 * entities test report a difference that is not there.
 */
export function enumColumn<const T extends readonly string[]>(_values: T) {
  return p.string().length(30).$type<T[number]>();
}
