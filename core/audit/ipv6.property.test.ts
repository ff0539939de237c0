import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditShape, buildAuditTopology } from '../testing/arbitrary-audit';
import { inetRules, ipv6Layer, withIpv6 } from '../testing/arbitrary-ipv6';
import type { Topology } from '../topology/schema';
import { Auditor, type Destination, type Source } from './audit';
import { auditMatrix, familyVerdictOfCode, FIXED_DESTINATIONS } from './matrix';
import { referencePf, type PfEvaluator } from './walk';

// IPv4 and IPv6 verdicts are computed independently: adding IPv6 addresses, IPv6 routes and
// inet6-only pf rules never changes an IPv4 verdict, and inet-only rules never change an IPv6
// one. And the fast paths (bit-set pf, the verdict-only replay, look-alike groups) give the
// reference evaluator's IPv6 answers.

const RUNS = 60;

function withHostRules(topology: Topology, rules: string[]): Topology {
  const out = structuredClone(topology);
  const host = out.stacks.find((s) => s.kind === 'host')!;
  host.pf = { ...host.pf!, rules: [host.pf!.rules, ...rules].filter(Boolean).join('\n') };
  return out;
}

describe('IPv4 and IPv6 verdicts are computed independently', () => {
  it('adding IPv6 addresses, routes and inet6-only rules never changes an IPv4 verdict', () => {
    fc.assert(
      fc.property(auditShape, ipv6Layer, (shape, layer) => {
        const plain = buildAuditTopology(shape);
        const [v4, dual] = [new Auditor(plain), new Auditor(withIpv6(plain, layer))];
        // The same kinds of IPv4 traffic asked: an inet6 rule's port is none of them.
        expect(dual.probesOf(4)).toEqual(v4.probesOf(4));
        const [before, after] = [auditMatrix(v4), auditMatrix(dual)];
        expect([...after.cells]).toEqual([...before.cells]);
      }),
      { numRuns: RUNS },
    );
  });

  it('adding inet-only rules never changes an IPv6 verdict', () => {
    fc.assert(
      fc.property(auditShape, ipv6Layer, inetRules, (shape, layer, rules) => {
        const dual = withIpv6(buildAuditTopology(shape), layer);
        const [was, is] = [new Auditor(dual), new Auditor(withHostRules(dual, rules))];
        expect(is.probesOf(6)).toEqual(was.probesOf(6));
        const [before, after] = [auditMatrix(was), auditMatrix(is)];
        expect(after.cells6 && [...after.cells6]).toEqual(before.cells6 && [...before.cells6]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the fast paths give the reference answers in IPv6', () => {
  it('matrix cells6 and verdict() agree with pair() on the reference pf', () => {
    fc.assert(
      fc.property(auditShape, ipv6Layer, (shape, layer) => {
        const topology = withIpv6(buildAuditTopology(shape), layer);
        const reference = new Auditor(topology);
        (reference as unknown as { pf: PfEvaluator }).pf = referencePf;
        const fast = new Auditor(topology);
        const matrix = auditMatrix(new Auditor(topology));
        const width = matrix.destinations.length;
        matrix.sources.forEach((id, row) => {
          const source: Source = { kind: 'stack', id };
          matrix.destinations.forEach((destination: Destination, col) => {
            if (destination.kind === 'stack' && destination.id === id) return;
            const pair = reference.pair(source, destination, { family: 6 });
            const expected = pair.noIpv6 ? 'no-ipv6' : pair.verdict;
            const label = `${id} → ${JSON.stringify(destination)}`;
            expect(fast.familyVerdict(source, destination, 6), label).toBe(expected);
            if (matrix.cells6) expect(familyVerdictOfCode(matrix.cells6[row * width + col]!), label).toBe(expected);
          });
        });
        expect(FIXED_DESTINATIONS.length).toBe(3);
      }),
      { numRuns: RUNS },
    );
  });
});
