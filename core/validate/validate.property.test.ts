import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validTopology } from '../testing/arbitrary-topology';
import { breakTopology, breakage } from '../testing/breakages';
import { formatPath } from './problem';
import { isKnownRule } from './rule-catalog';
import { validate } from './validate';

const describeProblems = (t: Parameters<typeof validate>[0]) =>
  validate(t).map((p) => `${p.severity} ${p.rule} @ ${formatPath(p.path)}`);

describe('validate (properties)', () => {
  it('finds nothing wrong with topologies that are valid by construction', () => {
    fc.assert(
      fc.property(validTopology, (topology) => {
        expect(describeProblems(topology)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('reports each generated breakage with its rule and the path of the broken field', () => {
    fc.assert(
      fc.property(validTopology, breakage, (topology, { name, pick }) => {
        const expected = breakTopology(topology, name, pick);
        expect(describeProblems(topology)).toContain(
          `${expected.severity} ${expected.rule} @ ${formatPath(expected.path)}`,
        );
      }),
      { numRuns: 600 },
    );
  });

  it('never throws, whatever is broken at once', () => {
    fc.assert(
      fc.property(validTopology, fc.array(breakage, { maxLength: 4 }), (topology, breakages) => {
        for (const { name, pick } of breakages) breakTopology(topology, name, pick);
        const problems = validate(topology);
        expect(problems.length >= Math.min(1, breakages.length)).toBe(true);
        expect(problems.filter((p) => !isKnownRule(p.rule))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
