import { broadcastOf, formatIp, formatIPv4, isLinkLocal } from '../../core/net/ip';
import {
  ND6_IFF_ACCEPT_RTADV,
  ND6_IFF_AUTO_LINKLOCAL,
  ND6_IFF_DONT_SET_IFROUTE,
  ND6_IFF_IFDISABLED,
  ND6_IFF_NO_DAD,
  ND6_IFF_NO_PREFER_IFACE,
  ND6_IFF_NO_RADR,
  ND6_IFF_PERFORMNUD,
  ND6_IFF_PREFER_SOURCE,
  nd6Flags,
} from './kernel/nd6';
import { isBridgeMember, type HostState, type IfAddress, type IfKind, type Ifnet } from './state';

// `ifconfig` text as FreeBSD 14 prints it (docs/freebsd.md §2.1-2.4 and the fixture
// ifconfig-host-bridge-epairs-14x-subnetspider.txt, whose 8-space indents are TABs on a real host).
// 13.x differs by the missing LOWER_UP flag and the missing `options=` line on bridges (§2.2).

const FLAG_BITS: [number, string][] = [
  [0x1, 'UP'],
  [0x2, 'BROADCAST'],
  [0x8, 'LOOPBACK'],
  [0x40, 'RUNNING'],
  [0x100, 'PROMISC'],
  [0x800, 'SIMPLEX'],
  [0x8000, 'MULTICAST'],
  [0x1000000, 'LOWER_UP'],
];

// Kept for traffic.ts, which still imports it from here; the function is state.ts's.

/** The flag word ifconfig prints: if_flags with the driver's RUNNING and the link's LOWER_UP. */
export function interfaceFlags(state: HostState, ifnet: Ifnet): number {
  let flags = ifnet.up ? 0x1 : 0;
  if (ifnet.kind === 'loopback') {
    // lo0 up: flags=1008049<UP,LOOPBACK,RUNNING,MULTICAST,LOWER_UP>; a down clone: 8008<LOOPBACK,MULTICAST>.
    flags |= 0x8 | 0x8000 | (ifnet.up ? 0x40 | 0x1000000 : 0);
  } else {
    flags |= 0x2 | 0x800 | 0x8000;
    // An epair is driver-RUNNING from creation (§1.6); a bridge runs once up (inferred: no sample of a
    // down bridge); a physical NIC's link is taken as always present.
    const running = ifnet.kind === 'bridge' ? ifnet.up : true;
    if (running) flags |= 0x40 | 0x1000000;
    if (ifnet.kind === 'bridge' || isBridgeMember(state, ifnet)) flags |= 0x100;
  }
  if (state.release === '13') flags &= ~0x1000000;
  return flags;
}

function flagNames(flags: number): string[] {
  return FLAG_BITS.filter(([bit]) => flags & bit).map(([, name]) => name);
}

// The ND6_IFF_* bits (kernel/nd6.ts) as ifconfig names them in `nd6 options=` (af_nd6.c ND6BITS).
const ND6_BITS: [number, string][] = [
  [ND6_IFF_PERFORMNUD, 'PERFORMNUD'],
  [ND6_IFF_ACCEPT_RTADV, 'ACCEPT_RTADV'],
  [ND6_IFF_PREFER_SOURCE, 'PREFER_SOURCE'],
  [ND6_IFF_IFDISABLED, 'IFDISABLED'],
  [ND6_IFF_DONT_SET_IFROUTE, 'DONT_SET_IFROUTE'],
  [ND6_IFF_AUTO_LINKLOCAL, 'AUTO_LINKLOCAL'],
  [ND6_IFF_NO_RADR, 'NO_RADR'],
  [ND6_IFF_NO_PREFER_IFACE, 'NO_PREFER_IFACE'],
  [ND6_IFF_NO_DAD, 'NO_DAD'],
];

