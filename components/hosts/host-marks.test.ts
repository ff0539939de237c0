import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../../core/demo/blog-network';
import { toGraph } from '../../core/graph/to-graph';
import { adoptable, boxMarks } from './host-marks';

describe('host marks', () => {
  const topology = blogNetwork();
  const graph = toGraph(topology);
  const e0b_www_jail = topology.stacks.flatMap((s) => s.interfaces).find((i) => i.name === 'e0b_www_jail')!;
  const ixl0 = topology.stacks.flatMap((s) => s.interfaces).find((i) => i.name === 'ixl0')!;

  it("puts an interface's marks on the box it is a row of", () => {
    const marks = boxMarks(graph, { [ixl0.id]: false, [e0b_www_jail.id]: true }, [
      { subject: 'www-jail/e0b_www_jail', status: 'differs', details: ['x'], hostId: e0b_www_jail.id },
    ]);
    const wwwBox = graph.nodes.find((n) => n.ports.some((p) => p.id === e0b_www_jail.id))!.id;
    expect(marks.get(wwwBox)).toEqual(['differs']);
    expect([...marks.values()].flat().filter((m) => m === 'foreign')).toHaveLength(1);
  });

  it('marks the boxes of what only the design has', () => {
    const wwwBox = graph.nodes.find((n) => n.ports.some((p) => p.id === e0b_www_jail.id))!.id;
    expect(boxMarks(graph, {}, [], new Set([e0b_www_jail.id])).get(wwwBox)).toEqual(['only in design']);
  });

  it('offers foreign interfaces for adoption with the keys the agent takes', () => {
    expect(adoptable(topology, { [ixl0.id]: false, [e0b_www_jail.id]: false })).toEqual([
      { key: '/ixl0', label: 'host/ixl0 (physical)' },
      { key: 'www-jail/e0b_www_jail', label: 'www-jail/e0b_www_jail (epair)' },
    ]);
  });
});
