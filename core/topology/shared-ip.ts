import { parseCidr, parseIp, type Cidr, type Family } from '../net/ip';
import type { Interface, JailAddress, JailStack, SharedIp, Stack, Topology } from './schema';

// What a shared-IP (non-vnet) jail means, for validation, planning, rendering, drawing and the audit.
//
// FreeBSD (usr.sbin/jail/jail.8, "vnet", "ip4", "ip4.addr"; sys/kern/kern_jail.c kern_jail_set): a jail
// created without `vnet` shares its parent's network stack (pr_vnet = ppr->pr_vnet). `ip4 = new` (the
// default when ip4.addr is given) restricts it to the addresses listed, `inherit` lets it use every
// address of its parent, `disable` (or `new` with no addresses) gives it no IPv4 at all. It has no
// interfaces, routes, forwarding, NAT or pf of its own: those are its parent stack's.
//
// `ip4.addr = "lo1|10.17.89.1/32"`: usr.sbin/jail/command.c run_command, case IP__IP4_IFADDR, runs
// `ifconfig lo1 inet 10.17.89.1/32 alias` before the jail is created and the same with `-alias` after it
// is removed; a bare address without "/" is added with `netmask 255.255.255.255`. Without "iface|" (and
// without the `interface` parameter) jail(8) adds nothing: the address must already be on an interface.

export type SharedIpJail = JailStack & { sharedIp: SharedIp };

export function isSharedIpJail(stack: Stack): stack is SharedIpJail {
  return stack.kind === 'jail' && stack.sharedIp !== undefined;
}

export const SHARED_IP_FAMILIES = [
  { key: 'ip4', family: 4 },
  { key: 'ip6', family: 6 },
] as const satisfies readonly { key: keyof SharedIp; family: Family }[];

export type SharedIpKey = (typeof SHARED_IP_FAMILIES)[number]['key'];

/**
 * One jail address as a prefix: a bare IPv4 address is a /32 and a bare IPv6 one a /128, the
 * netmask command.c gives an alias written without "/" (IP__IP4_IFADDR: `netmask 255.255.255.255`;
 * IP__IP6_IFADDR: `prefixlen 128`). jail(8) also takes a dotted netmask after "/"; Patchbay writes
 * prefix lengths only, so that form is refused here.
 */
export function parseJailAddress(text: string): { ok: true; value: Cidr } | { ok: false; reason: string } {
  if (text.includes('/')) return parseCidr(text);
  const ip = parseIp(text);
  if (!ip.ok) return ip;
  if (ip.value.zone !== undefined)
    return { ok: false, reason: `"${text}": a zone (%) does not belong in a jail address` };
  return {
    ok: true,
    value: { family: ip.value.family, address: ip.value.value, prefix: ip.value.family === 4 ? 32 : 128 },
  };
}

/** A well-formed address of a shared-IP jail with where it sits in the design. */
export interface PlacedJailAddress {
  key: SharedIpKey;
  index: number;
  entry: JailAddress;
  cidr: Cidr;
}

/** Every address of a shared-IP jail that parses and is of its list's family, in list order. */
export function jailAddresses(sharedIp: SharedIp): PlacedJailAddress[] {
  return SHARED_IP_FAMILIES.flatMap(({ key, family }) => {
    const list = sharedIp[key];
    if (list === 'inherit') return [];
    return list.flatMap((entry, index) => {
      const parsed = parseJailAddress(entry.address);
      return parsed.ok && parsed.value.family === family ? [{ key, index, entry, cidr: parsed.value }] : [];
    });
  });
}

/**
 * The stack whose network a jail uses: its own for a vnet jail; for a shared-IP jail its parent's,
 * through any chain of shared-IP parents, up to a vnet jail or the host (kern_jail.c: a non-vnet
 * jail's pr_vnet is its parent's). Undefined when a parent is missing or the chain loops.
 */
export function networkStackOf(topology: Pick<Topology, 'stacks'>, stack: Stack): Stack | undefined {
  const byId = new Map(topology.stacks.map((s) => [s.id, s]));
  const host = topology.stacks.find((s) => s.kind === 'host');
  const seen = new Set<string>();
  let cursor: Stack | undefined = stack;
  while (cursor && isSharedIpJail(cursor)) {
    if (seen.has(cursor.id)) return undefined;
    seen.add(cursor.id);
    cursor = cursor.parent === undefined ? host : byId.get(cursor.parent);
  }
  return cursor;
}

/** The interface of `network` that carries `cidr`'s address, statically or as this jail's alias. */
export function carrierOf(network: Stack, address: PlacedJailAddress): Interface | undefined {
  if (address.entry.interface !== undefined) return network.interfaces.find((i) => i.id === address.entry.interface);
  return network.interfaces.find((i) => interfaceHasAddress(i, address.cidr));
}

/** Whether `cidr`'s address is one of the interface's own (host bits compared, prefix ignored). */
export function interfaceHasAddress(iface: Interface, cidr: Cidr): boolean {
  return iface.addresses.some((text) => {
    const parsed = parseCidr(text);
    return parsed.ok && parsed.value.family === cidr.family && parsed.value.address === cidr.address;
  });
}
