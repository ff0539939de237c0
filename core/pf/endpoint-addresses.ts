import { formatCidr, formatIp, networkOf, parseCidr, type Family } from '../net/ip';
import type { Topology } from '../topology/schema';

// The addresses pf rules name for a jail (its interface addresses, loopback aside) and for a bridge
// (the networks of its addresses), in one or both families.

export function stackAddresses(topology: Topology, id: string, family?: Family): string[] {
  const stack = topology.stacks.find((s) => s.id === id);
  return (stack?.interfaces ?? [])
    .filter((i) => i.kind !== 'loopback')
    .flatMap((i) =>
      i.addresses.flatMap((a) => {
        const cidr = parseCidr(a);
        return cidr.ok && (family === undefined || cidr.value.family === family)
          ? [formatIp({ family: cidr.value.family, value: cidr.value.address })]
          : [];
      }),
    );
}

export function bridgeNetworks(topology: Topology, id: string, family?: Family): string[] {
  const bridge = topology.stacks.flatMap((s) => s.interfaces).find((i) => i.id === id);
  return (bridge?.addresses ?? []).flatMap((a) => {
    const cidr = parseCidr(a);
    return cidr.ok && (family === undefined || cidr.value.family === family)
      ? [formatCidr({ ...cidr.value, address: networkOf(cidr.value) })]
      : [];
  });
}
