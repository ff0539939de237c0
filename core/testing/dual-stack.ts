import { blogNetwork } from '../demo/blog-network';
import type { Topology } from '../topology/schema';

/**
 * The blog network (core/demo/blog-network.ts) made dual-stack, the way an ISP hands out IPv6: the
 * LAN 2001:db8:1::/48 (delegated to the host), the host on it at 2001:db8:1::10/64 with its default
 * route via the router's link-local fe80::1%ixl0, bridge0 carrying 2001:db8:1:a::/64 for snort
 * (::2) and www (::3), the tor relay on unique-local fd00:1::/64 only. No nat rule names IPv6: IPv4
 * keeps its nat, IPv6 is routed. Link-local addresses and a jail's ::1 are the kernel's
 * (core/topology/kernel-addresses.ts), so the design leaves them out and passes `validate`; the
 * audit gives every IPv6 interface its fe80::/64 itself. withLinkLocals() adds them as a host read
 * with ifconfig(8) shows them, for questions aimed at one.
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
  add('host', 'ixl0', '2001:db8:1::10/64');
  add('host', 'bridge0', '2001:db8:1:a::1/64');
  add('host', 'bridge1', 'fd00:1::1/64');
  for (const [id, address, gateway] of [
    ['snort', '2001:db8:1:a::2/64', '2001:db8:1:a::1'],
    ['www', '2001:db8:1:a::3/64', '2001:db8:1:a::1'],
    ['tor', 'fd00:1::2/64', 'fd00:1::1'],
  ] as const) {
    const jail = topology.stacks.find((s) => s.id === id)!;
    const epair = jail.interfaces.find((i) => i.kind === 'epair')!;
    epair.addresses.push(address);
    jail.defaultGateway.ipv6 = gateway;
  }
  return topology;
}

/** The kernel's link-local addresses written out: fe80::10 on ixl0, fe80::a2 on snort's epair, and so on. */
export const KERNEL_LINK_LOCALS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  host: { ixl0: 'fe80::10/64', bridge0: 'fe80::a1/64', bridge1: 'fe80::b1/64' },
  snort: { e0b_snort_jail: 'fe80::a2/64' },
  www: { e0b_www_jail: 'fe80::a3/64' },
  tor: { e0b_tor_relay: 'fe80::b2/64' },
};

/**
 * The dual-stack blog with the addresses the kernel adds (in6_ifattach: a link-local address per
 * IPv6 interface, ::1 on a jail's lo0), as discovery of the running host would see them: for the
 * audit's link-local questions. Not a design: validate refuses kernel-made addresses.
 */
export function withLinkLocals(topology: Topology): Topology {
  for (const stack of topology.stacks) {
    for (const iface of stack.interfaces) {
      const linkLocal = KERNEL_LINK_LOCALS[stack.id]?.[iface.name];
      if (linkLocal) iface.addresses.push(linkLocal);
      if (stack.kind === 'jail' && iface.name === 'lo0') iface.addresses.push('::1/128');
    }
  }
  return topology;
}
