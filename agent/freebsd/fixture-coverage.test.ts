// Every FreeBSD output fixture must be read by at least one parser test, so a fixture added to
// fixtures/freebsd/ without a test fails the build instead of sitting unused.
// "Read by" is approximated by "its file name appears in a *.test.ts file in this folder".
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FIXTURES = join(__dirname, '../../fixtures/freebsd');
/** Files in the folder that are documentation, not command output. */
const NOT_FIXTURES = new Set(['README.md']);

describe('FreeBSD fixture coverage', () => {
  const fixtures = readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isFile() && !NOT_FIXTURES.has(entry.name))
    .map((entry) => entry.name)
    .sort();
  const tests = readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => readFileSync(join(__dirname, name), 'utf8'));

  it('finds the fixtures folder and the test files', () => {
    expect(fixtures.length).toBeGreaterThan(0);
    expect(tests.length).toBeGreaterThan(1);
  });

  it.each(fixtures)('%s is used by a test in agent/freebsd', (file) => {
    // This file lists no fixture names itself, so it cannot satisfy the check on its own.
    expect(tests.some((source) => source.includes(file))).toBe(true);
  });
});