/** The `nd6 options=` line (af_nd6.c nd6_status): the interface's ND6 flags as the kernel has them. */
export function nd6Line(ifnet: Ifnet): string {
  const flags = nd6Flags(ifnet);
  return `\tnd6 options=${flags.toString(16)}<${ND6_BITS.filter(([bit]) => flags & bit)
    .map(([, name]) => name)
    .join(',')}>`;
}

function netmaskHex(prefix: number): string {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return `0x${mask.toString(16).padStart(8, '0')}`;
}

/**
 * An IPv6 address the way getnameinfo(NI_NUMERICHOST) writes it: a link-local address with its
 * zone, `%<ifname>` (the ifnet names the zone: in6_setscope() gives fe80::/10 the interface's index
 * as its scope). Used for ifconfig's inet6 lines and netstat's address columns alike.
 */
export function inet6Text(ifnet: Ifnet, value: bigint): string {
  return formatIp({ family: 6, value, ...(isLinkLocal({ family: 6, value }) ? { zone: ifnet.name } : {}) });
}

/**
 * One `inet6` line: sbin/ifconfig/af_inet6.c in6_status_nl() (and in6_status(), 13's ioctl one, in
 * the same order): print_addr() (getnameinfo NI_NUMERICHOST), print_mask() ` prefixlen N`,
 * print_flags() (` tentative` for IN6_IFF_TENTATIVE; no other address flag is modelled), ` scopeid
 * 0x%x` when the scope id is set — the kernel's ifindex, for link-local addresses — then lifetimes,
 * printed only when not infinite (manual and automatic addresses have infinite ones).
 */
export function inet6Line(ifnet: Ifnet, address: IfAddress): string {
  const scope = isLinkLocal({ family: 6, value: address.value }) ? ` scopeid 0x${ifnet.ifindex.toString(16)}` : '';
  return `\tinet6 ${inet6Text(ifnet, address.value)} prefixlen ${address.prefix}${address.tentative ? ' tentative' : ''}${scope}`;
}

// Addresses in the order 14's ifconfig sorts them: by family (AF_INET before AF_INET6), each family
// in the kernel's order (sbin/ifconfig/ifconfig_netlink.c cmp_ifaddr(), F). 13's ifconfig prints
// the kernel's order unsorted; the emulator uses 14's order for 13 too (docs/freebsd/ifconfig.md).
function addressLines(ifnet: Ifnet): string[] {
  const v4 = ifnet.addresses
    .filter((a) => a.family === 4)
    .map((a) => {
      const base = `\tinet ${formatIPv4(a.value)} netmask ${netmaskHex(a.prefix)}`;
      if (ifnet.kind === 'loopback') return base;
      return `${base} broadcast ${formatIPv4(broadcastOf({ family: 4, address: a.value, prefix: a.prefix }))}`;
    });
  const v6 = ifnet.addresses.filter((a) => a.family === 6).map((a) => inet6Line(ifnet, a));
  return [...v4, ...v6];
}

/**
 * The link-level lines: sbin/ifconfig/af_link.c link_status_nl() (14 and later) and link_status()
 * (13's ioctl path): `\tether <mac>`, then `\thwaddr <mac>` when the interface's original hardware
 * address (IFLAF_ORIG_HWADDR from the kernel's get_hwaddr() → if_gethwaddr(), sys/netlink/route/
 * iface.c; SIOCGHWADDR on 13) differs from the current one. if_gethwaddr() answers for
 * IFT_ETHER/IFT_IEEE8023ADLAG only (sys/net/if.c), so bridges print none. No pcp line (no PCP set).
 */
export function linkLines(ifnet: Ifnet): string[] {
  if (ifnet.mac === undefined) return [];
  const lines = [`\tether ${ifnet.mac}`];
  if (ifnet.hwaddr !== undefined && ifnet.hwaddr !== ifnet.mac) lines.push(`\thwaddr ${ifnet.hwaddr}`);
  return lines;
}

