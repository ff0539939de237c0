import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { validTopology } from '../testing/arbitrary-topology';
import type { Interface, Topology } from '../topology/schema';
import { validate } from '../validate/validate';
import { cableBaseName, cableNameProblem, renameCable } from './cable-rename';

const interfaces = (t: Topology) => t.stacks.flatMap((s) => s.interfaces);
const byId = (t: Topology, id: string) => interfaces(t).find((i) => i.id === id)!;
const epairs = (t: Topology) => interfaces(t).filter((i): i is Interface & { kind: 'epair' } => i.kind === 'epair');

function renamed(t: Topology, endId: string, base: string): Topology {
  const edit = renameCable(t, endId, base);
  if (!edit.ok) throw new Error(edit.reason);
  return edit.topology;
}

describe('renameCable', () => {
  it('renames both ends from the b end, and the design still validates clean', () => {
    const t = blogNetwork();
    const b = epairs(t).find((i) => i.end === 'b')!;
    const next = renamed(t, b.id, 'web0');
    expect(byId(next, b.id).name).toBe('web0b');
    expect(byId(next, b.peer).name).toBe('web0a');
    expect(validate(next).filter((p) => p.severity === 'error')).toEqual([]);
    expect(byId(t, b.id).name).toBe(b.name); // the input is never changed
  });

  it('reads the name a cable goes by, whichever end is asked', () => {
    const t = renamed(blogNetwork(), epairs(blogNetwork())[0]!.id, 'uplink_2');
    const [a] = epairs(t).filter((i) => i.name === 'uplink_2a');
    expect(cableBaseName(t, a!.id)).toBe('uplink_2');
    expect(cableBaseName(t, a!.peer)).toBe('uplink_2');
    // Bastille-style ends (e0a_www ⇄ e0b_www) go by their short name.
    expect(cableBaseName(blogNetwork(), 'snort:e0b_snort_jail')).toBe('e0_snort_jail');
    expect(cableBaseName(t, 'host')).toBeUndefined();
  });

  it.each([
    ['', /empty/],
    ['9lan', /must start with a letter/],
    ['lan-0', /only letters, digits and "_"/],
    ['lan 0', /only letters, digits and "_"/],
    ['abcdefghijklmno', /at most 14/],
    ['epair3', /kernel's own names epair3a and epair3b/],
  ])('refuses %j and says which rule, changing nothing', (base, reason) => {
    const t = blogNetwork();
    const end = epairs(t)[0]!;
    const edit = renameCable(t, end.id, base);
    expect(edit.ok).toBe(false);
    if (!edit.ok) expect(edit.reason).toMatch(reason);
    expect(edit.ok ? undefined : edit.reason).toMatch(/^Cable name/);
  });

  it('refuses a name another interface already has, and an id that is no cable', () => {
    const t = blogNetwork();
    const [first, second] = epairs(t).filter((i) => i.end === 'a');
    const taken = renamed(t, second!.id, 'busy');
    expect(cableNameProblem(taken, first!.id, 'busy')).toMatch(/busya, which another interface already has/);
    // Its own ends do not count: the same name again is fine.
    expect(cableNameProblem(taken, second!.id, 'busy')).toBeUndefined();
    expect(cableNameProblem(t, 'host', 'x0')).toMatch(/no cable/);
  });

  it('property: after any accepted rename both ends share one base name and still point at each other', () => {
    fc.assert(
      fc.property(
        validTopology.filter((t) => epairs(t).length > 0),
        fc.nat(),
        fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,15}$/),
        (t, pick, base) => {
          const end = epairs(t)[pick % epairs(t).length]!;
          const edit = renameCable(t, end.id, base);
          expect(edit.ok).toBe(cableNameProblem(t, end.id, base) === undefined);
          if (!edit.ok) return;
          const mine = byId(edit.topology, end.id) as typeof end;
          const peer = byId(edit.topology, end.peer) as typeof end;
          expect(peer.peer).toBe(mine.id);
          expect(mine.peer).toBe(peer.id);
          expect([mine.name.slice(0, -1), mine.name.at(-1)]).toEqual([base, mine.end]);
          expect([peer.name.slice(0, -1), peer.name.at(-1)]).toEqual([base, peer.end]);
          expect(cableBaseName(edit.topology, peer.id)).toBe(base);
          // Every other interface keeps its name.
          const others = (x: Topology) =>
            interfaces(x)
              .filter((i) => i.id !== mine.id && i.id !== peer.id)
              .map((i) => i.name);
          expect(others(edit.topology)).toEqual(others(t));
        },
      ),
    );
  });
});
