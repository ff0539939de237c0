import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { toGraph } from '../graph/to-graph';
import { counterKeys, edgeMeters } from './meters';

describe('edge meters', () => {
  it("measures each cable of the blog network at the agent's counter key of its far end", () => {
    const topology = blogNetwork();
    const meters = edgeMeters(topology, toGraph(topology));
    const byLabel = new Map(toGraph(topology).edges.map((e) => [e.label, meters.get(e.id)]));
    expect(byLabel.get('e0_snort_jail')).toBe('snort-jail/e0b_snort_jail');
    expect(byLabel.get('e0_tor_relay')).toBe('tor-relay/e0b_tor_relay');
    expect(byLabel.get('uplink')).toBe('host/ixl0');
    // The route to the internet is not an interface.
    expect([...meters.keys()].some((id) => id.startsWith('internet:'))).toBe(false);
  });

  it('gives a cable to an interface the host does not have (a ghost) no meter', () => {
    const topology = blogNetwork();
    const graph = toGraph(topology);
    const snortEnd = topology.stacks.flatMap((s) => s.interfaces).find((i) => i.name === 'e0b_snort_jail')!;
    const meters = edgeMeters(topology, graph, new Set([snortEnd.id]));
    const byLabel = new Map(graph.edges.map((e) => [e.label, meters.get(e.id)]));
    expect(byLabel.has('e0_snort_jail')).toBe(true);
    expect(byLabel.get('e0_snort_jail')).toBeUndefined();
    expect(byLabel.get('e0_tor_relay')).toBe('tor-relay/e0b_tor_relay');
    expect(byLabel.get('uplink')).toBe('host/ixl0');
  });

  it('keys nested jails by their dotted path, as jls names them', () => {
    const topology = blogNetwork();
    const parent = topology.stacks.find((s) => s.kind === 'jail')!;
    const child = {
      ...structuredClone(parent),
      id: 'child-jail',
      name: 'inner',
      parent: parent.id,
      interfaces: parent.interfaces.map((i) => ({ ...i, id: `${i.id}-inner` })),
    };
    const keys = counterKeys({ ...topology, stacks: [...topology.stacks, child] });
    expect(keys.get(child.interfaces[0]!.id)).toBe(`${parent.name}.inner/${child.interfaces[0]!.name}`);
  });
});
