// The query plans of the hot paths: every SELECT that the PWA's screens, the manager's portfolio,
// logging a visit and a third party's token request run — the real SQL, captured through the API's
// onQuery hook — is explained by the database and must reach every table that grows with use
// through an index: on SQLite (whose planner has no statistics unless ANALYZE runs, so its plans
// are the same on the demo and on a million rows) every table access must be an index SEARCH; on
// PostgreSQL, whose plans follow table sizes, the generic plan with sequential scans disabled must
// contain no Seq Scan, i.e. an index exists that can serve each access. With 100,000
// visits and 1,000,000 KPI values (see bench/) one full scan turns a 5 ms page into a slow one.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, newToken, type TestApp } from './helpers.js';

const WEB_LIB = fileURLToPath(new URL('../../web/src/lib/', import.meta.url));

/**
 * A document exactly as the PWA sends it, read from the web app's source, with the fragments it
 * spreads (without the client-only `@_unmask` directive, as gql.tada sends them).
 */
function webDocument(file: string, name: string): string {
  const source = readFileSync(`${WEB_LIB}${file}`, 'utf8');
  const document = source.match(new RegExp(`export const ${name} = graphql\\(\\s*\`([\\s\\S]*?)\``))?.[1];
  if (!document) throw new Error(`No ${name} in apps/web/src/lib/${file}`);
  const fragments = new Map<string, string>();
  for (const entry of readdirSync(WEB_LIB, { recursive: true })) {
    if (!String(entry).endsWith('.ts')) continue;
    const text = readFileSync(join(WEB_LIB, String(entry)), 'utf8');
    for (const m of text.matchAll(/graphql\(\s*`(\s*fragment (\w+) on[\s\S]*?)`/g)) {
      fragments.set(m[2] as string, (m[1] as string).replace(/\s*@_unmask\b/g, ''));
    }
  }
  const added = new Set<string>();
  let text = document;
  for (;;) {
    const missing = [...text.matchAll(/\.\.\.\s*(?!on\b)(\w+)/g)]
      .map((m) => m[1] as string)
      .filter((n) => !added.has(n));
    if (missing.length === 0) return text;
    for (const fragment of missing) {
      added.add(fragment);
      text += `\n${fragments.get(fragment) ?? ''}`;
    }
  }
}

/** Tables that do not grow with use (a few teams and templates, the migrations log). */
const SMALL_TABLES = new Set(['team', 'kpi_template', 'mikro_orm_migrations']);
/**
 * Index walks that are fine: a paginated accounts list walks the name (or last-change) index in
 * order and LIMIT stops it early; the years with revenue are read from the year index alone (a
 * few entries per account, never the rows).
 */
const ORDERED_WALK_ALLOWED = new Set(['account', 'account_revenue']);

interface Finding {
  readonly table: string;
  readonly access: string;
}

let t: TestApp;
let ana: Client;
let marta: Client;
let sofia: Client;
let accountIds: Record<string, string> = {};

/** The SELECT statements one request ran, as executable SQL. */
async function selectsOf(request: () => Promise<unknown>): Promise<string[]> {
  t.resetQueries();
  await request();
  return t.queries
    .map((line) =>
      line
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the logger colours its lines
        .replace(/\u001b\[[0-9;]*m/g, '')
        .replace(/^\[query\]\s*/, '')
        .replace(/\s*\[took [^\]]*\]\s*$/, '')
        .trim(),
    )
    .filter((sql) => /^(select|with)\b/i.test(sql));
}

/**
 * alias → table, from `from "table" as "alias"` / `join table alias` (MikroORM's and hand-written
 * SQL). A name in a plan that is neither an alias nor a table is a subquery's, and is skipped.
 */
function aliases(sql: string): Map<string, string> {
  const map = new Map<string, string>();
  const pattern = /\b(?:from|join)\s+[`"]?(\w+)[`"]?(?:\s+as)?\s+[`"]?(\w+)[`"]?/gi;
  for (const m of sql.matchAll(pattern)) {
    const [table, alias] = [m[1] as string, m[2] as string];
    if (!/^(where|on|inner|left|join|group|order|limit)$/i.test(alias)) map.set(alias, table);
    map.set(table, table);
  }
  return map;
}

/** How the plan reaches each table: an index lookup, an ordered index walk, or a full scan. */
async function explain(sql: string): Promise<Finding[]> {
  const tables = aliases(sql);
  if (t.config.database.kind === 'sqlite') {
    const params = Array((sql.match(/\?/g) ?? []).length).fill(null);
    const rows = (await t.app.orm.em.getConnection().execute(`explain query plan ${sql}`, params)) as {
      detail: string;
    }[];
    return rows.flatMap(({ detail }) => {
      const m = detail.match(
        /^(SCAN|SEARCH) (\S+)( USING (?:COVERING |INTEGER PRIMARY KEY|PRIMARY KEY)?(?:INDEX)?)?/,
      );
      const table = m && tables.get(m[2] as string);
      if (!m || !table) return [];
      const access = m[1] === 'SEARCH' ? 'lookup' : m[3] ? 'ordered walk' : 'full scan';
      return [{ table, access: `${access}: ${detail}` }];
    });
  }
  const client = new pg.Client({ connectionString: t.config.database.url });
  await client.connect();
  try {
    await client.query('set enable_seqscan = off');
    await client.query('set plan_cache_mode = force_generic_plan');
    await client.query(`prepare hot_query as ${sql}`);
    const count = new Set(sql.match(/\$\d+/g) ?? []).size;
    const args = count ? `(${Array(count).fill('null').join(', ')})` : '';
    const result = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `explain (format json) execute hot_query${args}`,
    );
    const findings: Finding[] = [];
    const walk = (node: PlanNode) => {
      if (node['Relation Name']) {
        const table = node['Relation Name'];
        const type = node['Node Type'];
        // With sequential scans disabled, a Seq Scan means that no index can serve the query. (An
        // index scan without a condition is the planner merging tiny test tables, not a gap.)
        const access = type === 'Seq Scan' ? 'full scan' : 'lookup';
        findings.push({
          table,
          access: `${access}: ${type}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}`,
        });
      }
      for (const child of node.Plans ?? []) walk(child);
    };
    walk(result.rows[0]?.['QUERY PLAN'][0].Plan as PlanNode);
    return findings;
  } finally {
    await client.end();
  }
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

/** Every table access of these statements that is not an index lookup (nor an allowed walk). */
async function fullScans(statements: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const sql of statements) {
    for (const finding of await explain(sql)) {
      if (SMALL_TABLES.has(finding.table)) continue;
      if (finding.access.startsWith('lookup')) continue;
      if (finding.access.startsWith('ordered walk') && ORDERED_WALK_ALLOWED.has(finding.table)) continue;
      problems.push(`${finding.table} — ${finding.access}\n    in: ${sql}`);
    }
  }
  return problems;
}

const shareYear = new Date().getFullYear() - 1;

beforeAll(async () => {
  t = await createTestApp();
  ana = await t.as('ana');
  marta = await t.as('marta');
  sofia = await t.as('sofia');
  const list = await marta.data<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
    '{ accounts(first: 100) { edges { node { id name } } } }',
  );
  accountIds = Object.fromEntries(list.accounts.edges.map(({ node }) => [node.name, node.id]));
});
afterAll(() => t?.close());

describe('the hot queries reach every growing table through an index', () => {
  it('signing in with a session cookie (session by token hash)', async () => {
    const statements = await selectsOf(() => ana.data('{ me { id } }'));
    expect(statements.some((sql) => /token_hash/.test(sql))).toBe(true);
    expect(await fullScans(statements)).toEqual([]);
  });

  it("the accounts list as the PWA asks for it, a KAM's and a manager's", async () => {
    const query = webDocument('accounts/documents.ts', 'AccountsQuery');
    const variables = { first: 20, after: null, filter: null, year: shareYear };
    const statements = [
      ...(await selectsOf(() => ana.data(query, variables))),
      ...(await selectsOf(() => marta.data(query, variables))),
    ];
    expect(await fullScans(statements)).toEqual([]);
  });

  it('the accounts list with filters and each order', async () => {
    const query = `query($filter: AccountFilter, $orderBy: AccountOrder) {
      accounts(first: 20, filter: $filter, orderBy: $orderBy) { totalCount edges { node { id name } } }
    }`;
    const statements: string[] = [];
    for (const orderBy of [
      { field: 'NAME', direction: 'ASC' },
      { field: 'UPDATED_AT', direction: 'DESC' },
    ]) {
      for (const filter of [{ tier: 'STRATEGIC' }, { search: 'super' }, { includeArchived: true }]) {
        statements.push(...(await selectsOf(() => ana.data(query, { filter, orderBy }))));
        statements.push(...(await selectsOf(() => marta.data(query, { filter, orderBy }))));
      }
    }
    expect(await fullScans(statements)).toEqual([]);
  });

  it("the account page's children (plan, actions, visits, stakeholders, KPIs, opportunities, profile)", async () => {
    const query = webDocument('accounts/documents.ts', 'AccountPageQuery');
    const statements = await selectsOf(() =>
      ana.data(query, { id: accountIds['Supermercados Alba'], year: shareYear }),
    );
    expect(statements.some((sql) => /kpi_measurement/.test(sql))).toBe(true);
    expect(statements.some((sql) => /plan_action/.test(sql))).toBe(true);
    expect(statements.some((sql) => /visit/.test(sql))).toBe(true);
    expect(await fullScans(statements)).toEqual([]);
  });

  it('Today: overdue and due-soon actions by owner, status and due date', async () => {
    const statements = await selectsOf(() => ana.data(webDocument('today/documents.ts', 'TodayQuery')));
    expect(await fullScans(statements)).toEqual([]);
  });

  it('a KPI trend: measurements by definition and period', async () => {
    const page = await ana.data<{ node: { kpis: { id: string }[] } }>(
      'query($id: ID!) { node(id: $id) { ... on Account { kpis { id } } } }',
      { id: accountIds['Supermercados Alba'] },
    );
    const kpiId = page.node.kpis[0]?.id;
    expect(kpiId).toBeDefined();
    const statements = await selectsOf(() =>
      ana.data(webDocument('kpis/documents.ts', 'KpiTrendQuery'), {
        id: kpiId,
        months: 12,
        lastYearFrom: `${shareYear}-01-01`,
        lastYearTo: `${shareYear}-12-31`,
      }),
    );
    expect(statements.some((sql) => /kpi_measurement/.test(sql))).toBe(true);
    expect(await fullScans(statements)).toEqual([]);
  });

  it("logging a visit (the phone's UUID, the account, the stakeholders met)", async () => {
    const statements = await selectsOf(() =>
      ana.data(webDocument('offline/mutations.ts', 'LogVisitMutation'), {
        input: {
          id: randomUUID(),
          accountId: accountIds['Supermercados Alba'],
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
          kind: 'IN_PERSON',
          purpose: 'Revisión del lineal',
          acceptance: 4,
        },
      }),
    );
    expect(await fullScans(statements)).toEqual([]);
  });

  it("the manager's portfolio", async () => {
    const statements = await selectsOf(() =>
      marta.data(
        `{ portfolio { year totalRevenue hhi accounts { account { id name owner { name } } share rank } } }`,
      ),
    );
    expect(await fullScans(statements)).toEqual([]);
  });

  it("a third party's request with an API token (token by hash, its rate-limit bucket)", async () => {
    const secret = await newToken(sofia, ['READ_ACCOUNTS']);
    const statements = await selectsOf(() =>
      t
        .anonymous()
        .gql('{ accounts(first: 5) { totalCount } }', {}, { headers: { authorization: `Bearer ${secret}` } }),
    );
    expect(statements.some((sql) => /api_token/.test(sql))).toBe(true);
    expect(statements.some((sql) => /rate_limit_bucket/.test(sql))).toBe(true);
    expect(await fullScans(statements)).toEqual([]);
  });
});
