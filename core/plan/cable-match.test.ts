import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { validTopology } from '../testing/arbitrary-topology';
import { compilePf } from '../pf/compile';
import type { EpairEnd, Topology } from '../topology/schema';
import { plan } from './plan';

/** Planning options for a host Patchbay made as `t`: everything its own, its anchors loaded. */
const madeAs = (t: Topology) => ({
  owned: new Set(t.stacks.flatMap((s) => s.interfaces.map((i) => i.id))),
  pf: {
    enabled: true,
    anchors: [...compilePf(t)].map(([name, lines]) => ({
      name,
      nat: lines.filter((l) => l.startsWith('nat ')),
      rules: lines.filter((l) => !l.startsWith('nat ')),
    })),
  },
});

/** `t` with its cables renamed epair<unit>a/b, units handed out in the order of `units` (a permutation). */
function renumbered(t: Topology, units: number[]): Topology {
  const copy = structuredClone(t);
  const ends = copy.stacks.flatMap((s) => s.interfaces).filter((i): i is EpairEnd => i.kind === 'epair');
  const names = new Map<string, string>();
  ends
    .filter((e) => e.end === 'a')
    .forEach((a, n) => {
      const unit = units[n] ?? n;
      names.set(a.id, `epair${unit}a`);
      names.set(a.peer, `epair${unit}b`);
    });
  for (const end of ends) end.name = names.get(end.id) ?? end.name;
  return copy;
}

const moves = (steps: { phase: string }[]) => steps.filter((s) => s.phase === 'move-in' || s.phase === 'move-out');

describe('cables matched by what they connect', () => {
  it('plans nothing for the blog network drawn again by hand with epair0-2 in another order', () => {
    const host = blogNetwork();
    // tor-relay's cable drawn first: epair0 is now the cable the host has to tor-relay, and so on.
    const drawn = renumbered(host, [2, 0, 1]);
    const made = plan(host, drawn, madeAs(host));
    expect(made.refusals).toEqual([]);
    expect(made.steps.map((s) => s.summary)).toEqual([]);
    expect(made.notes).toContain(
      "The design's cable epair2a ⇄ epair2b (host/epair2a ⇄ jail snort-jail/epair2b) connects what the host's e0a_snort_jail ⇄ e0b_snort_jail connects: the plan keeps the host's cable and its names.",
    );
  });

  it("matches two cables between the same places by their addresses, and keeps each one's", () => {
    const host = blogNetwork();
    const www = host.stacks.find((s) => s.kind === 'jail' && s.name === 'www-jail')!;
    const bridge = host.stacks[0]!.interfaces.find((i) => i.name === 'bridge0')!;
    if (bridge.kind !== 'bridge') throw new Error('bridge0 is a bridge');
    // A second cable from bridge0 into www-jail.
    host.stacks[0]!.interfaces.push({
      kind: 'epair',
      id: 'host:e1a',
      name: 'e1a_www',
      end: 'a',
      peer: 'www:e1b',
      up: true,
      addresses: [],
    });
    www.interfaces.push({
      kind: 'epair',
      id: 'www:e1b',
      name: 'e1b_www',
      end: 'b',
      peer: 'host:e1a',
      up: true,
      addresses: ['10.0.0.7/24'],
    });
    bridge.members.push('host:e1a');
    // Both names swapped in the design: by name, each would take the other's address.
    const drawn = structuredClone(host);
    for (const iface of drawn.stacks.flatMap((s) => s.interfaces))
      if (iface.kind === 'epair' && /www/.test(iface.name))
        iface.name = iface.name.replace(/^e0/, 'eX').replace(/^e1/, 'e0').replace(/^eX/, 'e1');
    expect(plan(host, drawn, madeAs(host)).steps.map((s) => s.summary)).toEqual([]);
  });

  it('keeps planning by name where taking the host names would give one stack two interfaces of one name', () => {
    const host = blogNetwork();
    const drawn = renumbered(host, [0, 1, 2]);
    // The design also has a loopback named like the host's cable end to snort-jail.
    drawn.stacks[0]!.interfaces.push({
      kind: 'loopback',
      id: 'host:lo9',
      name: 'e0a_snort_jail',
      up: true,
      addresses: [],
    });
    const made = plan(host, drawn, madeAs(host));
    expect(made.notes.some((n) => n.includes('e0a_snort_jail ⇄'))).toBe(false);
    expect(made.notes.some((n) => n.includes('e0a_www_jail ⇄ e0b_www_jail connects'))).toBe(true);
  });

  it('never moves a cable when only the names of a generated design change (property)', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(
        validTopology.chain((t) => {
          const count = t.stacks.flatMap((s) => s.interfaces).filter((i) => i.kind === 'epair' && i.end === 'a').length;
          return fc.tuple(
            fc.constant(t),
            fc.shuffledSubarray([...Array(count).keys()], { minLength: count, maxLength: count }),
          );
        }),
        ([design, units]) => {
          const made = plan(design, renumbered(design, units), madeAs(design));
          expect(moves(made.steps)).toEqual([]);
          expect(made.steps.map((s) => s.summary)).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
