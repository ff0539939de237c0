import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { addJail, updateInterface } from '../editor/actions';
import { bareHost } from '../testing/bare-host';
import { blogWithJail } from '../testing/blog-with-jail';
import { toGraph } from '../graph/to-graph';
import { TopologySchema } from '../topology/schema';
import { compareTopologies, overlayDesign } from './compare';

describe('compareTopologies', () => {
  it('finds nothing between a design and itself, whatever the ids and layout', () => {
    const design = blogNetwork();
    const renamedIds = JSON.parse(JSON.stringify(design).replaceAll('"snort"', '"snort-other-id"'));
    expect(compareTopologies(design, renamedIds)).toEqual([]);
  });

  it('shows a description or MAC the design and the host disagree on, as a refusal can be about them alone', () => {
    const host = bareHost();
    const design = bareHost();
    const ixl0 = design.stacks[0]!.interfaces.find((i) => i.name === 'ixl0')!;
    delete ixl0.description;
    ixl0.mac = '02:00:00:00:00:01';
    expect(compareTopologies(host, design)).toEqual([
      {
        subject: 'host/ixl0',
        status: 'differs',
        details: [
          "description: 'uplink' on the host, none in the design",
          'MAC: none on the host, 02:00:00:00:00:01 in the design',
        ],
        hostId: 'host:ixl0',
      },
    ]);
  });

  it('names what is only in the design, only on the host, and what differs', () => {
    const host = blogNetwork();
    const added = addJail(host, { name: 'lab1' });
    if (!added.ok) throw new Error(added.reason);
    const www = host.stacks.flatMap((s) => s.interfaces).find((i) => i.name === 'e0b_www_jail')!;
    const changed = updateInterface(added.topology, www.id, { addresses: ['10.0.0.9/24'] });
    if (!changed.ok) throw new Error(changed.reason);
    const differences = compareTopologies(host, changed.topology);
    expect(differences).toContainEqual({ subject: 'jail lab1', status: 'only-design', details: [] });
    expect(differences).toContainEqual({
      subject: 'www-jail/e0b_www_jail',
      status: 'differs',
      details: ['addresses: 10.0.0.3/24 on the host, 10.0.0.9/24 in the design'],
      hostId: www.id,
    });
    // And the other way round, the same jail is only on the host.
    expect(compareTopologies(changed.topology, host)).toContainEqual(
      expect.objectContaining({ subject: 'jail lab1', status: 'only-host' }),
    );
  });
});

describe('overlayDesign', () => {
  it('adds what only the design has, as ghosts wired where the design wires them', () => {
    const host = blogNetwork();
    const { topology, ghosts } = overlayDesign(host, blogWithJail('lab1'));
    expect(TopologySchema.safeParse(topology).success).toBe(true);
    const lab = topology.stacks.find((s) => s.kind === 'jail' && s.name === 'lab1')!;
    expect(ghosts.has(lab.id)).toBe(true);
    const hostBridge = topology.stacks[0]!.interfaces.find((i) => i.name === 'bridge0')!;
    expect(hostBridge.kind === 'bridge' && hostBridge.members.filter((m) => ghosts.has(m))).toHaveLength(1);
    // Everything the host already had keeps its id and is no ghost.
    for (const stack of host.stacks) expect(ghosts.has(stack.id)).toBe(false);
    // And the graph draws the new jail with its cable to bridge0.
    const graph = toGraph(topology);
    expect(graph.nodes.some((n) => n.id === lab.id)).toBe(true);
    expect(graph.edges.some((e) => e.kind === 'epair' && (e.source.node === lab.id || e.target.node === lab.id))).toBe(
      true,
    );
  });

  it('adds nothing when the host already matches', () => {
    const { topology, ghosts } = overlayDesign(blogNetwork(), blogNetwork());
    expect(ghosts.size).toBe(0);
    expect(topology).toEqual(blogNetwork());
  });
});
