import { isLinkLocal } from '../../../core/net/ip';
import { unsupported } from '../commands/output';
import { fails } from '../errno';
import { detachWithPeer, moveIfnet } from '../ifnet';
import { findInterface, isBridgeMember, type HostState, type IfAddress, type Ifnet, type Jail } from '../state';
import {
  ipv6Addresses,
  hasLinkLocal,
  driverSetAddress,
  afterAddressChange,
  in6UpdateIfa,
  in6Ifattach,
  in6IfUp,
} from './in6';
import { ND6_IFF_AUTO_LINKLOCAL, ND6_IFF_IFDISABLED, ND6_IFF_NO_DAD, nd6Flags } from './nd6';

// The kernel side of the interface ioctls ifconfig makes: each function changes the state as the
// kernel would, or throws the errno the kernel returns (KernelError) and changes nothing. ifconfig
// (commands/ifconfig/) words the errors as FreeBSD's ifconfig does. Rules and their sources are in
// docs/freebsd/ifconfig.md, section Kernel.

export const IFNAMSIZ = 16;
// sys/net/if.h IF_MINMTU / IF_MAXMTU, checked by ifhwioctl SIOCSIFMTU before the driver is asked.
const IF_MINMTU = 72;
const IF_MAXMTU = 65535;
/** net.ifdescr_maxlen: sys/net/if.c ifdescr_maxlen = 1024 (SIOCSIFDESCR refuses longer with ENAMETOOLONG). */
const IFDESCR_MAXLEN = 1024;

/** SIOCSIFNAME (sys/net/if.c if_rename): the new name must be free in this vnet and fit IFNAMSIZ. */
export function renameInterface(state: HostState, ifnet: Ifnet, newName: string) {
  if (newName.length >= IFNAMSIZ) fails('ENAMETOOLONG');
  if (newName === '') fails('EINVAL');
  if (findInterface(state, ifnet.vnet, newName)) fails('EEXIST');
  ifnet.name = newName;
}

/** if_bridge.c bridge_ioctl() SIOCSIFMTU: "if (ifr->ifr_mtu < 576) error = EINVAL" (13 and F). */
const BRIDGE_MINMTU = 576;

/**
 * SIOCSIFMTU: the generic range, then the driver's own limit (ether_ioctl, epair, bridge).
 *
 * Bridges and their members, by release (docs/freebsd/ifconfig.md §6.3, §6.5):
 * - 15 (read at F, fel1x-developer/freebsd-src 2d614aa2, a main revision after 14.0): sys/net/if.c
 *   ifhwioctl() case SIOCSIFMTU "Disallow MTU changes on bridge member interfaces": `if (ifp->if_bridge)
 *   return (EOPNOTSUPP)`, whatever the value. sys/net/if_bridge.c bridge_ioctl() case SIOCSIFMTU calls
 *   every member's own if_ioctl (not ifhwioctl, so the member check does not apply): the members take
 *   the bridge's new MTU; one refusing makes it EINVAL with every member set back to the old MTU.
 * - 13 (freebsd/freebsd-src 00348380 if_bridge.c bridge_ioctl()): a member's MTU is its own; the
 *   bridge's changes only when every member already has the new value, else EINVAL.
 * - 14: no 14.x text of if.c or if_bridge.c was found. 14 keeps the 13 rule: with it a real admin still
 *   changes the MTU (members first, then the bridge), and so does the planner (core/plan/bridge-mtu.ts).
 */
export function setMtu(state: HostState, ifnet: Ifnet, mtu: number) {
  if (mtu < IF_MINMTU || mtu > IF_MAXMTU) fails('EINVAL');
  if (state.release === '15' && isBridgeMember(state, ifnet)) fails('EOPNOTSUPP');
  if (ifnet.kind === 'bridge') {
    if (mtu < BRIDGE_MINMTU) fails('EINVAL');
    const members = ifnet.members.map((index) => state.ifnets.get(index)).filter((m): m is Ifnet => !!m);
    // The member drivers the emulator has (epair: any value, F if_epair.c epair_ioctl()) never refuse.
    if (state.release === '15') for (const member of members) member.mtu = mtu;
    else if (members.some((member) => member.mtu !== mtu)) fails('EINVAL');
  }
  ifnet.mtu = mtu;
}

