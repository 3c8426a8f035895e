// `pnpm --filter @clave/bench compare BEFORE.json AFTER.json` — a Markdown table of two bench runs
// (e.g. before and after a change, run one after the other on the same machine): throughput and
// p99 per scenario, database and concurrency, with the after/before ratio, plus statements per
// request and peak memory. Both runs should use the same --seconds and dataset size.
import { readFileSync } from 'node:fs';
import type { BenchResult, DatabaseResult } from './report.js';

const [beforePath, afterPath] = process.argv.slice(2).filter((a) => a !== '--');
if (!beforePath || !afterPath) {
  console.error('usage: pnpm --filter @clave/bench compare BEFORE.json AFTER.json');
  process.exit(2);
}
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as BenchResult;
const before = read(beforePath);
const after = read(afterPath);
const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '–');

const lines: string[] = [
  `Before: ${before.measuredAt} (\`${before.command}\`, load ${before.machine.loadBefore} → ${before.machine.loadAfter}); ` +
    `after: ${after.measuredAt} (\`${after.command}\`, load ${after.machine.loadBefore} → ${after.machine.loadAfter}).`,
  '',
  '| database | scenario | clients | req/s before | req/s after | × | p99 ms before | p99 ms after |',
  '| --- | --- | --: | --: | --: | --: | --: | --: |',
];
for (const db of after.databases) {
  const old = before.databases.find((d) => d.database === db.database);
  if (!old) continue;
  for (const r of db.load) {
    const o = old.load.find((x) => x.scenario === r.scenario && x.connections === r.connections);
    if (!o) continue;
    lines.push(
      `| ${db.database} | ${r.scenario} | ${r.connections} | ${o.rps} | ${r.rps} | ${ratio(r.rps, o.rps)} | ${o.p99} | ${r.p99} |`,
    );
  }
}
lines.push(
  '',
  '| database | SQL statements per request (before → after) | peak RSS MB (before → after) |',
  '| --- | --- | --: |',
);
for (const db of after.databases) {
  const old = before.databases.find((d) => d.database === db.database) as DatabaseResult | undefined;
  if (!old) continue;
  const statements = Object.keys(db.statements)
    .map((k) => `${k} ${old.statements[k] ?? '–'} → ${db.statements[k]}`)
    .join(', ');
  lines.push(`| ${db.database} | ${statements} | ${old.rss.peakMb} → ${db.rss.peakMb} |`);
}
console.log(lines.join('\n'));
