// Sums the vitest JSON reports (.vitest/results.json in each workspace package) of one run.
// A package whose tests did not run at all counts as one failure, so a silent skip is visible.
import { existsSync, readFileSync } from 'node:fs';

const label = process.argv[2] ?? 'run';
const packages = ['packages/domain', 'apps/api', 'apps/web'];
let passed = 0;
let failed = 0;
const parts = [];
for (const dir of packages) {
  const file = `${dir}/.vitest/results.json`;
  if (!existsSync(file)) {
    failed += 1;
    parts.push(`${dir}: no results`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numFailedTestSuites ?? 0);
  parts.push(`${dir}: ${report.numPassedTests}/${report.numTotalTests}`);
}
console.log(`${label}: ${passed} passed, ${failed} failed (${parts.join('; ')})`);
