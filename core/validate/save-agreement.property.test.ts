import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validTopology } from '../testing/arbitrary-topology';
import { TopologySchema, type Topology } from '../topology/schema';
import { formatPath, hasErrors } from './problem';
import { validate } from './validate';

// Issue 16: validate() said "No problems" about designs Save then refused (an MTU of 99999999, a
// NaN from typing "abc"). Whatever validate() finds no error in, Save's schema must accept; here for
// generated designs whose fields are given odd values, as a careless edit in memory could.

const oddNumber = fc.oneof(
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -1, 0, 0.5, 71, 72, 575, 576, 1500, 9000, 65535, 65536, 99999999),
  fc.integer({ min: -10, max: 70_000 }),
  fc.double({ noNaN: false }),
);
const oddText = fc.oneof(fc.string({ maxLength: 4 }), fc.string({ minLength: 60, maxLength: 330 }));

type Mutation = (t: Topology, pick: number) => void;
const at = <T>(items: readonly T[], pick: number): T | undefined => items[pick % Math.max(1, items.length)];
const interfaces = (t: Topology) => t.stacks.flatMap((s) => s.interfaces);
const jails = (t: Topology) => t.stacks.filter((s) => s.kind === 'jail');

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  oddNumber.map(
    (mtu): Mutation =>
      (t, pick) =>
        void (at(interfaces(t), pick) && (at(interfaces(t), pick)!.mtu = mtu)),
  ),
  oddNumber.map((n): Mutation => (t, pick) => {
    const jail = at(jails(t), pick);
    if (jail?.kind === 'jail') jail.childrenMax = n;
  }),
  oddText.map(
    (name): Mutation =>
      (t, pick) =>
        void (at(interfaces(t), pick) && (at(interfaces(t), pick)!.name = name)),
  ),
  oddText.map((text): Mutation => (t, pick) => {
    const iface = at(interfaces(t), pick);
    if (iface) iface.description = text;
  }),
  oddText.map((name): Mutation => (t, pick) => {
    const jail = at(jails(t), pick);
    if (jail?.kind === 'jail') jail.name = name;
  }),
  oddText.map(
    (hostname): Mutation =>
      (t, pick) =>
        void (at(t.stacks, pick)!.hostname = hostname),
  ),
  oddText.map(
    (name): Mutation =>
      (t) =>
        void (t.name = name),
  ),
  oddNumber.map((port): Mutation => (t, pick) => {
    const intent = at(t.intents, pick);
    if (intent && 'ports' in intent) intent.ports = [port];
  }),
);

describe('validate() and Save agree', () => {
  it('whatever validate() finds no error in, the schema Save uses accepts', () => {
    fc.assert(
      fc.property(validTopology, fc.array(fc.tuple(mutation, fc.nat()), { maxLength: 4 }), (topology, edits) => {
        for (const [edit, pick] of edits) edit(topology, pick);
        const problems = validate(topology);
        const saved = TopologySchema.safeParse(topology);
        if (!hasErrors(problems))
          expect(
            saved.error?.issues.map((i) => `${formatPath(i.path as (string | number)[])}: ${i.message}`),
          ).toBeUndefined();
        // And the other way round: each field Save refuses has an error at it (or above it).
        for (const issue of saved.error?.issues ?? [])
          expect(
            problems.some(
              (p) =>
                p.severity === 'error' && formatPath(issue.path as (string | number)[]).startsWith(formatPath(p.path)),
            ),
          ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
