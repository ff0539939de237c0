import { describe, expect, it } from 'vitest';
import { FreebsdEmulator } from '../emulator';
import { accepted } from './accepted';
import { rawState, view } from './host-view';
import { rejected } from './rejected';
import type { AcceptedEntry, RejectedEntry, CommandStep } from './types';

// The conformance corpus: command lines from FreeBSD's own material, run on a fresh emulator each.
// An accepted line must succeed with its documented effect; a rejected line must fail with FreeBSD's
// exit status and text, changing nothing FreeBSD would not have changed. See
// docs/freebsd/conformance.md.

function hostFor(entry: AcceptedEntry | RejectedEntry): FreebsdEmulator {
  return new FreebsdEmulator({
    release: entry.release ?? '14',
    ...(entry.host?.nics ? { nics: entry.host.nics } : {}),
    ...(entry.host?.files ? { files: entry.host.files } : {}),
  });
}

function show(step: CommandStep): string {
  const line = step.argv.map((a) => (/^[\w@%+=:,./*-]+$/.test(a) ? a : `'${a}'`)).join(' ');
  return `${step.jail !== undefined ? `jexec ${step.jail} ` : ''}${line}${step.stdin !== undefined ? ` <<< ${JSON.stringify(step.stdin)}` : ''}`;
}

function runSetup(host: FreebsdEmulator, steps: CommandStep[]) {
  steps.forEach((step, i) => {
    const result = host.runSync(step);
    expect(result.code, `setup step ${i + 1} \`${show(step)}\` failed: ${result.stderr.trim()}`).toBe(0);
  });
}

function matches(actual: string, expected: string | RegExp, what: string) {
  if (typeof expected === 'string') expect(actual, `${what} ${JSON.stringify(actual)}`).toBe(expected);
  else expect(actual, `${what} ${JSON.stringify(actual)}`).toMatch(expected);
}

/** The paths where two plain values differ, for a readable failure. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) =>
      differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k),
    );
  }
  return [`${path}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`];
}

describe('conformance corpus: shape', () => {
  it('has at least 60 accepted and 30 rejected lines, with unique ids and a source each', () => {
    expect(accepted.length).toBeGreaterThanOrEqual(60);
    expect(rejected.length).toBeGreaterThanOrEqual(30);
    const ids = [...accepted, ...rejected].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of [...accepted, ...rejected]) {
      const source = entry.source;
      if ('url' in source) expect(source.url, entry.id).toMatch(/^https:\/\//);
      else expect(source.commit, entry.id).toMatch(/^[0-9a-f]{8}$/);
      expect(source.where.length, entry.id).toBeGreaterThan(0);
    }
  });
});

describe('conformance corpus: lines FreeBSD accepts', () => {
  for (const entry of accepted) {
    it(`${entry.id}: ${show(entry.run)}`, () => {
      const host = hostFor(entry);
      runSetup(host, entry.setup);
      const result = host.runSync(entry.run);
      expect(result.code, `exit status; stderr: ${result.stderr.trim()}`).toBe(entry.expect.code);
      if (entry.expect.stdout !== undefined) matches(result.stdout, entry.expect.stdout, 'stdout');
      entry.effect(host);
    });
  }
});

describe('conformance corpus: lines FreeBSD rejects', () => {
  for (const entry of rejected) {
    it(`${entry.id}: ${show(entry.run)}`, () => {
      const host = hostFor(entry);
      runSetup(host, entry.setup);
      const before = view(host);
      const rawBefore = rawState(host);
      const result = host.runSync(entry.run);
      expect(result.code, `exit status; stdout: ${result.stdout.trim()}`).toBe(entry.expect.code);
      matches(result.stderr, entry.expect.stderr, 'stderr');
      if (entry.expect.stdout !== undefined) matches(result.stdout, entry.expect.stdout, 'stdout');
      const expected = structuredClone(before);
      entry.changes?.(expected);
      const after = view(host);
      expect(
        after,
        `the host after the refused line, as an operator sees it (expected → actual): ${differences(expected, after).join('; ')}`,
      ).toEqual(expected);
      if (!entry.changes) {
        const rawAfter = rawState(host);
        expect(
          rawAfter,
          `the whole host state after the refused line: ${differences(rawBefore, rawAfter).join('; ')}`,
        ).toEqual(rawBefore);
      }
    });
  }
});
