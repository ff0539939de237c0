import { parseIPv4, parseIPv6 } from '../../../core/net/ip';
import { unsupported } from '../commands/output';
import type { Param } from './load';

// ip4.addr / ip6.addr of a shared-IP (non-vnet) jail, as jail(8) and the kernel take them:
// - jail.c main(): on the command line `ip4.addr=` / `ip6.addr=` values are split at commas
//   (docs/freebsd/jail.md "Which of the styles"); in jail.conf a comma list is several values.
// - config.c check_intparams() (freebsd/freebsd-src usr.sbin/jail/config.c): a value holding "|"
//   (or any value, when the `interface` parameter is set: refused here as not modelled) is copied to
//   IP__IP4_IFADDR / IP__IP6_IFADDR, the command that adds the alias; the kernel gets the address
//   alone, without "iface|" and without "/mask".
// - command.c run_command() IP__IP4_IFADDR / IP__IP6_IFADDR: `/sbin/ifconfig IFACE inet ADDR netmask
//   255.255.255.255 alias` (ADDR/PREFIX as given, or ADDR netmask DOTTED), `/sbin/ifconfig IFACE
//   inet6 ADDR prefixlen 128 alias`; `-alias` on the way down (lifecycle.ts runs them).
// - kern_jail.c kern_jail_set() (commit 002c06d2): the addresses keep the first one in place and
//   sort the rest (qsort from ip4 + 1, prison_qcmp_v4: ascending); INADDR_ANY, INADDR_BROADCAST, the
//   IPv6 unspecified address and duplicates are EINVAL without a message ("jail_set: Invalid
//   argument", libjail jailparam_set()); "vnet jails cannot have IP address restrictions"; and
//   "IPv4 addresses clash" / "IPv6 addresses clash" (EADDRINUSE) when another jail of the same
//   vnet holds one of the addresses, unless both have exactly one address (prison.ts).
// A malformed address or mask is refused as unsupported: libjail's and 14/15 config.c's wordings
// for it differ between revisions and were not pinned down.

export interface JailAddressPlan {
  /** Kernel order: the first as given, the others sorted ascending. Absent: the family is not restricted. */
  ip4?: bigint[];
  ip6?: bigint[];
  /** ip4=inherit / ip6=inherit: the jail uses every address of its parent (no restriction). */
  inherit: Set<'ip4' | 'ip6'>;
  /** A zero, broadcast or repeated address: kern_jail_set() answers EINVAL when the jail is created. */
  invalid?: true;
}

const IPV4_BROADCAST = 0xffffffffn;

function ascending(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One value: its interface (before "|"), the address text and the mask text (after "/"). */
function split(family: 'ip4' | 'ip6', value: string): { iface?: string; address: bigint } {
  const bar = value.indexOf('|');
  const iface = bar >= 0 ? value.slice(0, bar) : undefined;
  const rest = bar >= 0 ? value.slice(bar + 1) : value;
  if (iface === '') unsupported('jail', `${family}.addr "${value}" with an empty interface name`);
  const slash = rest.indexOf('/');
  const text = slash >= 0 ? rest.slice(0, slash) : rest;
  if (slash >= 0) {
    const mask = rest.slice(slash + 1);
    const fine =
      family === 'ip4'
        ? /^([0-9]|[12][0-9]|3[0-2])$/.test(mask) || parseIPv4(mask) !== null
        : /^([0-9]|[1-9][0-9]|1[01][0-9]|12[0-8])$/.test(mask);
    if (!fine) unsupported('jail', `${family}.addr "${value}": a malformed mask (wording differs between revisions)`);
  }
  const address = family === 'ip4' ? parseIPv4(text) : parseIPv6(text);
  if (address === null) unsupported('jail', `${family}.addr "${value}": not an address (libjail's wording not read)`);
  return { ...(iface !== undefined ? { iface } : {}), address };
}

/** The plan of the address parameters, and the strings of the alias commands jail(8) runs. */
export function jailAddresses(
  params: Param[],
  inherit: Set<'ip4' | 'ip6'>,
): { plan: JailAddressPlan; ifaddrs: { ip4: string[]; ip6: string[] } } {
  const plan: JailAddressPlan = { inherit };
  const ifaddrs = { ip4: [] as string[], ip6: [] as string[] };
  for (const p of params) {
    const family = p.name.startsWith('ip4') ? 'ip4' : 'ip6';
    if (inherit.has(family)) unsupported('jail', `${family}=inherit together with ${p.name}`);
    const values = p.values.flatMap((v) => v.split(',')).filter((v) => v !== '');
    if (values.length === 0) unsupported('jail', `${p.name} without an address (a jail with no ${family} address)`);
    const addresses: bigint[] = [];
    for (const value of values) {
      const { iface, address } = split(family, value);
      if (iface !== undefined) ifaddrs[family].push(value);
      addresses.push(address);
    }
    const [first, ...others] = addresses;
    const sorted = [first!, ...others.sort(ascending)];
    const invalid = sorted.some(
      (a, i) =>
        a === 0n ||
        (family === 'ip4' && a === IPV4_BROADCAST) ||
        (i + 1 < sorted.length && (sorted[0] === sorted[i + 1] || a === sorted[i + 1])),
    );
    if (invalid) plan.invalid = true;
    plan[family] = sorted;
  }
  return { plan, ifaddrs };
}

/** command.c run_command(): the ifconfig argv that adds (or, `down`, removes) one IP__IP4_IFADDR / IP__IP6_IFADDR. */
export function aliasArgv(family: 'ip4' | 'ip6', value: string, down: boolean): string[] {
  const bar = value.indexOf('|');
  const iface = value.slice(0, bar);
  const addr = value.slice(bar + 1);
  const slash = addr.indexOf('/');
  const alias = down ? '-alias' : 'alias';
  if (family === 'ip6')
    return slash < 0
      ? ['ifconfig', iface, 'inet6', addr, 'prefixlen', '128', alias]
      : ['ifconfig', iface, 'inet6', addr, alias];
  if (slash < 0) return ['ifconfig', iface, 'inet', addr, 'netmask', '255.255.255.255', alias];
  const mask = addr.slice(slash + 1);
  if (mask.includes('.')) return ['ifconfig', iface, 'inet', addr.slice(0, slash), 'netmask', mask, alias];
  return ['ifconfig', iface, 'inet', addr, alias];
}
