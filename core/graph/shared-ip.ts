import { formatCidr } from '../net/ip';
import type { JailStack, Topology } from '../topology/schema';
import {
  SHARED_IP_FAMILIES,
  carrierOf,
  isSharedIpJail,
  jailAddresses,
  networkStackOf,
  type SharedIpJail,
} from '../topology/shared-ip';

// What the drawing shows of shared-IP jails (core/topology/shared-ip.ts): the interface that carries
// each jail's addresses, and the addresses as lines of the jail's box.

/** The drawing's id of the line from a shared-IP jail to the interface carrying its addresses. */
export function sharedIpEdgeId(jailId: string, carrierId: string): string {
  return `shared-ip:${jailId}:${carrierId}`;
}

/**
 * The jail and carrier interface a sharedIpEdgeId names, undefined for any other id. Ids may hold
 * ":", so the jail is the shared-IP jail of `t` whose id the edge id starts with.
 */
export function parseSharedIpEdgeId(t: Topology, id: string): { jail: SharedIpJail; carrier: string } | undefined {
  if (!id.startsWith('shared-ip:')) return undefined;
  const jail = t.stacks.find((s): s is SharedIpJail => isSharedIpJail(s) && id.startsWith(sharedIpEdgeId(s.id, '')));
  return jail && { jail, carrier: id.slice(sharedIpEdgeId(jail.id, '').length) };
}

export interface SharedIpCarrier {
  jail: SharedIpJail;
  /** Id of the interface that carries the addresses. */
  carrier: string;
  addresses: string[];
}

/** For each shared-IP jail, the interfaces its addresses are on (or added to), with those addresses. */
export function sharedIpCarriers(topology: Topology): SharedIpCarrier[] {
  return topology.stacks.filter(isSharedIpJail).flatMap((jail) => {
    const network = networkStackOf(topology, jail);
    if (!network) return [];
    const byCarrier = new Map<string, string[]>();
    for (const address of jailAddresses(jail.sharedIp)) {
      const carrier = carrierOf(network, address);
      if (!carrier) continue;
      byCarrier.set(carrier.id, [...(byCarrier.get(carrier.id) ?? []), formatCidr(address.cidr)]);
    }
    return [...byCarrier].map(([carrier, addresses]) => ({ jail, carrier, addresses }));
  });
}

/** The lines under a shared-IP jail's title: each address, or that it inherits its parent's. */
export function sharedIpLines(topology: Topology, jail: JailStack): string[] {
  if (!isSharedIpJail(jail)) return [];
  const network = networkStackOf(topology, jail);
  return [
    ...SHARED_IP_FAMILIES.filter(({ key }) => jail.sharedIp[key] === 'inherit').map(({ key }) => `${key} inherit`),
    ...jailAddresses(jail.sharedIp).map((address) => {
      const carrier = network ? carrierOf(network, address) : undefined;
      return `${formatCidr(address.cidr)}${carrier ? ` on ${carrier.name}` : ''}`;
    }),
  ];
}
