/** What `pnpm bench` was asked to do. */
export interface BenchOptions {
  readonly databases: readonly ('sqlite' | 'postgres')[];
  readonly size: 'full' | 'smoke';
  /** Seconds of load per scenario and concurrency level. */
  readonly seconds: number;
  /** Concurrent clients to measure at. */
  readonly connections: readonly number[];
  /** How the API runs: the production bundle (`node apps/api/dist/main.js`) or from source with tsx. */
  readonly api: 'dist' | 'tsx';
  /** Where the JSON goes; the README table is only rewritten for full runs unless --readme. */
  readonly out: string | null;
  readonly readme: boolean;
  /** PostgreSQL server to create the bench database on. */
  readonly postgresUrl: string;
}

const USAGE = `pnpm bench [--db sqlite|postgres|both] [--size full|smoke] [--seconds N]
           [--connections 1,10,50] [--api dist|tsx] [--out file.json] [--readme]
  --db           databases to measure (default: both for full; for smoke, postgres when
                 DATABASE_URL is a postgres:// URL, else sqlite)
  --size         full: 1,000 accounts, 50 KAMs, 100,000 visits, 1,000,000 KPI values (default)
                 smoke: a tiny dataset and short loads (2 requests per client, at least 20,
                 each one answered and counted), to check every figure is produced
  --seconds      load per scenario and level in full runs (default 10)
  --api          dist = the production bundle (built first), tsx = from source (default: dist
                 for full, tsx for smoke)
  --out          the JSON result file (default bench/results/<date>-<size>.json)
  --readme       write the results into bench/README.md (default for full runs of both databases)
PostgreSQL: PG_BENCH_URL or DATABASE_URL (postgres://…) names the server; a fresh database is
created on it and dropped afterwards.`;

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') continue;
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument ${arg}\n${USAGE}`);
    const [key, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (key === 'readme') {
      args.set(key, 'true');
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${key} needs a value\n${USAGE}`);
    args.set(key, value);
  }
  for (const key of args.keys()) {
    if (!['db', 'size', 'seconds', 'connections', 'api', 'out', 'readme'].includes(key)) {
      throw new Error(`Unknown option --${key}\n${USAGE}`);
    }
  }
  const size = args.get('size') ?? 'full';
  if (size !== 'full' && size !== 'smoke') throw new Error(`--size must be full or smoke, not ${size}`);
  const envPostgres = [env.PG_BENCH_URL, env.DATABASE_URL].find(
    (url) => url && /^postgres(ql)?:\/\//.test(url),
  );
  const db = args.get('db') ?? (size === 'full' ? 'both' : envPostgres ? 'postgres' : 'sqlite');
  const databases: readonly ('sqlite' | 'postgres')[] | null =
    db === 'both' ? ['sqlite', 'postgres'] : db === 'sqlite' || db === 'postgres' ? [db] : null;
  if (!databases) throw new Error(`--db must be sqlite, postgres or both, not ${db}`);
  const seconds = Number(args.get('seconds') ?? (size === 'full' ? 10 : 1));
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error('--seconds must be a positive number');
  const connections = (args.get('connections') ?? '1,10,50').split(',').map((c) => Number(c.trim()));
  if (connections.some((c) => !Number.isInteger(c) || c < 1)) {
    throw new Error('--connections must be a comma-separated list of positive integers');
  }
  const api = args.get('api') ?? (size === 'full' ? 'dist' : 'tsx');
  if (api !== 'dist' && api !== 'tsx') throw new Error(`--api must be dist or tsx, not ${api}`);
  return {
    databases,
    size,
    seconds,
    connections,
    api,
    out: args.get('out') ?? null,
    readme: args.has('readme') || (size === 'full' && databases.length === 2),
    postgresUrl: envPostgres ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres',
  };
}
