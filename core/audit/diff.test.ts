import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { auditTopology } from '../testing/arbitrary-audit';
import type { Topology } from '../topology/schema';
import { REACHES, VERDICTS } from './audit';
import { audited, diffAudited, type AuditChange, type AuditSide, type Audited } from './diff';
import { SELF } from './matrix';

const diffAudits = (before: AuditSide, after: AuditSide) => diffAudited(audited(before), audited(after));

describe('diffAudited', () => {
  it('names the pairs an edit opens and closes, by jail name, and nothing else', () => {
    const before = blogNetwork();
    const after = blogNetwork();
    after.intents = [];
    const changes = diffAudits(
      { topology: before, patchbay: 'from-design' },
      { topology: after, patchbay: 'from-design' },
    );
    expect(changes.filter((c) => c.kind === 'gained').map((c) => `${c.source}>${c.destination}`)).toEqual([
      'tor-relay>host',
      'tor-relay>LAN',
      'tor-relay>snort-jail',
      'tor-relay>www-jail',
    ]);
    expect(changes.every((c) => c.source === 'tor-relay' || c.destination === 'tor-relay')).toBe(true);
    expect(
      diffAudits({ topology: before, patchbay: 'from-design' }, { topology: blogNetwork(), patchbay: 'from-design' }),
    ).toEqual([]);
  });

  it('marks pairs of a jail that only one side has as absent', () => {
    const after = blogNetwork();
    after.stacks = after.stacks.filter((s) => s.id !== 'www');
    const changes = diffAudits(
      { topology: blogNetwork(), patchbay: 'from-design' },
      { topology: after, patchbay: 'from-design' },
    );
    expect(changes.find((c) => c.source === 'www-jail' && c.destination === 'LAN')).toEqual({
      source: 'www-jail',
      destination: 'LAN',
      before: 'reachable',
      after: 'absent',
      kind: 'lost',
    });
  });
});

/** The definition: every pair named "source, destination", a later pair hiding an earlier one of the same names. */
function byNames({ auditor, matrix }: Audited): Map<string, string> {
  const name = (id: string) => auditor.net.stackById.get(id)!.label;
  const columns = matrix.destinations.map((d) => (d.kind === 'stack' ? name(d.id) : d.kind === 'lan' ? 'LAN' : d.kind));
  const out = new Map<string, string>();
  matrix.sources.forEach((source, r) =>
    columns.forEach((column, c) => {
      const code = matrix.cells[r * columns.length + c]!;
      if (code !== SELF) out.set(JSON.stringify([name(source), column]), VERDICTS[code]!);
    }),
  );
  return out;
}

function expected(before: Audited, after: Audited): AuditChange[] {
  const [was, now] = [byNames(before), byNames(after)];
  return [...new Set([...was.keys(), ...now.keys()])].flatMap((key) => {
    const [b, a] = [was.get(key) ?? 'absent', now.get(key) ?? 'absent'] as AuditChange['before'][];
    if (a === b) return [];
    const [source, destination] = JSON.parse(key) as [string, string];
    const kind =
      REACHES.has(a!) && !REACHES.has(b!) ? 'gained' : REACHES.has(b!) && !REACHES.has(a!) ? 'lost' : 'changed';
    return [{ source, destination, before: b!, after: a!, kind } as AuditChange];
  });
}

describe('diffAudited on random networks', () => {
  // Names repeat on purpose (two jails called "db", a jail called "LAN"), and jails come and go.
  const renamed = (topology: Topology, names: (string | null | undefined)[]): Topology => ({
    ...topology,
    stacks: topology.stacks.flatMap((s, i) =>
      s.kind === 'host' || names[i] === undefined ? [s] : names[i] === null ? [] : [{ ...s, name: names[i]! }],
    ),
  });
  const names = fc.array(
    fc
      .option(fc.constantFrom('db', 'www', 'LAN', 'host', 'jail1', 'a\u0000b'), { nil: undefined, freq: 2 })
      .map((n) => (n === 'www' ? null : n)),
    { maxLength: 6 },
  );

  it('gives the pairs whose verdicts differ by name, as naming every pair does', () => {
    fc.assert(
      fc.property(auditTopology, auditTopology, names, names, (first, second, one, two) => {
        const [before, after] = [
          audited({ topology: renamed(first, one), patchbay: 'from-design' }),
          audited({ topology: renamed(second, two), patchbay: 'from-design' }),
        ];
        const byKind = (changes: AuditChange[]) =>
          [...changes].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
        expect(byKind(diffAudited(before, after))).toEqual(byKind(expected(before, after)));
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
