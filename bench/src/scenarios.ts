import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset } from './dataset.js';

const WEB_LIB = fileURLToPath(new URL('../../apps/web/src/lib/', import.meta.url));

/**
 * A GraphQL document exactly as the PWA sends it, read from the web app's source (so the bench
 * follows the app when a screen asks for more), with the fragments it spreads (as gql.tada sends
 * them: without the client-only `@_unmask` directive).
 */
export function webDocument(file: string, name: string): string {
  const source = readFileSync(`${WEB_LIB}${file}`, 'utf8');
  const document = source.match(new RegExp(`export const ${name} = graphql\\(\\s*\`([\\s\\S]*?)\``))?.[1];
  if (!document) throw new Error(`No ${name} = graphql(\`…\`) in apps/web/src/lib/${file}`);
  return withFragments(document);
}

/** Every `fragment X on …` defined in a `graphql(\`…\`)` of the web app's lib folder, by name. */
function webFragments(): Map<string, string> {
  const fragments = new Map<string, string>();
  for (const file of readdirSync(WEB_LIB, { recursive: true })) {
    if (!String(file).endsWith('.ts')) continue;
    const source = readFileSync(join(WEB_LIB, String(file)), 'utf8');
    for (const m of source.matchAll(/graphql\(\s*`(\s*fragment (\w+) on[\s\S]*?)`/g)) {
      fragments.set(m[2] as string, (m[1] as string).replace(/\s*@_unmask\b/g, ''));
    }
  }
  return fragments;
}

function withFragments(document: string): string {
  const all = webFragments();
  const added = new Set<string>();
  let text = document;
  for (;;) {
    const missing = [...text.matchAll(/\.\.\.\s*(?!on\b)(\w+)/g)]
      .map((m) => m[1] as string)
      .filter((n) => !added.has(n));
    if (missing.length === 0) return text;
    for (const name of missing) {
      const fragment = all.get(name);
      if (!fragment) throw new Error(`Fragment ${name} not found in apps/web/src/lib`);
      added.add(name);
      text += `\n${fragment}`;
    }
  }
}

/**
 * The `portfolio` query as a manager's screen or a BI tool asks for it: the year's concentration
 * and every account of the team with its share and rank.
 */
export const PORTFOLIO_QUERY = `query Portfolio {
  portfolio {
    year
    totalRevenue
    hhi
    concentration
    accounts {
      account { id name tier owner { id name } }
      revenue
      share
      cumulativeShare
      rank
      dependencyThreshold
    }
    alerts { account { id name } share dependencyThreshold }
  }
}`;

/** Relay global id, as the API makes them (base64 of `Type:id`). */
export const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

/**
 * The share year (the domain's shareYearOf: the latest complete year with revenue), which for the
 * dataset's revenue (the three years before the current one) is the last full year.
 */
export const shareYear = () => new Date().getUTCFullYear() - 1;

export type ScenarioName = 'accountPage' | 'accountPageRaw' | 'accountsList' | 'portfolio' | 'logVisit';

export interface Scenario {
  readonly name: ScenarioName;
  readonly label: string;
  readonly target: 'api' | 'raw';
  readonly path: string;
  readonly who: 'kam' | 'manager';
  /** A fresh request body for each request. */
  body(): string;
  /** True when the response is the success a user expects (not just HTTP 200). */
  ok(status: number, body: string): boolean;
}

const graphqlOk = (status: number, body: string) => status === 200 && !body.includes('"errors"');

export function scenarios(dataset: Dataset): Scenario[] {
  const year = shareYear();
  const accounts = dataset.kam.accountIds;
  if (accounts.length === 0) throw new Error('The bench KAM owns no active account');
  let next = 0;
  const nextAccount = () => accounts[next++ % accounts.length] as string;
  const accountPage = webDocument('accounts/documents.ts', 'AccountPageQuery');
  const accountsList = webDocument('accounts/documents.ts', 'AccountsQuery');
  const logVisit = webDocument('offline/mutations.ts', 'LogVisitMutation');
  return [
    {
      name: 'accountPage',
      label: 'account page (GraphQL)',
      target: 'api',
      path: '/graphql',
      who: 'kam',
      body: () =>
        JSON.stringify({ query: accountPage, variables: { id: globalId('Account', nextAccount()), year } }),
      ok: (status, body) => graphqlOk(status, body) && body.includes('"__typename":"Account"'),
    },
    {
      name: 'accountPageRaw',
      label: 'account page (raw SQL handler)',
      target: 'raw',
      path: '/account-page',
      who: 'kam',
      body: () => JSON.stringify({ id: nextAccount(), year }),
      ok: (status, body) => status === 200 && body.startsWith('{"node":{'),
    },
    {
      name: 'accountsList',
      label: 'accounts list (first 20)',
      target: 'api',
      path: '/graphql',
      who: 'kam',
      body: () =>
        JSON.stringify({ query: accountsList, variables: { first: 20, after: null, filter: null, year } }),
      ok: (status, body) => graphqlOk(status, body) && body.includes('"edges":[{'),
    },
    {
      name: 'portfolio',
      label: "portfolio (manager's team)",
      target: 'api',
      path: '/graphql',
      who: 'manager',
      body: () => JSON.stringify({ query: PORTFOLIO_QUERY, variables: {} }),
      ok: (status, body) => graphqlOk(status, body) && body.includes('"totalRevenue"'),
    },
    {
      name: 'logVisit',
      label: 'logVisit (a new visit each)',
      target: 'api',
      path: '/graphql',
      who: 'kam',
      body: () => {
        const accountId = nextAccount();
        const met = dataset.stakeholdersByAccount[accountId]?.slice(0, 1) ?? [];
        return JSON.stringify({
          query: logVisit,
          variables: {
            input: {
              id: randomUUID(),
              accountId: globalId('Account', accountId),
              occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
              kind: 'IN_PERSON',
              stakeholderIds: met.map((id) => globalId('Stakeholder', id)),
              purpose: 'Revisión del lineal de yogures',
              notes: 'Buena acogida de la nueva referencia sin lactosa.',
              acceptance: 4,
            },
          },
        });
      },
      ok: (status, body) => graphqlOk(status, body) && body.includes('"LogVisitSuccess"'),
    },
  ];
}