function bridgeLines(state: HostState, bridge: Ifnet): string[] {
  const lines = [
    '\tid 00:00:00:00:00:00 priority 32768 hellotime 2 fwddelay 15',
    '\tmaxage 20 holdcnt 6 proto rstp maxaddr 2000 timeout 1200',
    '\troot id 00:00:00:00:00:00 priority 32768 ifcost 0 port 0',
  ];
  // Most recently added member first (§2.3). `port` is the member's kernel ifindex:
  // sys/net/if_bridge.c bridge_ioctl_gifflags() `req->ifbr_portno = bif->bif_ifp->if_index & 0xfff`
  // (F, commit 2d614aa2), not the emulator's own handle.
  for (const index of [...bridge.members].reverse()) {
    const member = state.ifnets.get(index);
    if (!member) continue;
    lines.push(`\tmember: ${member.name} flags=143<LEARNING,DISCOVER,AUTOEDGE,AUTOPTP>`);
    lines.push(`\t        ifmaxaddr 0 port ${member.ifindex & 0xfff} priority 128 path cost 2000`);
  }
  return lines;
}

/** The interface group its kind puts an interface in (the cloner's ifc_name; physical NICs have none here). */
export function groupOf(kind: IfKind): string | undefined {
  return kind === 'loopback' ? 'lo' : kind === 'bridge' || kind === 'epair' ? kind : undefined;
}

/** The print_ifcaps() line, when the interface has one. */
function optionsLine(state: HostState, ifnet: Ifnet): string | undefined {
  switch (ifnet.kind) {
    case 'loopback':
      return '\toptions=680003<RXCSUM,TXCSUM,LINKSTATE,RXCSUM_IPV6,TXCSUM_IPV6>';
    case 'bridge':
      return state.release !== '13' ? '\toptions=0' : undefined;
    case 'epair':
      return '\toptions=8<VLAN_MTU>';
    case 'physical':
      return ifnet.options ? `\toptions=${ifnet.options}` : undefined;
  }
}

/**
 * The lines every status starts with, before the link address (status_nl() order): the
 * "<name>: flags=… metric 0 mtu N" line, "\tdescription: …" when set, then "\toptions=…".
 */
export function headLines(state: HostState, ifnet: Ifnet): string[] {
  const flags = interfaceFlags(state, ifnet);
  const lines = [`${ifnet.name}: flags=${flags.toString(16)}<${flagNames(flags).join(',')}> metric 0 mtu ${ifnet.mtu}`];
  if (ifnet.description !== undefined) lines.push(`\tdescription: ${ifnet.description}`);
  const options = optionsLine(state, ifnet);
  if (options !== undefined) lines.push(options);
  return lines;
}

export function formatInterface(state: HostState, ifnet: Ifnet): string {
  const lines = headLines(state, ifnet);
  // getifgroups() (ifgroup.c): every group but "all", in the kernel's order: the cloner's group,
  // joined at creation, then the admin's in the order added (if_addgroup() appends).
  const names = [groupOf(ifnet.kind), ...(ifnet.groups ?? []).map((g) => g.name)].filter((g) => g !== undefined);
  const groups = names.length ? [`\tgroups: ${names.join(' ')}`] : [];
  switch (ifnet.kind) {
    case 'loopback':
      lines.push(...addressLines(ifnet), ...groups, nd6Line(ifnet));
      break;
    case 'bridge':
      lines.push(...linkLines(ifnet), ...addressLines(ifnet), ...bridgeLines(state, ifnet), ...groups, nd6Line(ifnet));
      break;
    case 'epair':
      lines.push(...linkLines(ifnet), ...addressLines(ifnet), ...groups);
      lines.push('\tmedia: Ethernet 10Gbase-T (10Gbase-T <full-duplex>)', '\tstatus: active', nd6Line(ifnet));
      break;
    case 'physical':
      // A NIC has no cloner group; the admin's come where an epair's groups line is, before media.
      lines.push(...linkLines(ifnet), ...addressLines(ifnet), ...groups);
      lines.push(
        `\tmedia: ${ifnet.media ?? 'Ethernet autoselect (1000baseT <full-duplex>)'}`,
        '\tstatus: active',
        nd6Line(ifnet),
      );
      break;
  }
  return `${lines.join('\n')}\n`;
}
