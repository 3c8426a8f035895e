/** Writes apps/api/schema.graphql from the code-first schema; a test fails when they differ. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { schema } from './schema.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, `${printSchema(schema)}\n`);
  console.log(`wrote ${SCHEMA_FILE}`);
}
