import { formatCidr, parseCidr, parseIp, type Cidr } from '../../core/net/ip';
import type { Interface, JailAddress, JailStack, Stack } from '../../core/topology/schema';
import type { JailInfo } from '../freebsd/types';

// Shared-IP (non-vnet) jails as discovery finds them. jls prints only the addresses a jail is
// restricted to (`ip4.addr`, `ip6.addr`: kern_jail.c kern_jail_get copies pr_ip4/pr_ip6), never the
// interface jail(8) added them to, so each address is matched to the interface of the stack the jail
// shares that carries it. An alias found there is taken to be the jail's own, added by jail(8)
// (`iface|addr`, usr.sbin/jail/command.c IP__IP4_IFADDR): it moves from the interface to the jail with
// that interface recorded, so an apply of the design adds it again when it creates the jail. The
// first address of a family on a NIC, bridge, epair or lo0 is its primary, which the host's own
// configuration gives it: a jail bound to it keeps it bare, and it stays on the interface. A cloned
// loopback (Bastille's bastille0, lo1) has no address of its own: all of its addresses that jails use
// are theirs. That split is an inference; FreeBSD records nowhere which tool added an alias.

/** The stack a jail's network is: the nearest vnet jail above it, or the host (kern_jail.c: pr_vnet). */
function networkStackId(
  jail: JailInfo,
  byJid: ReadonlyMap<number, JailInfo>,
  stackIdOf: (name: string) => string,
): string {
  let cursor: JailInfo | undefined = jail;
  const seen = new Set<number>();
  while (cursor && cursor.vnet !== 'new' && !seen.has(cursor.jid)) {
    seen.add(cursor.jid);
    cursor = cursor.parent ? byJid.get(cursor.parent) : undefined;
  }
  return cursor && cursor.vnet === 'new' ? stackIdOf(cursor.name) : 'host';
}

interface Carrier {
  iface: Interface;
  cidr: Cidr;
  primary: boolean;
}

function carrierOf(network: Stack | undefined, family: 4 | 6, value: bigint): Carrier | undefined {
  for (const iface of network?.interfaces ?? []) {
    const parsed = iface.addresses.map((text) => parseCidr(text)).flatMap((p) => (p.ok ? [p.value] : []));
    const ofFamily = parsed.filter((c) => c.family === family);
    const cidr = ofFamily.find((c) => c.address === value);
    const jailsLoopback = iface.kind === 'loopback' && iface.name !== 'lo0';
    if (cidr) return { iface, cidr, primary: ofFamily[0] === cidr && !jailsLoopback };
  }
  return undefined;
}

/**
 * A JailStack with `sharedIp` for each non-vnet jail, and the stacks they share with the jails'
 * aliases taken off their interfaces (changed in place). `notes` gets what could not be placed.
 */
export function sharedIpJailStacks(
  jails: readonly JailInfo[],
  stacks: Stack[],
  stackIdOf: (name: string) => string,
  notes: string[],
): JailStack[] {
  const byJid = new Map(jails.map((j) => [j.jid, j]));
  const stackById = new Map(stacks.map((s) => [s.id, s]));
  const aliases = new Map<Interface, Set<string>>();
  const result: JailStack[] = [];
  for (const jail of jails.filter((j) => j.vnet !== 'new')) {
    const network = stackById.get(networkStackId(jail, byJid, stackIdOf));
    const place = (text: string, family: 4 | 6): JailAddress[] => {
      const ip = parseIp(text);
      if (!ip.ok || ip.value.family !== family) {
        notes.push(`Jail ${jail.name} lists "${text}" in ip${family}.addr, which is not an IPv${family} address.`);
        return [];
      }
      const carrier = carrierOf(network, family, ip.value.value);
      if (!carrier) {
        notes.push(`Jail ${jail.name}'s address ${text} is on no interface of the stack it shares.`);
        return [{ address: `${text}/${family === 4 ? 32 : 128}` }];
      }
      const address = formatCidr(carrier.cidr);
      if (carrier.primary) return [{ address }];
      const taken = aliases.get(carrier.iface) ?? new Set<string>();
      taken.add(address);
      aliases.set(carrier.iface, taken);
      return [{ interface: carrier.iface.id, address }];
    };
    const parent = jail.parent ? byJid.get(jail.parent) : undefined;
    result.push({
      kind: 'jail',
      id: stackIdOf(jail.name),
      name: jail.name.split('.').pop()!,
      ...(jail.hostname ? { hostname: jail.hostname } : {}),
      ...(parent ? { parent: stackIdOf(parent.name) } : {}),
      childrenMax: jail.childrenMax ?? 0,
      interfaces: [],
      forwarding: { ipv4: false, ipv6: false },
      defaultGateway: {},
      staticRoutes: [],
      nat: [],
      // `ip4 = inherit` reads "inherit"; a restricted jail "disable" (or "new", by kernel), with its list.
      sharedIp: {
        ip4: jail.ip4Mode === 'inherit' ? 'inherit' : (jail.ip4Addresses ?? []).flatMap((a) => place(a, 4)),
        ip6: jail.ip6Mode === 'inherit' ? 'inherit' : (jail.ip6Addresses ?? []).flatMap((a) => place(a, 6)),
      },
    });
  }
  for (const [iface, taken] of aliases) {
    iface.addresses = iface.addresses.filter((text) => {
      const parsed = parseCidr(text);
      return !(parsed.ok && taken.has(formatCidr(parsed.value)));
    });
  }
  return result;
}
