import { inPrefix, isPrivate, network, parseAddr, parsePrefix, type Addr, type Prefix } from '../net/addr';
import type { Topology } from '../topology/schema';

// The addresses "the internet" and "the LAN" are asked at. They must be nothing the design knows:
// a design whose uplink is 203.0.113.0/24 (the documentation range examples use) once got a wrong
// "no route" because the internet was probed inside its own LAN. So the internet probe is the first
// candidate outside every segment, route destination and interface address of the design, and
// outside the private ranges; the LAN probe is a free address of the LAN.

/**
 * Tried in order: the three IPv4 documentation ranges (RFC 5737), then well-known public
 * resolvers, which a design is unlikely to use as its own addresses.
 */
export const INTERNET_CANDIDATES4: readonly string[] = [
  '203.0.113.80',
  '198.51.100.80',
  '192.0.2.80',
  '203.0.113.180',
  '198.51.100.180',
  '192.0.2.180',
  '9.9.9.9',
  '1.1.1.1',
  '8.8.8.8',
];

/**
 * IPv6: a corner of the documentation prefixes (2001:db8::/32, RFC 3849; 3fff::/20, RFC 9637), then
 * public resolvers.
 */
export const INTERNET_CANDIDATES6: readonly string[] = [
  '2001:db8:ffff:ffff::80',
  '3fff:fff:ffff:ffff::80',
  '2620:fe::fe',
  '2606:4700:4700::1111',
  '2001:4860:4860::8888',
];

/** Every prefix the design itself occupies: LANs, routes' destinations, interface networks. */
export function designPrefixes(topology: Topology): Prefix[] {
  const out: Prefix[] = [];
  const add = (text: string | undefined) => {
    const p = text === undefined ? undefined : parsePrefix(text);
    if (p && p.bits > 0) out.push({ address: network(p), bits: p.bits });
  };
  for (const segment of topology.segments) {
    if (segment.kind !== 'lan') continue;
    add(segment.cidr);
    add(segment.cidr6);
  }
  for (const stack of topology.stacks) {
    for (const iface of stack.interfaces) iface.addresses.forEach(add);
    for (const route of stack.staticRoutes) add(route.destination);
  }
  return out;
}

function firstOutside(candidates: readonly string[], taken: readonly Prefix[]): Addr {
  const parsed = candidates.map((c) => parseAddr(c)!.address);
  const free = parsed.find((a) => !isPrivate(a) && !taken.some((p) => inPrefix(a, p.address, p.bits)));
  // Every candidate taken: a design that occupies them all is not one the audit was written for;
  // the first is used and the verdicts to the internet say where it ended up.
  return free ?? parsed[0]!;
}

export function internetProbes(topology: Topology): { v4: number; v6: bigint } {
  const taken = designPrefixes(topology);
  return {
    v4: firstOutside(INTERNET_CANDIDATES4, taken) as number,
    v6: firstOutside(INTERNET_CANDIDATES6, taken) as bigint,
  };
}

/** A free IPv6 address of the LAN's prefix: the highest that no interface, gateway or router has. */
export function lanSample6(net: Prefix, taken: ReadonlySet<Addr>): bigint {
  const base = network(net) as bigint;
  const size = 1n << BigInt(128 - net.bits);
  for (let offset = size - 2n; offset >= 1n && offset > size - 64n; offset--) {
    const candidate = base + offset;
    if (!taken.has(candidate)) return candidate;
  }
  return base + (size > 1n ? 1n : 0n);
}
