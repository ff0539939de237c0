import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validTopology } from '../testing/arbitrary-topology';
import { meaningOf, sameMeaning } from './meaning';
import type { Topology } from './schema';

type Path = (string | number)[];

/** Every primitive value inside a design's meaning, by path. */
function leaves(value: unknown, at: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [at];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return entries.flatMap(([key, v]) => leaves(v, [...at, key]));
}

/** A copy of `t` with the primitive at `path` changed and everything else shared. */
function changedAt(t: Topology, path: Path): Topology {
  const set = (node: unknown, rest: Path): unknown => {
    const [key, ...tail] = rest;
    if (key === undefined) {
      if (typeof node === 'string') return `${node}~`;
      if (typeof node === 'number') return node + 1;
      if (typeof node === 'boolean') return !node;
      return 'was empty';
    }
    if (Array.isArray(node)) return node.map((v, i) => (i === key ? set(v, tail) : v));
    const record = node as Record<string, unknown>;
    return { ...record, [key]: set(record[key], tail) };
  };
  return set(t, path) as Topology;
}

const position = fc.record({ x: fc.integer({ min: -5000, max: 5000 }), y: fc.integer({ min: -5000, max: 5000 }) });

describe('meaningOf / sameMeaning', () => {
  it('leaves out only the layout', () => {
    fc.assert(
      fc.property(validTopology, (t) => {
        const { layout: _layout, ...rest } = t;
        expect(meaningOf(t)).toEqual(rest);
      }),
      { numRuns: 50 },
    );
  });

  it('keeps the meaning when only positions change, and for an equal copy', () => {
    fc.assert(
      fc.property(validTopology, fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), position), (t, positions) => {
        expect(sameMeaning(t, { ...t, layout: { positions } })).toBe(true);
        expect(sameMeaning(t, structuredClone(t))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('changes the meaning when any value outside the layout changes', () => {
    fc.assert(
      fc.property(validTopology, fc.nat(), (t, pick) => {
        const paths = leaves(meaningOf(t));
        const path = paths[pick % paths.length]!;
        expect(sameMeaning(t, changedAt(t, path)), path.join('.')).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('changes the meaning when an intent, segment or stack is added or removed', () => {
    fc.assert(
      fc.property(validTopology, (t) => {
        expect(
          sameMeaning(t, {
            ...t,
            intents: [...t.intents, { kind: 'isolated', id: 'x', subject: { kind: 'stack', id: t.stacks[0]!.id } }],
          }),
        ).toBe(false);
        expect(sameMeaning(t, { ...t, stacks: t.stacks.slice(1) })).toBe(false);
        expect(
          sameMeaning(t, {
            ...t,
            segments: [...t.segments, { kind: 'internet', id: 'net', name: 'Internet', via: 'lan' }],
          }),
        ).toBe(false);
      }),
      { numRuns: 50 },
    );
  });
});
