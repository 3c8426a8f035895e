import { readFileSync, writeFileSync } from 'node:fs';
import type { LoadResult } from './load.js';
import type { ScenarioName } from './scenarios.js';

export interface WebRoute {
  readonly route: string;
  readonly js: { readonly raw: number; readonly gzip: number };
  readonly css: { readonly raw: number; readonly gzip: number };
}

export interface DatabaseResult {
  readonly database: 'sqlite' | 'postgres';
  readonly version: string;
  readonly dataset: { readonly counts: Record<string, number>; readonly seconds: number };
  readonly load: readonly LoadResult[];
  readonly statements: Record<string, number>;
  readonly rss: { readonly afterStartMb: number; readonly peakMb: number };
  readonly targets: readonly Target[];
}

export interface Target {
  readonly name: string;
  readonly goal: string;
  readonly value: string;
  readonly met: boolean;
}

export interface BenchResult {
  readonly measuredAt: string;
  readonly command: string;
  readonly size: 'full' | 'smoke';
  readonly api: string;
  readonly seconds: number;
  readonly machine: Record<string, string | number>;
  readonly databases: readonly DatabaseResult[];
  readonly web: { readonly routes: readonly WebRoute[]; readonly allJsGzip: number };
}

const at = (load: readonly LoadResult[], scenario: ScenarioName, connections: number) =>
  load.find((r) => r.scenario === scenario && r.connections === connections);

/** The issue's targets, judged at the highest concurrency measured (50 clients in a full run). */
export function judgeTargets(load: readonly LoadResult[], peakRssMb: number): Target[] {
  const top = Math.max(...load.map((r) => r.connections));
  const page = at(load, 'accountPage', top);
  const raw = at(load, 'accountPageRaw', top);
  const visit = load.filter((r) => r.scenario === 'logVisit').sort((a, b) => b.rps - a.rps)[0];
  const portfolio = at(load, 'portfolio', top);
  const ratio = page && raw ? page.rps / raw.rps : Number.NaN;
  return [
    {
      name: `account page p99 at ${top} clients`,
      goal: '< 50 ms',
      value: `${page?.p99} ms`,
      met: (page?.p99 ?? Infinity) < 50,
    },
    {
      name: `GraphQL / raw throughput at ${top} clients`,
      goal: '≥ 0.6',
      value: ratio.toFixed(2),
      met: ratio >= 0.6,
    },
    {
      name: `logVisit throughput (best level: ${visit?.connections} clients)`,
      goal: '≥ 2,000 /s',
      value: `${Math.round(visit?.rps ?? 0).toLocaleString('en')} /s`,
      met: (visit?.rps ?? 0) >= 2000,
    },
    {
      name: `logVisit p99 at that level`,
      goal: '< 20 ms',
      value: `${visit?.p99} ms`,
      met: (visit?.p99 ?? Infinity) < 20,
    },
    {
      name: `portfolio p99 at ${top} clients`,
      goal: '< 200 ms',
      value: `${portfolio?.p99} ms`,
      met: (portfolio?.p99 ?? Infinity) < 200,
    },
    { name: 'API peak RSS under load', goal: '< 300 MB', value: `${peakRssMb} MB`, met: peakRssMb < 300 },
  ];
}

const LABELS: Record<string, string> = {
  accountPage: 'account page — GraphQL',
  accountPageRaw: 'account page — raw SQL handler',
  accountsList: 'accounts list (20)',
  portfolio: 'portfolio (manager)',
  logVisit: 'logVisit',
};

