// The benchmark's smoke run, so it cannot rot: a tiny dataset and 1-second loads through the very
// command people run (`pnpm bench --size smoke`), on PostgreSQL when DATABASE_URL points at a
// server and on SQLite otherwise. It checks that every figure is produced and that no request
// failed; speed is not asserted here (that is what the full run and bench/README.md are for).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchResult } from '../src/report.js';

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
const SCENARIOS = ['accountPage', 'accountPageRaw', 'accountsList', 'portfolio', 'logVisit'];
const dir = mkdtempSync(join(tmpdir(), 'clave-bench-smoke-'));
let result: BenchResult;
let output = '';

beforeAll(() => {
  const out = join(dir, 'smoke.json');
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/main.ts', '--size', 'smoke', '--out', out],
    { cwd: BENCH_DIR, encoding: 'utf8', env: process.env, timeout: 400_000 },
  );
  output = `${run.stdout}\n${run.stderr}`;
  if (run.status !== 0) throw new Error(`pnpm bench --size smoke failed (${run.status}):\n${output}`);
  result = JSON.parse(readFileSync(out, 'utf8')) as BenchResult;
}, 420_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pnpm bench --size smoke', () => {
  it('measures the database the tests run on', () => {
    const expected = /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? '') ? 'postgres' : 'sqlite';
    expect(result.databases.map((db) => db.database)).toEqual([expected]);
    expect(result.databases[0]?.version).toMatch(/^(SQLite|PostgreSQL) \d/);
  });

  it('generates every table of the dataset', () => {
    const counts = result.databases[0]?.dataset.counts ?? {};
    for (const table of [
      'account',
      'visit',
      'kpi_measurement',
      'stakeholder',
      'plan_action',
      'opportunity',
    ]) {
      expect(counts[table], table).toBeGreaterThan(0);
    }
  });

  it('loads every scenario at 1, 10 and 50 clients with answers and without a single failed request', () => {
    const load = result.databases[0]?.load ?? [];
    for (const scenario of SCENARIOS) {
      for (const connections of [1, 10, 50]) {
        const run = load.find((r) => r.scenario === scenario && r.connections === connections);
        expect(run, `${scenario} at ${connections}`).toBeDefined();
        expect(run?.requests, `${scenario} at ${connections}: requests`).toBeGreaterThan(0);
        expect(run?.p99, `${scenario} at ${connections}: p99`).toBeGreaterThan(0);
        // The server's own handling time of those very requests (matched by request id), read from
        // its log; never more than the slowest answer the clients waited for (which autocannon
        // rounds down to whole ms; the servers log tenths: hence + 1.1).
        expect(run?.server?.p99, `${scenario} at ${connections}: in-server p99`).toBeGreaterThan(0);
        expect(run?.server?.p99, `${scenario} at ${connections}: in-server p99 ≤ max`).toBeLessThanOrEqual(
          (run?.max ?? 0) + 1.1,
        );
        expect([run?.non2xx, run?.errors, run?.failed], `${scenario} at ${connections}: failures`).toEqual([
          0, 0, 0,
        ]);
      }
    }
  });

  it('counts the SQL statements of one request of each scenario', () => {
    const statements = result.databases[0]?.statements ?? {};
    for (const scenario of SCENARIOS) expect(statements[scenario], scenario).toBeGreaterThan(0);
  });

  it("reads the API process's memory and judges every target", () => {
    const db = result.databases[0];
    expect(db?.rss.peakMb).toBeGreaterThan(0);
    expect(db?.targets.map((t) => t.name)).toHaveLength(6);
  });

  it("measures the PWA's JavaScript for every route", () => {
    expect(result.web.routes.length).toBeGreaterThan(5);
    for (const route of result.web.routes) expect(route.js.gzip, route.route).toBeGreaterThan(0);
    expect(result.web.routes.map((r) => r.route)).toContain('/(app)/accounts/[id]/visit');
  });
});
