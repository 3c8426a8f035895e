import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Starts the real server (the API bundle, which also serves the built PWA) on a free port with a
 * fresh SQLite database — it migrates and loads the demo on start — and stops it after the run.
 * It builds nothing: `turbo run e2e` builds @clave/api and @clave/web first.
 *
 * The tests find the server through CLAVE_E2E_BASE_URL (workers inherit this process's env).
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** The server's bundle; CLAVE_E2E_SERVER may name another build of it (a path to its main.js). */
const serverEntry = process.env.CLAVE_E2E_SERVER ?? join(repoRoot, 'apps/api/dist/main.js');
const webDir = join(repoRoot, 'apps/web/build');
const webBuild = join(webDir, 'index.html');
const logFile = fileURLToPath(new URL('../.playwright/server.log', import.meta.url));
const READY_TIMEOUT_MS = 60_000;

export default async function globalSetup(): Promise<() => Promise<void>> {
  for (const [file, build] of [
    [serverEntry, '@clave/api'],
    [webBuild, '@clave/web'],
  ] as const) {
    if (!existsSync(file)) {
      throw new Error(`${file} is missing: build first (pnpm turbo run build --filter=${build}).`);
    }
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'clave-e2e-'));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;

  mkdirSync(join(logFile, '..'), { recursive: true });
  const log = createWriteStream(logFile);
  const server = spawn(process.execPath, [serverEntry], {
    cwd: repoRoot,
    env: {
      ...process.env,
      // Its own SQLite file even when the surrounding run targets PostgreSQL.
      DATABASE_URL: join(dataDir, 'clave.sqlite'),
      WEB_DIR: webDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      CLAVE_SEED_DEMO: 'true',
      COOKIE_SECURE: 'auto',
      TRUST_PROXY: 'false',
      // Webhook receivers in the tests listen on plain http on 127.0.0.1; check for deliveries often.
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_POLL_SECONDS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);

  try {
    await waitUntilReady(server, `${baseURL}/readyz`);
  } catch (error) {
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  process.env.CLAVE_E2E_BASE_URL = baseURL;

  return async () => {
    await stop(server);
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

async function waitUntilReady(server: ChildProcess, url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited: string | null = null;
  server.once('exit', (code, signal) => {
    exited = `exited with ${signal ?? code}`;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`The server ${exited} before it was ready:\n${logTail()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${logTail()}`);
}

function logTail(): string {
  const lines = existsSync(logFile) ? readFileSync(logFile, 'utf8').trimEnd().split('\n') : [];
  return `${lines.slice(-15).join('\n')}\n(whole log: ${logFile})`;
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGTERM');
  const force = setTimeout(() => server.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(force);
}
