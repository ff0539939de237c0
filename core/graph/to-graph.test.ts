import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import type { Topology } from '../topology/schema';
import { toGraph } from './to-graph';

describe('toGraph', () => {
  it('draws the blog network: host box with NIC and bridges, jails beside it, LAN and internet', () => {
    const graph = toGraph(blogNetwork());
    const nodes = Object.fromEntries(
      graph.nodes.map((n) => [n.id, `${n.kind}${n.parentId ? ` in ${n.parentId}` : ''}`]),
    );
    expect(nodes).toEqual({
      host: 'host',
      snort: 'jail',
      www: 'jail',
      tor: 'jail',
      'host:ixl0': 'nic in host',
      'host:bridge0': 'bridge in host',
      'host:bridge1': 'bridge in host',
      lan: 'lan',
      internet: 'internet',
    });
    const edges = graph.edges.map(
      (e) => `${e.kind} ${e.source.node}/${e.source.port ?? ''} → ${e.target.node}/${e.target.port ?? ''} "${e.label}"`,
    );
    expect(edges).toEqual([
      'epair host:bridge0/host:e0a_snort_jail → snort/snort:e0b_snort_jail "e0_snort_jail"',
      'epair host:bridge0/host:e0a_www_jail → www/www:e0b_www_jail "e0_www_jail"',
      'epair host:bridge1/host:e0a_tor_relay → tor/tor:e0b_tor_relay "e0_tor_relay"',
      'uplink lan/ → host:ixl0/ "uplink"',
      'internet internet/ → lan/ "via 192.168.1.1"',
    ]);
  });

  it('puts addresses and routes where people look for them', () => {
    const graph = toGraph(blogNetwork());
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    expect(byId.get('host:bridge0')!.lines).toEqual(['10.0.0.1/24', 'jails']);
    expect(byId.get('host:bridge0')!.ports.map((p) => p.name)).toEqual(['e0a_snort_jail', 'e0a_www_jail']);
    expect(byId.get('snort')!.ports).toEqual([
      { id: 'snort:e0b_snort_jail', name: 'e0b_snort_jail', addresses: ['10.0.0.2/24'], up: true },
    ]);
    expect(byId.get('snort')!.lines).toEqual(['default via 10.0.0.1']);
    expect(byId.get('host')!.badges).toEqual(['forwarding', 'NAT → ixl0', 'FreeBSD 14']);
    expect(byId.get('lan')!.lines).toEqual(['192.168.1.0/24', 'gateway 192.168.1.1']);
  });

  it('draws a bridged NIC as its own box with a member edge into the bridge', () => {
    const t = blogNetwork();
    const host = t.stacks[0]!;
    const bridge = host.interfaces.find((i) => i.id === 'host:bridge0');
    if (bridge?.kind !== 'bridge') throw new Error('demo changed');
    bridge.members.unshift('host:ixl0');
    const graph = toGraph(t);
    expect(graph.edges.find((e) => e.kind === 'member')).toMatchObject({
      source: { node: 'host:ixl0' },
      target: { node: 'host:bridge0', port: 'host:ixl0' },
    });
  });

  it('nests child jails inside their parent, parents first, and survives a parent loop', () => {
    const t: Topology = blogNetwork();
    const [, snort, www] = t.stacks;
    if (snort?.kind !== 'jail' || www?.kind !== 'jail') throw new Error('demo changed');
    snort.parent = 'www';
    const nested = toGraph(t);
    const order = nested.nodes.map((n) => n.id);
    expect(nested.nodes.find((n) => n.id === 'snort')!.parentId).toBe('www');
    expect(nested.nodes.find((n) => n.id === 'www')!.container).toBe(true);
    expect(order.indexOf('www')).toBeLessThan(order.indexOf('snort'));
    www.parent = 'snort';
    const looped = toGraph(t);
    expect(looped.nodes.filter((n) => n.id === 'snort' || n.id === 'www').map((n) => n.parentId)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('draws a direct jail-to-jail epair between the two jails', () => {
    const t = blogNetwork();
    const [, snort, www] = t.stacks;
    snort!.interfaces.push({
      kind: 'epair',
      id: 'snort:epair7a',
      name: 'epair7a',
      end: 'a',
      peer: 'www:epair7b',
      up: true,
      addresses: ['172.16.0.1/30'],
    });
    www!.interfaces.push({
      kind: 'epair',
      id: 'www:epair7b',
      name: 'epair7b',
      end: 'b',
      peer: 'snort:epair7a',
      up: true,
      addresses: ['172.16.0.2/30'],
    });
    const edge = toGraph(t).edges.find((e) => e.id === 'epair:snort:epair7a');
    expect(edge).toMatchObject({
      source: { node: 'snort', port: 'snort:epair7a' },
      target: { node: 'www', port: 'www:epair7b' },
      label: 'epair7',
    });
  });
});
