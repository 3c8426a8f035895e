// `pnpm bench` — see bench/README.md. One command: generates the dataset into a fresh database
// (SQLite and/or PostgreSQL), starts the API and the raw SQL handler as separate processes, loads
// them with autocannon at 1, 10 and 50 clients, counts SQL statements per request, reads the API's
// peak memory, measures the PWA's JavaScript per route, and writes JSON plus the README tables.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createBenchDatabase, type Dialect, openSql } from './databases.js';
import { BENCH_PASSWORD, generateDataset, SIZES } from './dataset.js';
import { type LoadResult, runLoad } from './load.js';
import { parseOptions } from './options.js';
import { buildApi, ROOT, type Server, startApi, startRawServer } from './processes.js';
import { type BenchResult, type DatabaseResult, judgeTargets, type WebRoute, writeReadme } from './report.js';
import { globalId, scenarios } from './scenarios.js';
import { countStatements } from './statements.js';

const options = parseOptions(process.argv.slice(2));
const BENCH_DIR = join(ROOT, 'bench');
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

function webSizes(): BenchResult['web'] {
  const run = spawnSync(process.execPath, [join(BENCH_DIR, 'web-size.mjs'), '--json'], { encoding: 'utf8' });
  if (run.status === 2 || !run.stdout.trim()) {
    throw new Error(
      `The PWA's sizes need its production build: ${run.stderr.trim() || 'web-size.mjs failed'}`,
    );
  }
  const sizes = JSON.parse(run.stdout) as { routes: WebRoute[]; allJs: { gzip: number } };
  return {
    routes: sizes.routes.map(({ route, js, css }) => ({ route, js, css })),
    allJsGzip: sizes.allJs.gzip,
  };
}

/**
 * p50 and p99 (nearest rank) of the server's handling times of the requests the clients counted;
 * none when the server logged none of them.
 */
function inServer(logged: ReadonlyMap<string, number>, answered: ReadonlySet<string>): LoadResult['server'] {
  const times = [...answered].flatMap((id) => logged.get(id) ?? []);
  if (times.length === 0) return undefined;
  const sorted = times.sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number;
  return { p50: at(0.5), p99: at(0.99) };
}

async function signIn(api: Server, email: string): Promise<string> {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: api.url },
    body: JSON.stringify({
      query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename } }',
      variables: { e: email, p: BENCH_PASSWORD },
    }),
  });
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
  if (!cookie) throw new Error(`Signing in as ${email} failed: ${await response.text()}`);
  return cookie;
}

async function databaseVersion(dialect: Dialect, database: Parameters<typeof openSql>[0]): Promise<string> {
  const sql = openSql(database, 1);
  try {
    const query =
      dialect === 'postgres'
        ? "select current_setting('server_version') as v"
        : 'select sqlite_version() as v';
    const [row] = await sql.query<{ v: string }>(query);
    return `${dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'} ${row?.v}`;
  } finally {
    await sql.close();
  }
}