export function setDescription(ifnet: Ifnet, text: string) {
  if (text.length + 1 > IFDESCR_MAXLEN) fails('ENAMETOOLONG');
  if (text === '') delete ifnet.description;
  else ifnet.description = text;
}

/**
 * SIOCSIFFLAGS (sys/net/if.c ifhwioctl(): if_down() when UP is cleared, if_up() when it is set on an
 * interface that was down; nothing on a flag that does not change). if_up() runs in6_if_up(): from
 * if_route() in the 13-era if.c, from the IFNET_EVENT_UP handler in6_ifevent() at F (sys/net/if.c
 * if_up(), sys/netinet6/in6.c in6_ifevent(), commit 2d614aa2). if_down() leaves IPv6 alone (in6_ifevent
 * handles IFNET_EVENT_UP only): addresses stay, none turns tentative.
 */
export function setUp(state: HostState, ifnet: Ifnet, up: boolean) {
  if (ifnet.up === up) return;
  ifnet.up = up;
  if (up) in6IfUp(state, ifnet);
}

/**
 * SIOCSIFLLADDR: only interfaces with an Ethernet address take one. The attach-time address
 * (`hwaddr`) stays as it was; IPv6 addresses derived from the old MAC stay too: the only IPv6
 * handler of the change is nd6_iflladdr(), which refreshes the neighbour cache's own entries
 * (sys/netinet6/nd6.c, F).
 */
export function setLinkAddress(ifnet: Ifnet, mac: string) {
  if (ifnet.kind === 'loopback') fails('EINVAL');
  ifnet.mac = mac;
}

// ---------------------------------------------------------------------------------------------
// IPv6 on an interface: ND6 flags, automatic addresses, DAD. Read at F (fel1x-developer/freebsd-src
// 2d614aa2): sys/netinet6/in6.c, nd6.c, nd6_nbr.c, in6_ifattach.c; docs/freebsd/ifconfig.md (IPv6)
// has the rules with their sources and what is left out. The ND6 flags themselves (ND6_IFF_*,
// nd6Flags()) are kernel/nd6.ts; automatic addresses, DAD and in6_if_up() are kernel/in6.ts.

/**
 * nd6.c nd6_ioctl() SIOCSIFINFO_FLAGS (SIOCSIFINFO_IN6, which ifconfig's nd6 words use through
 * af_inet6.c setnd6flags(), falls through to it):
 * - IFDISABLED 1→0: cleared, and in6_if_up() when the interface is UP (a duplicated link-local
 *   address would keep the flag; the emulator has no DAD failures);
 * - IFDISABLED 0→1: set, and every IPv6 address turns tentative unless NO_DAD;
 * - AUTO_LINKLOCAL 0→1: set, then in6_ifattach() whether the interface is UP or not;
 *   AUTO_LINKLOCAL kept, IFDISABLED not asked for and the interface UP: in6_ifattach() when it has
 *   a link-local address (the source's test; in6_ifattach() itself adds one only when there is none);
 * then the flags become the ones asked for.
 */
