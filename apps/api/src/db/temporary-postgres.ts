import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../config.js';

/**
 * A fresh, empty PostgreSQL database beside the one `adminUrl` points at, for tests and tools;
 * `drop()` removes it. Each test file gets its own, so files run in parallel without sharing data.
 */
export async function createTemporaryPostgres(
  adminUrl: string,
): Promise<{ database: Database & { kind: 'postgresql' }; drop: () => Promise<void> }> {
  const name = `clave_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    database: { kind: 'postgresql', url: url.toString() },
    drop: () =>
      withClient(adminUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
