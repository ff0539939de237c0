// Adds up the unit and end-to-end reports into one closing line, "N passed, N failed", and exits
// non-zero when anything failed or a stage (type check, build) broke without a test report.
import { existsSync, readFileSync } from 'node:fs';

const [unitReport, e2eReport, ...failedStages] = process.argv.slice(2);
const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);

let passed = 0;
let failed = 0;
let skipped = 0;
const unit = read(unitReport);
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  skipped += unit.numPendingTests + unit.numTodoTests;
}
const e2e = read(e2eReport);
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
}
// A stage that fails outside any test (type errors, a broken build) still fails the run.
const stageOnly = failedStages.filter((stage) => !(stage === 'unit tests' && unit) && !(stage === 'end-to-end' && e2e));
failed += stageOnly.length;

console.log('');
if (failedStages.length) console.log(`failed stages: ${failedStages.join(', ')}`);
console.log(
  `unit: ${unit ? `${unit.numPassedTests} passed, ${unit.numFailedTests} failed` : 'no report'}; end-to-end: ${e2e ? `${e2e.stats.expected} passed, ${e2e.stats.unexpected} failed` : 'no report'}`,
);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 || failedStages.length > 0 ? 1 : 0);
