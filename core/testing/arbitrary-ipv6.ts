import fc from 'fast-check';
import type { Topology } from '../topology/schema';

// IPv6 laid over a random audit network (arbitrary-audit.ts): which bridges and jails get an IPv6
// address (global in the LAN's 2001:db8:1::/48, or unique-local), IPv6 default routes, IPv6
// forwarding on the host, the LAN's IPv6 prefix, and inet6-only pf rules. Nothing here touches an
// IPv4 address, route or rule.

export interface Ipv6Layer {
  global: boolean;
  lan6: boolean;
  forwarding6: boolean;
  /** Per jail (by index, cycled): whether it gets an IPv6 address. */
  jails6: boolean[];
  rules6: string[];
}

const RULE6 = fc.constantFrom(
  'block drop in on ixl0 inet6 all',
  'pass in quick on ixl0 inet6 proto tcp from any to any port 443 keep state',
  'block drop quick inet6 proto tcp from any to any port 22',
  'pass out inet6 all keep state',
  'block drop in inet6 proto icmp all',
  'block drop quick inet6 from fd00::/8 to any',
  'pass quick inet6 from 2001:db8:1::/48 to any keep state',
);

export const ipv6Layer: fc.Arbitrary<Ipv6Layer> = fc.record({
  global: fc.boolean(),
  lan6: fc.boolean(),
  forwarding6: fc.boolean(),
  jails6: fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
  rules6: fc.array(RULE6, { maxLength: 3 }),
});

/** `topology` with the IPv6 layer added (a copy). */
export function withIpv6(topology: Topology, layer: Ipv6Layer): Topology {
  const out = structuredClone(topology);
  const prefix = (b: number) => (layer.global ? `2001:db8:1:${b + 1}` : `fd00:${b + 1}`);
  const host = out.stacks.find((s) => s.kind === 'host')!;
  host.forwarding.ipv6 = layer.forwarding6;
  const nic = host.interfaces.find((i) => i.name === 'ixl0');
  if (nic) {
    nic.addresses.push('2001:db8:1::10/64');
    host.defaultGateway.ipv6 = 'fe80::1%ixl0';
  }
  const lan = out.segments.find((s) => s.kind === 'lan');
  if (lan?.kind === 'lan' && layer.lan6) lan.cidr6 = '2001:db8:1::/48';
  for (const iface of host.interfaces) {
    const bridge = /^bridge(\d+)$/.exec(iface.name);
    if (bridge) iface.addresses.push(`${prefix(Number(bridge[1]))}::1/64`);
  }
  out.stacks.forEach((stack, index) => {
    if (stack.kind !== 'jail' || !layer.jails6[index % layer.jails6.length]) return;
    const epair = stack.interfaces.find((i) => i.kind === 'epair')!;
    const bridge = Number(/^10\.(\d+)\./.exec(epair.addresses[0] ?? '')?.[1] ?? 0);
    epair.addresses.push(`${prefix(bridge)}::${index + 1}/64`);
    stack.defaultGateway.ipv6 = `${prefix(bridge)}::1`;
  });
  if (host.pf && layer.rules6.length) host.pf.rules = [host.pf.rules, ...layer.rules6].filter(Boolean).join('\n');
  return out;
}

/** inet-only rules, to add to a dual-stack network: they must leave every IPv6 verdict alone. */
export const inetRules: fc.Arbitrary<string[]> = fc.array(
  fc.constantFrom(
    'block drop inet all',
    'block drop quick inet proto tcp from any to any port 443',
    'pass quick inet all no state',
    'block drop in on ixl0 inet all',
  ),
  { minLength: 1, maxLength: 2 },
);
