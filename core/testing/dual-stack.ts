import { blogNetwork } from '../demo/blog-network';
import type { Topology } from '../topology/schema';

/**
 * The blog network (core/demo/blog-network.ts) made dual-stack, the way an ISP hands out IPv6: the
 * LAN 2001:db8:1::/48 (delegated to the host), the host on it at 2001:db8:1::10/64 with its default
 * route via the router's link-local fe80::1%ixl0, bridge0 carrying 2001:db8:1:a::/64 for snort
 * (::2) and www (::3), the tor relay on unique-local fd00:1::/64 only, every interface with its
 * link-local address. No nat rule names IPv6: IPv4 keeps its nat, IPv6 is routed.
 */
export function dualStackBlog(): Topology {
  const topology = blogNetwork();
  topology.name = 'Blog network, dual stack';
  const lan = topology.segments.find((s) => s.kind === 'lan')!;
  if (lan.kind === 'lan') lan.cidr6 = '2001:db8:1::/48';
  const add = (stackId: string, ifaceName: string, ...addresses: string[]) => {
    const iface = topology.stacks.find((s) => s.id === stackId)!.interfaces.find((i) => i.name === ifaceName)!;
    iface.addresses.push(...addresses);
  };
  const host = topology.stacks.find((s) => s.id === 'host')!;
  host.forwarding.ipv6 = true;
  host.defaultGateway.ipv6 = 'fe80::1%ixl0';
  add('host', 'ixl0', '2001:db8:1::10/64', 'fe80::10/64');
  add('host', 'bridge0', '2001:db8:1:a::1/64', 'fe80::a1/64');
  add('host', 'bridge1', 'fd00:1::1/64', 'fe80::b1/64');
  for (const [id, address, gateway] of [
    ['snort', '2001:db8:1:a::2/64', '2001:db8:1:a::1'],
    ['www', '2001:db8:1:a::3/64', '2001:db8:1:a::1'],
    ['tor', 'fd00:1::2/64', 'fd00:1::1'],
  ] as const) {
    const jail = topology.stacks.find((s) => s.id === id)!;
    const epair = jail.interfaces.find((i) => i.kind === 'epair')!;
    epair.addresses.push(address, `fe80::${id === 'tor' ? 'b2' : id === 'snort' ? 'a2' : 'a3'}/64`);
    jail.defaultGateway.ipv6 = gateway;
    jail.interfaces.find((i) => i.name === 'lo0')!.addresses.push('::1/128');
  }
  return topology;
}
