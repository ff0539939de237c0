import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditTopology } from '../testing/arbitrary-audit';
import { ipv6Layer, withIpv6 } from '../testing/arbitrary-ipv6';
import type { Topology } from '../topology/schema';
import { REACHES, VERDICTS } from './audit';
import { audited, diffAudited, type AuditChange, type Audited } from './diff';
import { NO_IPV6, SELF } from './matrix';

// The differential audit against its definition, on random networks with and without IPv6: per
// family, every pair named "source, destination" whose verdicts differ (a later pair hiding an
// earlier one of the same names), where in IPv6 "no IPv6 here" and no pair at all are the same.

/** Every pair by its names → [IPv4 verdict, IPv6 verdict or undefined when there is nothing to ask]. */
function byNames({ auditor, matrix }: Audited): Map<string, [string, string | undefined]> {
  const name = (id: string) => auditor.net.stackById.get(id)!.label;
  const columns = matrix.destinations.map((d) => (d.kind === 'stack' ? name(d.id) : d.kind === 'lan' ? 'LAN' : d.kind));
  const out = new Map<string, [string, string | undefined]>();
  matrix.sources.forEach((source, r) =>
    columns.forEach((column, c) => {
      const at = r * columns.length + c;
      const code = matrix.cells[at]!;
      const code6 = matrix.cells6?.[at];
      const six = code6 === undefined || code6 === NO_IPV6 ? undefined : VERDICTS[code6];
      if (code !== SELF) out.set(JSON.stringify([name(source), column]), [VERDICTS[code]!, six]);
    }),
  );
  return out;
}

function expected(before: Audited, after: Audited): AuditChange[] {
  const [was, now] = [byNames(before), byNames(after)];
  const kindOf = (b: string, a: string) =>
    REACHES.has(a) && !REACHES.has(b) ? 'gained' : REACHES.has(b) && !REACHES.has(a) ? 'lost' : 'changed';
  return [...new Set([...was.keys(), ...now.keys()])].flatMap((key) => {
    const [source, destination] = JSON.parse(key) as [string, string];
    const [b, b6] = was.get(key) ?? ['absent', undefined];
    const [a, a6] = now.get(key) ?? ['absent', undefined];
    const changes: AuditChange[] = [];
    if (a !== b)
      changes.push({ source, destination, family: 4, before: b, after: a, kind: kindOf(b, a) } as AuditChange);
    if (a6 !== b6) {
      // Nothing to ask in IPv6 on a side: "no IPv6 here" where the pair exists, else absent.
      const [before, after] = [
        b6 ?? (b === 'absent' ? 'absent' : 'no-ipv6'),
        a6 ?? (a === 'absent' ? 'absent' : 'no-ipv6'),
      ];
      changes.push({ source, destination, family: 6, before, after, kind: kindOf(before, after) } as AuditChange);
    }
    return changes;
  });
}

const sorted = (changes: AuditChange[]) =>
  [...changes].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));

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
/** A random network, dual-stack about half the time. */
const network = fc
  .tuple(auditTopology, fc.option(ipv6Layer, { nil: undefined }))
  .map(([topology, layer]) => (layer ? withIpv6(topology, layer) : topology));
const fromDesign = (topology: Topology) => audited({ topology, patchbay: 'from-design' });

describe('diffAudited on random networks', () => {
  it('gives the pairs whose verdicts differ by name, per family, as naming every pair does', () => {
    fc.assert(
      fc.property(network, network, names, names, (first, second, one, two) => {
        const [before, after] = [fromDesign(renamed(first, one)), fromDesign(renamed(second, two))];
        expect(sorted(diffAudited(before, after))).toEqual(sorted(expected(before, after)));
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('finds nothing between a network and itself, in either family', () => {
    fc.assert(
      fc.property(network, (topology) => {
        const once = fromDesign(topology);
        expect(diffAudited(once, once)).toEqual([]);
        expect(diffAudited(once, fromDesign(structuredClone(topology)))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('reports a change of IPv6 alone (addresses, prefix, forwarding, inet6 rules) in IPv6 alone', () => {
    fc.assert(
      fc.property(auditTopology, ipv6Layer, ipv6Layer, (topology, first, second) => {
        const [before, after] = [fromDesign(withIpv6(topology, first)), fromDesign(withIpv6(topology, second))];
        const changes = diffAudited(before, after);
        expect(changes.filter((c) => c.family === 4)).toEqual([]);
        expect(sorted(changes)).toEqual(sorted(expected(before, after)));
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
