// Every FreeBSD output fixture must be read by at least one parser test, so a fixture added to
// fixtures/freebsd/ without a test fails the build instead of sitting unused.
// "Read by" is approximated by "its file name appears in a *.test.ts file": the parser tests here,
// the emulator's (agent/emulator/fixtures.test.ts) and the pf reader's (core/pf/parse.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FIXTURES = join(__dirname, '../../fixtures/freebsd');
const TEST_ROOTS = [join(__dirname, '..'), join(__dirname, '../../core')];
/** Files in the folder that are documentation, not command output. */
const NOT_FIXTURES = new Set(['README.md']);

describe('FreeBSD fixture coverage', () => {
  const fixtures = readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isFile() && !NOT_FIXTURES.has(entry.name))
    .map((entry) => entry.name)
    .sort();
  const tests = TEST_ROOTS.flatMap((root) =>
    readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.test.ts') && join(root, name) !== __filename)
      .map((name) => readFileSync(join(root, name), 'utf8')),
  );

  it('finds the fixtures folder and the test files', () => {
    expect(fixtures.length).toBeGreaterThan(0);
    expect(tests.length).toBeGreaterThan(1);
  });

  it.each(fixtures)('%s is used by a test in agent/ or core/', (file) => {
    // This file lists no fixture names itself, so it cannot satisfy the check on its own.
    expect(tests.some((source) => source.includes(file))).toBe(true);
  });
});
