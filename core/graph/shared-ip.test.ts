import { describe, expect, it } from 'vitest';
import { bastilleDesign } from '../testing/bastille-design';
import { parseSharedIpEdgeId, sharedIpEdgeId } from './shared-ip';
import { toGraph } from './to-graph';

describe('toGraph for shared-IP jails', () => {
  it('draws lo1, which carries their addresses, and hangs each jail off it by an edge labelled with its address', () => {
    const graph = toGraph(bastilleDesign());
    expect(graph.nodes.map((n) => `${n.id} ${n.kind}${n.parentId ? ` in ${n.parentId}` : ''}`)).toEqual([
      'host host',
      'web jail',
      'db jail',
      'lan lan',
      'internet internet',
      'host:em0 nic in host',
      'host:lo1 interface in host',
    ]);
    const edges = graph.edges
      .filter((e) => e.kind === 'shared-ip')
      .map((e) => `${e.source.node} → ${e.target.node}/${e.target.port ?? ''} "${e.label}"`);
    expect(edges).toEqual(['web → host:lo1/ "10.17.89.1/32"', 'db → host:lo1/ "10.17.89.2/32"']);
  });

  it('marks the jails as shared-IP with a badge and lists their addresses with the interface', () => {
    const web = toGraph(bastilleDesign()).nodes.find((n) => n.id === 'web')!;
    expect(web).toMatchObject({ sharedIp: true, badges: ['shared IP'], lines: ['10.17.89.1/32 on lo1'], ports: [] });
    const host = toGraph(bastilleDesign()).nodes.find((n) => n.id === 'host')!;
    expect(host.sharedIp).toBeUndefined();
  });

  it('leaves lo0 and an unused loopback out of the drawing, as before', () => {
    const design = bastilleDesign();
    design.stacks = design.stacks.filter((s) => s.kind === 'host');
    expect(toGraph(design).nodes.map((n) => n.id)).not.toContain('host:lo1');
  });

  it('names each line with sharedIpEdgeId, which parseSharedIpEdgeId reads back even when ids hold ":"', () => {
    const design = bastilleDesign();
    const ids = toGraph(design)
      .edges.filter((e) => e.kind === 'shared-ip')
      .map((e) => e.id);
    expect(ids).toEqual([sharedIpEdgeId('web', 'host:lo1'), sharedIpEdgeId('db', 'host:lo1')]);
    expect(ids.map((id) => parseSharedIpEdgeId(design, id)).map((l) => l && `${l.jail.id} ${l.carrier}`)).toEqual([
      'web host:lo1',
      'db host:lo1',
    ]);
    const web = design.stacks.find((s) => s.id === 'web')!;
    const colons = { ...design, stacks: design.stacks.map((s) => (s === web ? { ...s, id: 'jail:web:1' } : s)) };
    expect(parseSharedIpEdgeId(colons, sharedIpEdgeId('jail:web:1', 'host:lo1'))?.carrier).toBe('host:lo1');
    expect(parseSharedIpEdgeId(design, 'epair:host:lo1')).toBeUndefined();
    expect(parseSharedIpEdgeId(design, sharedIpEdgeId('host', 'host:lo1'))).toBeUndefined();
  });
});