export function setNd6Flags(state: HostState, ifnet: Ifnet, requested: number) {
  const before = nd6Flags(ifnet);
  if (before & ND6_IFF_IFDISABLED && !(requested & ND6_IFF_IFDISABLED)) {
    ifnet.nd6 = before & ~ND6_IFF_IFDISABLED;
    if (ifnet.up) in6IfUp(state, ifnet);
  } else if (!(before & ND6_IFF_IFDISABLED) && requested & ND6_IFF_IFDISABLED) {
    ifnet.nd6 = before | ND6_IFF_IFDISABLED;
    // net.inet6.ip6.dad_count is 1 (not modelled otherwise), so only NO_DAD spares the addresses.
    if (!(before & ND6_IFF_NO_DAD)) for (const address of ipv6Addresses(ifnet)) address.tentative = true;
  }
  if (requested & ND6_IFF_AUTO_LINKLOCAL) {
    const now = nd6Flags(ifnet);
    if (!(now & ND6_IFF_AUTO_LINKLOCAL)) {
      ifnet.nd6 = now | ND6_IFF_AUTO_LINKLOCAL;
      in6Ifattach(state, ifnet);
    } else if (!(requested & ND6_IFF_IFDISABLED) && ifnet.up && hasLinkLocal(ifnet)) {
      in6Ifattach(state, ifnet);
    }
  }
  ifnet.nd6 = requested;
}

/**
 * Adds an address (SIOCAIFADDR, SIOCAIFADDR_IN6, or RTM_NEWADDR on 14 and 15, which ends in the same
 * in_control_ioctl()/in6_control_ioctl(): sys/netlink/route/iface.c handle_newaddr_inet*(), F).
 * - IPv4 (in.c in_aifaddr_ioctl()): the same address is deleted first and added again at the end
 *   of the list; the driver's SIOCSIFADDR brings the interface UP.
 * - IPv6 (in6.c in6_addifaddr()): an existing address may not change its prefix length (EINVAL,
 *   in6_validate_ifra()); in6_update_ifa(); then, at label aifaddr_out, "Try to clear the flag when a
 *   new IPv6 address is added onto an IFDISABLED interface and it succeeds": nd6_ioctl
 *   SIOCSIFINFO_FLAGS without IFDISABLED (setNd6Flags, so in6_if_up() when UP).
 * - 14 and 15: if_up() when the address brought the interface UP (afterAddressChange).
 */
export function addAddress(state: HostState, ifnet: Ifnet, address: IfAddress) {
  // FreeBSD 15 refuses addresses on bridge members (net.link.bridge.member_ifaddrs=0, bridge(4)).
  if (state.release === '15' && isBridgeMember(state, ifnet)) fails('EINVAL');
  const wasUp = ifnet.up;
  if (address.family === 4) {
    ifnet.addresses = ifnet.addresses.filter((a) => !(a.family === 4 && a.value === address.value));
    ifnet.addresses.push({ family: 4, value: address.value, prefix: address.prefix });
    driverSetAddress(ifnet);
  } else {
    const existing = ipv6Addresses(ifnet).find((a) => a.value === address.value);
    if (existing && existing.prefix !== address.prefix) fails('EINVAL');
    in6UpdateIfa(ifnet, address.value, address.prefix);
    const flags = nd6Flags(ifnet);
    if (flags & ND6_IFF_IFDISABLED) setNd6Flags(state, ifnet, flags & ~ND6_IFF_IFDISABLED);
  }
  afterAddressChange(state, ifnet, wasUp);
}

/** Deletes one address, or with `address` undefined the first of the family; EADDRNOTAVAIL when there is none. */
export function deleteAddress(ifnet: Ifnet, family: 4 | 6, address?: bigint) {
  const at = ifnet.addresses.findIndex((a) => a.family === family && (address === undefined || a.value === address));
  if (at < 0) fails('EADDRNOTAVAIL');
  ifnet.addresses.splice(at, 1);
}

/** SIOCIFDESTROY: cloned interfaces only; an epair takes its other end along, wherever it is. */
export function destroyInterface(state: HostState, ifnet: Ifnet) {
  if (ifnet.kind === 'physical' || (ifnet.kind === 'loopback' && ifnet.name === 'lo0')) fails('EINVAL');
  detachWithPeer(state, ifnet);
}

/** SIOCSIFVNET: into a jail with a vnet of its own; the name must be free there. */
export function moveToJail(state: HostState, ifnet: Ifnet, jail: Jail) {
  if (jail.vnet === ifnet.vnet) fails('EEXIST');
  if (findInterface(state, jail.vnet, ifnet.name)) fails('EEXIST');
  moveIfnet(state, ifnet, jail.vnet);
}

