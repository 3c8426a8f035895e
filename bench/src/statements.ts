import { createApp } from '../../apps/api/src/app.js';
import { loadConfig } from '../../apps/api/src/config.js';
import type { Scenario } from './scenarios.js';

/**
 * SQL statements per request, counted with the API's own `onQuery` hook: the same app code the
 * server runs, created in this process on the same database, asked once per scenario (after one
 * warm-up request) with the same session cookies. Includes the statements that authenticate.
 */
export async function countStatements(
  databaseUrl: string,
  scenarios: readonly Scenario[],
  cookies: Record<'kam' | 'manager', string>,
  rawUrl: string,
): Promise<Record<string, number>> {
  let count = 0;
  const app = await createApp(
    loadConfig({
      DATABASE_URL: databaseUrl,
      WEB_DIR: '',
      TOKEN_RATE_PER_MINUTE: '100000',
      LOG_LEVEL: 'silent',
      WEBHOOK_WORKER: 'false',
    }),
    { onQuery: () => count++ },
  );
  const origin = 'http://localhost:3000';
  const counts: Record<string, number> = {};
  try {
    for (const scenario of scenarios) {
      const send = async () => {
        if (scenario.target === 'raw') {
          const response = await fetch(`${rawUrl}${scenario.path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: cookies[scenario.who] },
            body: scenario.body(),
          });
          const body = await response.text();
          if (!scenario.ok(response.status, body))
            throw new Error(`${scenario.name}: ${response.status} ${body}`);
          return Number(response.headers.get('x-sql-statements'));
        }
        count = 0;
        const response = await app.fetch(
          new Request(`${origin}${scenario.path}`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              accept: 'application/graphql-response+json, application/json',
              origin,
              cookie: cookies[scenario.who],
            },
            body: scenario.body(),
          }),
        );
        const body = await response.text();
        if (!scenario.ok(response.status, body))
          throw new Error(`${scenario.name}: ${response.status} ${body}`);
        return count;
      };
      await send();
      counts[scenario.name] = await send();
    }
  } finally {
    await app.close();
  }
  return counts;
}
