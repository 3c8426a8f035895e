import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const API_DIR = fileURLToPath(new URL('../../apps/api/', import.meta.url));
const BENCH_DIR = fileURLToPath(new URL('../', import.meta.url));

/** A server started for the bench, as a separate process like in production. */
export interface Server {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** What the process printed (for errors). */
  readonly output: () => string;
  /** Peak resident memory of the process so far (VmHWM), in bytes. */
  peakRss(): number;
  /** Resident memory now, in bytes. */
  rss(): number;
  /**
   * The handling times (ms, from the request reaching the handler to its answer) of the requests
   * logged since the last call, by request id: each server prints a `"msg":"request"` line with
   * `requestId` and `durationMs`.
   */
  takeHandlingTimes(): Map<string, number>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
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

function statusField(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1];
  if (!kb) throw new Error(`No ${field} for process ${pid}`);
  return Number(kb) * 1024;
}

async function start(
  name: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
  readyPath: string,
): Promise<Server> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // stdout carries a log line per request: keep its tail and each request's handling time; keep
  // stderr (crashes) whole, apart.
  let stdout = '';
  let stderr = '';
  let exit = '';
  let partial = '';
  let handlingTimes = new Map<string, number>();
  child.stdout?.on('data', (chunk) => {
    stdout = (stdout + chunk).slice(-4_000);
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.includes('"msg":"request"')) continue;
      const { requestId, durationMs } = JSON.parse(line) as { requestId?: unknown; durationMs?: unknown };
      if (typeof requestId === 'string' && typeof durationMs === 'number')
        handlingTimes.set(requestId, durationMs);
    }
  });
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-50_000);
  });
  child.once('exit', (code, signal) => {
    exit = `exited with ${signal ? `signal ${signal}` : `code ${code}`} at ${new Date().toISOString()}`;
  });
  const output = () => `${exit}\n--- stderr ---\n${stderr}\n--- last stdout ---\n${stdout}`;
  const url = `http://127.0.0.1:${port}`;
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name} did not start`);
  const server: Server = {
    name,
    url,
    pid,
    output,
    peakRss: () => statusField(pid, 'VmHWM'),
    rss: () => statusField(pid, 'VmRSS'),
    takeHandlingTimes: () => {
      const taken = handlingTimes;
      handlingTimes = new Map();
      return taken;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const ready = await fetch(`${url}${readyPath}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return server;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await server.stop();
  throw new Error(`${name} did not become ready:\n${output()}`);
}

/** Builds the API's production bundle (esbuild, a few seconds) so the bench runs what `pnpm start` runs. */
export function buildApi(): void {
  const result = spawnSync(process.execPath, ['build.mjs'], { cwd: API_DIR, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('Building the API bundle failed');
}

export function startApi(
  mode: 'dist' | 'tsx',
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<Server> {
  // Exactly what `pnpm start` runs (no extra Node flags), or the sources through tsx.
  const args = mode === 'dist' ? ['dist/main.js'] : ['--import', 'tsx', 'src/main.ts'];
  return start(
    `API (${mode === 'dist' ? 'node dist/main.js' : 'tsx src/main.ts'})`,
    args,
    API_DIR,
    {
      DATABASE_URL: databaseUrl,
      WEB_DIR: '',
      CLAVE_SEED_DEMO: 'false',
      // The load comes from one client address with one token-less session; no per-token limit applies.
      TOKEN_RATE_PER_MINUTE: '100000',
      ...extraEnv,
    },
    '/readyz',
  );
}

export function startRawServer(databaseUrl: string): Promise<Server> {
  return start(
    'raw node:http handler',
    ['--import', 'tsx', 'src/raw-server.ts'],
    BENCH_DIR,
    { DATABASE_URL: databaseUrl },
    '/ready',
  );
}