async function benchDatabase(dialect: Dialect): Promise<DatabaseResult> {
  log(`${dialect}: creating a fresh database and generating the ${options.size} dataset…`);
  const bench = await createBenchDatabase(dialect, options.postgresUrl);
  const servers: Server[] = [];
  try {
    const dataset = await generateDataset(bench.database, SIZES[options.size]);
    log(
      `${dialect}: ${Object.values(dataset.counts)
        .reduce((a, b) => a + b, 0)
        .toLocaleString('en')} rows in ${dataset.seconds.toFixed(1)} s`,
    );
    const version = await databaseVersion(dialect, bench);
    // The smoke run shares two cores with the whole test suite: it checks that every figure comes
    // out, not speed, so a slow answer must not hit the production operation timeout.
    const api = await startApi(
      options.api,
      bench.url,
      options.size === 'smoke' ? { GRAPHQL_TIMEOUT_MS: '300000' } : {},
    );
    servers.push(api);
    const raw = await startRawServer(bench.url);
    servers.push(raw);
    const afterStartMb = mb(api.rss());
    const cookies = {
      kam: await signIn(api, dataset.kam.email),
      manager: await signIn(api, dataset.manager.email),
    };
    const all = scenarios(dataset);

    // The ids the bench makes must be the ones the API hands out.
    const firstAccount = dataset.kam.accountIds[0] as string;
    const check = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: api.url, cookie: cookies.kam },
      body: JSON.stringify({ query: '{ accounts(first: 100) { edges { node { id } } } }' }),
    }).then((r) => r.text());
    if (!check.includes(globalId('Account', firstAccount)))
      throw new Error(`Unexpected account ids: ${check.slice(0, 300)}`);

    const load: LoadResult[] = [];
    const warmSeconds = options.size === 'full' ? 3 : 0;
    for (const scenario of all) {
      const server = scenario.target === 'raw' ? raw : api;
      const headers = {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        'accept-language': 'es',
        origin: server.url,
        cookie: cookies[scenario.who],
      };
      // Warm-up (not recorded): a few requests one after another, then a short burst in full runs.
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`${server.url}${scenario.path}`, {
          method: 'POST',
          headers,
          body: scenario.body(),
        });
        const body = await response.text();
        if (!scenario.ok(response.status, body))
          throw new Error(`${scenario.name}: ${response.status} ${body.slice(0, 500)}`);
      }
      if (warmSeconds > 0) await runLoad(server.url, scenario, 10, { seconds: warmSeconds }, headers);
      for (const connections of options.connections) {
        const length =
          options.size === 'smoke'
            ? { requests: Math.max(20, connections * 2) }
            : { seconds: options.seconds };
        const measured = await runLoad(server.url, scenario, connections, length, headers);
        // A log line can reach us after its answer: wait for the last ones.
        await new Promise((resolve) => setTimeout(resolve, 300));
        const result = {
          ...measured.result,
          server: inServer(server.takeHandlingTimes(), measured.answered),
        };
        load.push(result);
        log(
          `${dialect}: ${scenario.name.padEnd(14)} ${String(connections).padStart(2)} clients: ${String(result.rps).padStart(7)} req/s, ` +
            `p50 ${result.p50} ms, p99 ${result.p99} ms (in server ${result.server?.p50} / ${result.server?.p99} ms), ` +
            `errors ${result.non2xx + result.errors + result.failed}`,
        );
      }
    }
    const peakMb = mb(api.peakRss());
    const statements = await countStatements(bench.url, all, cookies, raw.url);
    log(`${dialect}: SQL statements per request ${JSON.stringify(statements)}; API peak RSS ${peakMb} MB`);
    return {
      database: dialect,
      version,
      dataset: { counts: dataset.counts, seconds: Math.round(dataset.seconds * 10) / 10 },
      load,
      statements,
      rss: { afterStartMb, peakMb },
      targets: judgeTargets(load, peakMb),
    };
  } catch (error) {
    for (const server of servers) console.error(`--- ${server.name} output ---\n${server.output()}`);
    throw error;
  } finally {
    for (const server of servers) await server.stop();
    await bench.drop();
  }
}

const command = `pnpm bench ${process.argv.slice(2).join(' ')}`.trim();
const loadBefore = loadavg()[0] ?? 0;
log(command);
const web = webSizes();
if (options.api === 'dist') {
  log('building the API bundle (what `pnpm start` runs)…');
  buildApi();
}
const databases: DatabaseResult[] = [];
for (const dialect of options.databases) databases.push(await benchDatabase(dialect));

const cpuList = cpus();
const result: BenchResult = {
  measuredAt: new Date().toISOString(),
  command,
  size: options.size,
  api: options.api === 'dist' ? 'node apps/api/dist/main.js' : 'node --import tsx apps/api/src/main.ts',
  seconds: options.seconds,
  machine: {
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    os: `${type()} ${release()}`,
    node: process.versions.node,
    // Other work on the machine skews every figure: the 1-minute load average before and after.
    loadBefore: Math.round(loadBefore * 10) / 10,
    loadAfter: Math.round((loadavg()[0] ?? 0) * 10) / 10,
  },
  databases,
  web,
};
const out =
  options.out ?? join(BENCH_DIR, 'results', `${result.measuredAt.slice(0, 10)}-${options.size}.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
log(`results: ${relative(process.cwd(), out)}`);
if (options.readme) {
  writeReadme(join(BENCH_DIR, 'README.md'), result);
  log('bench/README.md updated');
}
for (const db of databases) {
  for (const t of db.targets)
    log(`${db.database}: ${t.met ? 'met ' : 'MISS'} ${t.name}: ${t.value} (goal ${t.goal})`);
}
const errors = databases.flatMap((db) => db.load).reduce((sum, r) => sum + r.non2xx + r.errors + r.failed, 0);
if (errors > 0) {
  console.error(`${errors} request(s) failed: the figures do not count.`);
  process.exitCode = 1;
}
