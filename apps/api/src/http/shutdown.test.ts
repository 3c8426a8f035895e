import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

/**
 * The real server process (src/main.ts) on its own SQLite file: SIGTERM stops new connections,
 * lets the request in flight finish with its answer, closes the database and exits 0.
 */
const apiDir = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let server: ChildProcess;
let port: number;
const lines: { msg?: string }[] = [];
let exited: Promise<number | null>;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function logged(msg: RegExp): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (lines.some((l) => msg.test(l.msg ?? ''))) resolve();
      else setTimeout(check, 20);
    };
    check();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clave-shutdown-'));
  port = await freePort();
  server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiDir,
    env: {
      ...process.env,
      DATABASE_URL: `file:${join(dir, 'clave.sqlite')}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      WEB_DIR: '',
      CLAVE_SEED_DEMO: 'false',
      WEBHOOK_WORKER: 'false',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
  let buffer = '';
  server.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const complete = buffer.split('\n');
    buffer = complete.pop() ?? '';
    for (const line of complete) if (line.trim()) lines.push(JSON.parse(line));
  });
  await logged(/listening/);
}, 60_000);

afterAll(() => {
  if (server.exitCode === null) server.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function connects(): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = request({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
      res.resume();
      resolve(true);
    });
    probe.on('error', () => resolve(false));
    probe.end();
  });
}

it('finishes the request in flight after SIGTERM, refuses new ones, then stops cleanly', async () => {
  const body = JSON.stringify({ query: 'query Slow { __typename }' });
  const slow = request({
    host: '127.0.0.1',
    port,
    path: '/graphql',
    method: 'POST',
    agent: false,
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      origin: `http://127.0.0.1:${port}`,
    },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    slow.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString('utf8');
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    slow.on('error', reject);
  });
  // Half the body now: the request is in flight, the server waits for the rest.
  slow.write(body.slice(0, 10));
  await new Promise((resolve) => setTimeout(resolve, 200));

  server.kill('SIGTERM');
  await logged(/^stopping/);
  expect(await connects()).toBe(false);
  slow.end(body.slice(10));

  const { status, body: text } = await answer;
  expect(status).toBe(200);
  expect(JSON.parse(text)).toEqual({ data: { __typename: 'Query' } });
  expect(await exited).toBe(0);
  expect(lines.map((l) => l.msg)).toContain('stopped: in-flight requests finished, database closed');
});
