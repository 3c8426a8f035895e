// Sums the test reports of one `pnpm test` run: the vitest JSON reports (.vitest/results.json in
// each workspace package, the bench's smoke run included) and the Playwright JSON report of the browser tests
// (apps/web/.playwright/results.json). A report that is missing — the suite did not run at all —
// counts as one failure, so a silent skip is visible; so does a Playwright run that ran no test.
// Each failed test is named after the summary line with the first line of its error: CI keeps only
// the end of the log, and a failure nobody can name cannot be fixed.
import { existsSync, readFileSync } from 'node:fs';

const label = process.argv[2] ?? 'run';
const vitestPackages = ['packages/domain', 'apps/api', 'apps/web', 'bench'];
const playwrightReports = ['apps/web/.playwright/results.json'];
let passed = 0;
let failed = 0;
const parts = [];
const failures = [];
const firstLine = (message = '') =>
  message
    // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes in reporters' messages
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .find((line) => line.trim())
    ?.trim()
    .slice(0, 300) ?? '';

for (const dir of vitestPackages) {
  const file = `${dir}/.vitest/results.json`;
  if (!existsSync(file)) {
    failed += 1;
    parts.push(`${dir}: no results`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  // A file that failed with no failed test (an import error, a failing hook) counts as one failure;
  // vitest's numFailedTestSuites also counts each describe block around a failed test, twice over.
  failed += report.numFailedTests;
  parts.push(`${dir}: ${report.numPassedTests}/${report.numTotalTests}`);
  for (const file of report.testResults) {
    const where = file.name.slice(file.name.indexOf(dir));
    const failedTests = file.assertionResults.filter((test) => test.status === 'failed');
    for (const test of failedTests)
      failures.push(`${where} › ${test.fullName}: ${firstLine(test.failureMessages[0])}`);
    if (file.status === 'failed' && failedTests.length === 0) {
      failed += 1;
      failures.push(`${where}: ${firstLine(file.message)}`);
    }
  }
}

for (const file of playwrightReports) {
  const name = `${file.split('/.playwright/')[0]} e2e`;
  if (!existsSync(file)) {
    failed += 1;
    parts.push(`${name}: no results`);
    continue;
  }
  const { stats, errors = [], suites = [] } = JSON.parse(readFileSync(file, 'utf8'));
  // `flaky` passed only on a retry; the suite runs without retries, so it is a failure here.
  const ok = stats.expected;
  const bad = stats.unexpected + stats.flaky + errors.length;
  const ranNothing = ok + bad === 0;
  passed += ok;
  failed += bad + (ranNothing ? 1 : 0);
  parts.push(
    `${name}: ${ok}/${ok + stats.unexpected + stats.flaky}${errors.length ? ` (${errors.length} errors)` : ''}${ranNothing ? ' (no test ran)' : ''}`,
  );
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status === 'expected' || test.status === 'skipped') continue;
        const error = test.results.find((result) => result.error)?.error;
        failures.push(`${name} ${spec.file}:${spec.line} › ${spec.title}: ${firstLine(error?.message)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of suites) walk(suite);
  for (const error of errors) failures.push(`${name}: ${firstLine(error.message)}`);
}

console.log(`${label}: ${passed} passed, ${failed} failed (${parts.join('; ')})`);
for (const failure of failures) console.log(`    failed: ${failure}`);
