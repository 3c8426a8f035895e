// The real API as a child process (src/main.ts, bundled as for `pnpm start`) on its own database,
// which the test can SIGKILL and start again on the same port and data.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const API_DIR = fileURLToPath(new URL('../../../api/', import.meta.url));
const PREPARE_SCHEMA = fileURLToPath(new URL('./prepare-schema.mjs', import.meta.url));
/** How long one start (migrate, maybe load the demo, listen) may take on a busy 2-core machine. */
const START_TIMEOUT_MS = 120_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A fresh database: a temporary SQLite file, or — when DATABASE_URL points at PostgreSQL — a new
 * database on that server (created and dropped through the API's own `pg` client).
 */
export async function freshDatabase(): Promise<{
  url: string;
  kind: 'sqlite' | 'postgresql';
  drop(): Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'clave-faults-'));
  const base = process.env.DATABASE_URL;
  if (base && /^postgres(ql)?:\/\//.test(base)) {
    const name = `clave_faults_${Date.now().toString(36)}_${process.pid}`;
    await pgAdmin(base, `CREATE DATABASE ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      kind: 'postgresql',
      drop: async () => {
        await pgAdmin(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  return {
    url: join(dir, 'clave.sqlite'),
    kind: 'sqlite',
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function pgAdmin(url: string, sql: string): Promise<void> {
  const script =
    "const pg = require('pg'); const c = new pg.Client({ connectionString: process.env.ADMIN_URL });" +
    'c.connect().then(() => c.query(process.env.SQL)).then(() => c.end(), (e) => { console.error(e); process.exit(1); });';
  await run(process.execPath, ['-e', script], {
    cwd: API_DIR,
    env: { ...process.env, ADMIN_URL: url, SQL: sql },
  });
}

/**
 * The server bundled as `pnpm start` runs it (apps/api/build.mjs: esbuild, npm packages external),
 * into a folder of apps/api's node_modules so that those packages resolve. Starting the bundle
 * takes a third less time than compiling the sources on the fly, which counts with every restart.
 */
export async function bundleApi(): Promise<{ entry: string; remove(): void }> {
  const dir = join(API_DIR, 'node_modules', '.cache', `clave-faults-${process.pid}`);
  const entry = join(dir, 'main.mjs');
  const script = `
    const { build } = require('esbuild');
    const pkg = require('./package.json');
    const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@clave/'));
    build({
      entryPoints: ['src/main.ts'],
      outfile: process.env.OUTFILE,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20.19',
      external: [...external, ...external.map((name) => name + '/*')],
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'warning',
    }).catch((error) => { console.error(error); process.exit(1); });`;
  await run(process.execPath, ['-e', script], { cwd: API_DIR, env: { ...process.env, OUTFILE: entry } });
  return { entry, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export class ApiProcess {
  readonly port: number;
  readonly logPath: string;
  starts = 0;
  kills = 0;
  /** Time spent starting (and restarting) the server, in ms. */
  startingMs = 0;
  #child: ChildProcess | null = null;
  #exited: Promise<void> = Promise.resolve();
  #log: WriteStream;
  #env: Record<string, string>;

  #entry: string;

  /** `entry`: the server's bundle (see `bundleApi`). */
  constructor(entry: string, port: number, databaseUrl: string, logDir: string) {
    this.#entry = entry;
    this.port = port;
    this.logPath = join(logDir, 'api.log');
    this.#log = createWriteStream(this.logPath, { flags: 'a' });
    this.#env = {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      WEB_DIR: '',
      CLAVE_SEED_DEMO: 'true',
      LOGIN_MAX_FAILURES: '1000',
      TOKEN_RATE_PER_MINUTE: '100000',
    };
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.#child !== null;
  }

  /** While the entities are ahead of the migrations (CLAVE_SCHEMA_FROM_ENTITIES=1), builds the schema from them. */
  async prepareSchemaFromEntities(): Promise<void> {
    await run(process.execPath, ['--import', 'tsx', PREPARE_SCHEMA], {
      cwd: API_DIR,
      env: { ...process.env, ...this.#env },
    });
  }

  /** Starts the server and resolves once it answers /readyz. */
  async start(): Promise<void> {
    if (this.#child) throw new Error('The API is already running.');
    this.starts++;
    const began = Date.now();
    this.#log.write(`\n--- start #${this.starts} at ${new Date().toISOString()}\n`);
    const child = spawn(process.execPath, [this.#entry], {
      cwd: API_DIR,
      env: { ...process.env, ...this.#env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(this.#log, { end: false });
    child.stderr?.pipe(this.#log, { end: false });
    this.#child = child;
    // Never outlive the test run (a timeout, an interrupted run): the server dies with this process.
    const orphanGuard = () => child.kill('SIGKILL');
    process.once('exit', orphanGuard);
    this.#exited = new Promise((resolve) =>
      child.once('exit', () => {
        process.off('exit', orphanGuard);
        resolve();
      }),
    );
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) break;
      const ready = await fetch(`${this.url}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) {
        this.startingMs += Date.now() - began;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`The API did not start (see ${this.logPath}):\n${this.logTail()}`);
  }

  /** SIGKILL: no shutdown, no flush — what a crash or an out-of-memory kill does. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    this.#child = null;
    this.kills++;
    this.#log.write(`\n--- SIGKILL at ${new Date().toISOString()}\n`);
    child.kill('SIGKILL');
    await this.#exited;
  }

  /** Stops the server for good (SIGTERM, then SIGKILL if it lingers). */
  async stop(): Promise<void> {
    const child = this.#child;
    this.#child = null;
    if (child) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await this.#exited;
      clearTimeout(timer);
    }
    await new Promise<void>((resolve) => this.#log.end(resolve));
  }

  logTail(lines = 20): string {
    try {
      const all = readFileSync(this.logPath, 'utf8').split('\n');
      return all
        .slice(-lines)
        .map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line))
        .join('\n');
    } catch {
      return '(no log)';
    }
  }
}