/** SIOCSIFRVNET: `name` in `jail`'s vnet comes back to `into`; ENXIO when the jail has no such interface. */
export function reclaimFromJail(state: HostState, jail: Jail, name: string, into: number): Ifnet {
  const ifnet = jail.vnet === into ? undefined : findInterface(state, jail.vnet, name);
  if (!ifnet) fails('ENXIO');
  if (findInterface(state, into, name)) fails('EEXIST');
  moveIfnet(state, ifnet, into);
  return ifnet;
}

/**
 * in6.c in6ifa_llaonifp(): a link-local-scope IPv6 address on an interface that is not IFDISABLED.
 * (It also counts interface- and link-local multicast addresses, which the emulator does not hold.)
 */
function hasUsableLinkLocal(ifnet: Ifnet): boolean {
  return !(nd6Flags(ifnet) & ND6_IFF_IFDISABLED) && hasLinkLocal(ifnet);
}

/** in6_ifattach.c in6_ifdetach(): every IPv6 address goes (the ND6 flags stay). */
function in6Ifdetach(ifnet: Ifnet) {
  ifnet.addresses = ifnet.addresses.filter((a) => a.family !== 6);
}

/** BRDGADD (if_bridge.c bridge_ioctl_add). */
export function addBridgeMember(state: HostState, bridge: Ifnet, member: Ifnet | undefined) {
  if (!member) fails('ENOENT');
  if (bridge.members.includes(member.index)) fails('EEXIST');
  if (isBridgeMember(state, member)) fails('EBUSY');
  if (member.kind === 'bridge' || member.kind === 'loopback' || member === bridge) fails('EINVAL');
  if (state.release === '15' && member.addresses.length > 0) {
    // Whether 15's member_ifaddrs check counts the kernel's own link-local address was not read.
    if (member.addresses.every((a) => a.family === 6 && isLinkLocal({ family: 6, value: a.value }))) {
      unsupported('ifconfig', `adding ${member.name}, which has only a link-local IPv6 address, to a bridge on 15`);
    }
    fails('EINVAL');
  }
  // INET6 (F, and an older if_bridge.c in the index): "Two valid inet6 addresses with link-local
  // scope must not be on the parent interface and the member interfaces at the same time": when the
  // bridge has one (and net.link.bridge.allow_llz_overlap is 0), every member with one, the new one
  // included, loses all its IPv6 addresses (in6_ifdetach(); the kernel logs "IPv6 addresses on %s
  // have been removed before adding it as a member to prevent IPv6 address scope violation.").
  const overlapAllowed = state.vnets.get(bridge.vnet)?.sysctls.get('net.link.bridge.allow_llz_overlap');
  if ((overlapAllowed === undefined || overlapAllowed === '0') && hasUsableLinkLocal(bridge)) {
    for (const other of [...bridge.members.map((i) => state.ifnets.get(i)), member])
      if (other && hasUsableLinkLocal(other)) in6Ifdetach(other);
  }
  // bridge_ioctl_add() (13 and F): "Allow the first Ethernet member to define the MTU"; a later member
  // with another MTU is refused (13: EINVAL) or set to the bridge's through its own if_ioctl (F, so 15;
  // 14 as 13, setMtu() says why). docs/freebsd/ifconfig.md §6.5 item 5.
  if (!bridge.members.some((index) => state.ifnets.has(index))) bridge.mtu = member.mtu;
  else if (bridge.mtu !== member.mtu) {
    if (state.release !== '15') fails('EINVAL');
    member.mtu = bridge.mtu;
  }
  bridge.members.push(member.index);
}

/** BRDGDEL. */
export function deleteBridgeMember(bridge: Ifnet, member: Ifnet | undefined) {
  if (!member || !bridge.members.includes(member.index)) fails('ENOENT');
  bridge.members = bridge.members.filter((m) => m !== member.index);
}
