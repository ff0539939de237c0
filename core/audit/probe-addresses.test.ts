import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { dualStackBlog } from '../testing/dual-stack';
import type { Topology } from '../topology/schema';
import { Auditor } from './audit';
import { internetProbes } from './probe-addresses';
import { explain } from './report';

// Issue 17, "The internet probe": a design whose uplink is 203.0.113.0/24 got a wrong "no route"
// because the internet was probed at 203.0.113.80, inside its own LAN. And "The LAN probe": the
// view did not say which address was asked.

/** The blog network with its uplink LAN readdressed to `cidr` (host .10, router .1). */
function uplinkOn(prefix: string): Topology {
  const topology = blogNetwork();
  const lan = topology.segments.find((s) => s.kind === 'lan')!;
  if (lan.kind === 'lan') Object.assign(lan, { cidr: `${prefix}.0/24`, gateway: `${prefix}.1` });
  const host = topology.stacks.find((s) => s.id === 'host')!;
  host.defaultGateway.ipv4 = `${prefix}.1`;
  host.interfaces.find((i) => i.name === 'ixl0')!.addresses = [`${prefix}.10/24`];
  return topology;
}

describe('probe addresses', () => {
  it('probes the internet outside a design whose uplink uses 203.0.113.0/24 or 198.51.100.0/24', () => {
    for (const [prefix, probe] of [
      ['203.0.113', '198.51.100.80'],
      ['198.51.100', '203.0.113.80'],
    ] as const) {
      const topology = uplinkOn(prefix);
      const auditor = new Auditor(topology);
      // A nat'd jail reaches the internet, as it really reaches 8.8.8.8.
      expect(auditor.verdict({ kind: 'stack', id: 'snort' }, { kind: 'internet' }), prefix).toBe('reachable');
      const explained = explain(topology, { kind: 'stack', id: 'snort' }, { kind: 'internet' });
      expect(explained.verdict).toBe('reachable');
      expect(explained.address).toBe(probe);
    }
    // Both documentation ranges taken: the third one.
    const both = uplinkOn('203.0.113');
    both.stacks
      .find((s) => s.id === 'host')!
      .interfaces.find((i) => i.name === 'bridge1')!
      .addresses.push('198.51.100.1/24');
    expect(new Auditor(both).net.internetSample).toBe(internetProbes(both).v4);
    expect(explain(both, { kind: 'stack', id: 'snort' }, { kind: 'internet' }).address).toBe('192.0.2.80');
  });

  it('says which address the LAN and the internet were asked at, in each family', () => {
    const explained = explain(dualStackBlog(), { kind: 'stack', id: 'www' }, { kind: 'lan' });
    expect(explained).toMatchObject({ family: 4, address: '192.168.1.254', verdict: 'reachable' });
    expect(explained.ipv6).toMatchObject({ family: 6, address: '2001:db8:1:ffff:ffff:ffff:ffff:fffe' });
    const internet = explain(dualStackBlog(), { kind: 'stack', id: 'www' }, { kind: 'internet' });
    expect(internet.address).toBe('203.0.113.80');
    expect(internet.ipv6?.address).toBe('2001:db8:ffff:ffff::80');
    // A design whose LAN prefix holds the first IPv6 candidate gets the next one.
    const wide = dualStackBlog();
    const lan = wide.segments.find((s) => s.kind === 'lan')!;
    if (lan.kind === 'lan') lan.cidr6 = '2001:db8::/32';
    expect(explain(wide, { kind: 'stack', id: 'www' }, { kind: 'internet' }).ipv6?.address).toBe(
      '3fff:fff:ffff:ffff::80',
    );
  });
});