function table(rows: readonly (readonly string[])[], align: readonly ('l' | 'r')[]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(3, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, i) => (align[i] === 'r' ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (align[i] === 'r' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(rows[0] ?? []), rule, ...rows.slice(1).map(line)].join('\n');
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const int = (n: number) => Math.round(n).toLocaleString('en');

/** The results as Markdown: machine facts, then per database the load, statements, memory and targets. */
export function markdown(result: BenchResult): string {
  const out: string[] = [];
  out.push(`### Results — ${result.measuredAt.slice(0, 10)} (${result.size} dataset)`);
  out.push('');
  out.push(
    `Command: \`${result.command}\` · API run as \`${result.api}\` · ${
      result.size === 'smoke' ? '20–100 requests' : `${result.seconds} s`
    } per measurement.`,
  );
  out.push('');
  out.push(
    `Machine: ${result.machine.cpus} × ${result.machine.cpuModel}, ${result.machine.memoryGb} GB RAM, ${result.machine.os}, Node.js ${result.machine.node}. ` +
      'The load generator (autocannon) runs on the same machine and shares its cores with the server. ' +
      `Load average (1 min) ${result.machine.loadBefore} before the run, ${result.machine.loadAfter} after` +
      ` (${result.machine.cpus} would mean the cores were already busy with other work).`,
  );
  for (const db of result.databases) {
    out.push('');
    out.push(`#### ${db.version}`);
    out.push('');
    const c = db.dataset.counts;
    out.push(
      `Dataset: ${int(c.account ?? 0)} accounts, ${int((c.app_user ?? 0) - (c.team ?? 0))} KAMs in ${c.team} teams with managers, ` +
        `${int(c.visit ?? 0)} visits, ${int(c.kpi_measurement ?? 0)} KPI values, ${int(c.stakeholder ?? 0)} stakeholders, ` +
        `${int(c.plan_action ?? 0)} plan actions, ${int(c.opportunity ?? 0)} opportunities; generated in ${db.dataset.seconds.toFixed(1)} s.`,
    );
    out.push('');
    const connections = [...new Set(db.load.map((r) => r.connections))].sort((a, b) => a - b);
    const rows: string[][] = [
      [
        'scenario',
        'SQL / req',
        ...connections.flatMap((n) => [`${n}: req/s`, `${n}: p50 / p99 ms (in server p99)`]),
        'errors',
      ],
    ];
    for (const scenario of Object.keys(LABELS)) {
      const runs = db.load.filter((r) => r.scenario === scenario);
      if (!runs.length) continue;
      const errors = runs.reduce((sum, r) => sum + r.non2xx + r.errors + r.failed, 0);
      rows.push([
        LABELS[scenario] ?? scenario,
        String(db.statements[scenario] ?? '—'),
        ...connections.flatMap((n) => {
          const r = runs.find((x) => x.connections === n);
          return r
            ? [int(r.rps), `${r.p50} / ${r.p99}${r.server ? ` (${Math.round(r.server.p99)})` : ''}`]
            : ['—', '—'];
        }),
        String(errors),
      ]);
    }
    out.push(table(rows, ['l', 'r', ...connections.flatMap(() => ['r', 'r'] as const), 'r']));
    out.push('');
    out.push(
      `API memory: ${db.rss.afterStartMb} MB resident after start, **${db.rss.peakMb} MB peak** (VmHWM) over the whole run.`,
    );
    out.push('');
    out.push(
      table(
        [
          ['target', 'goal', 'measured', 'met'],
          ...db.targets.map((t) => [t.name, t.goal, t.value, t.met ? 'yes' : '**no**']),
        ],
        ['l', 'l', 'r', 'l'],
      ),
    );
  }
  out.push('');
  out.push('#### PWA JavaScript per route (gzip, what a phone downloads before the screen opens)');
  out.push('');
  out.push(
    table(
      [
        ['route', 'JS gzip', 'JS raw', 'CSS gzip'],
        ...result.web.routes.map((r) => [r.route, kb(r.js.gzip), kb(r.js.raw), kb(r.css.gzip)]),
      ],
      ['l', 'r', 'r', 'r'],
    ),
  );
  out.push('');
  out.push(`All JavaScript in the build: ${kb(result.web.allJsGzip)} gzip.`);
  return out.join('\n');
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Replaces the generated part of bench/README.md (between the markers) with these results. */
export function writeReadme(file: string, result: BenchResult): void {
  const readme = readFileSync(file, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  const section = `${START}\n${markdown(result)}\n${END}`;
  const next =
    start >= 0 && end > start
      ? `${readme.slice(0, start)}${section}${readme.slice(end + END.length)}`
      : `${readme.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
