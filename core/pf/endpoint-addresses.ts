import { formatCidr, formatIp, networkOf, parseCidr, type Family } from '../net/ip';
import type { Topology } from '../topology/schema';
import { SHARED_IP_FAMILIES, isSharedIpJail, jailAddresses, networkStackOf } from '../topology/shared-ip';

// The addresses pf rules name for a jail (its interface addresses, loopback aside) and for a bridge
// (the networks of its addresses), in one or both families. A shared-IP jail is named by the
// addresses it is restricted to, those on a loopback clone too (Bastille's lo1 aliases are what its
// traffic carries); with `inherit` by every address of the stack it shares (jail.8 "ip4").

export function stackAddresses(topology: Topology, id: string, family?: Family): string[] {
  const stack = topology.stacks.find((s) => s.id === id);
  if (stack && isSharedIpJail(stack)) {
    const listed = jailAddresses(stack.sharedIp)
      .filter((a) => family === undefined || a.cidr.family === family)
      .map((a) => formatIp({ family: a.cidr.family, value: a.cidr.address }));
    const inherited = SHARED_IP_FAMILIES.filter(
      (f) => stack.sharedIp[f.key] === 'inherit' && (family === undefined || family === f.family),
    ).flatMap((f) => {
      const network = networkStackOf(topology, stack);
      return network && network.id !== stack.id ? stackAddresses(topology, network.id, f.family) : [];
    });
    return [...listed, ...inherited];
  }
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
