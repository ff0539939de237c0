import { isLinkLocal } from '../../../core/net/ip';
import { unsupported } from '../commands/output';
import { isBridgeMember, type HostState, type IfAddress, type Ifnet } from '../state';
import { ND6_IFF_AUTO_LINKLOCAL, ND6_IFF_IFDISABLED, ND6_IFF_NO_DAD, nd6Flags } from './nd6';

// IPv6 attachment (automatic addresses, DAD, in6_if_up()), apart from interfaces.ts because moving
// an interface between vnets (ifnet.ts) runs in6_if_up() again, and interfaces.ts moves interfaces.
// Read at F (fel1x-developer/freebsd-src 2d614aa2): sys/netinet6/in6.c, nd6_nbr.c, in6_ifattach.c;
// docs/freebsd/ifconfig.md (IPv6) has the rules with their sources and what is left out.

const IN6ADDR_LOOPBACK = 1n;
const LINK_LOCAL_PREFIX = 0xfe80n << 112n;

export function ipv6Addresses(ifnet: Ifnet): IfAddress[] {
  return ifnet.addresses.filter((a) => a.family === 6);
}

export function hasLinkLocal(ifnet: Ifnet): boolean {
  return ipv6Addresses(ifnet).some((a) => isLinkLocal({ family: 6, value: a.value }));
}

/**
 * The driver's SIOCSIFADDR, called by in_aifaddr_ioctl() for every IPv4 address (sys/netinet/in.c,
 * F) and by in6_notify_ifa() for an interface's first IPv6 address or an update of one (in6.c):
 * ether_ioctl() (sys/net/if_ethersubr.c; epair_ioctl() and bridge_ioctl() hand it on) and loioctl()
 * (sys/net/if_loop.c) set IFF_UP. Only the flag: no if_up(), so no in6_if_up(). The physical NICs'
 * drivers were not read; they are taken to do what ether_ioctl() does.
 */
export function driverSetAddress(ifnet: Ifnet) {
  ifnet.up = true;
}

/**
 * rtnl_handle_addr() (sys/netlink/route/iface.c, F): when an address change over netlink brought the
 * interface UP, if_up() follows (so in6_if_up()). 14 and 15's ifconfig adds addresses over netlink
 * (af_inet.c/af_inet6.c in_exec_nl()/in6_exec_nl()); 13's over ioctl, where nothing calls if_up().
 */
export function afterAddressChange(state: HostState, ifnet: Ifnet, wasUp: boolean) {
  if (state.release !== '13' && !wasUp && ifnet.up) in6IfUp(state, ifnet);
}

/** in6.c in6if_do_dad(): no DAD on loopback, non-multicast, IFDISABLED or NO_DAD interfaces. */
function in6ifDoDad(ifnet: Ifnet): boolean {
  return ifnet.kind !== 'loopback' && (nd6Flags(ifnet) & (ND6_IFF_IFDISABLED | ND6_IFF_NO_DAD)) === 0;
}

/**
 * nd6_nbr.c nd6_dad_start(): with NO_DAD the address stops being tentative at once; while the
 * interface is not UP and RUNNING, or is IFDISABLED, DAD does not start and the address stays
 * tentative (in6_if_up() starts it later). Otherwise DAD runs, and the emulator, which has no time
 * and no other nodes, takes it as finished without a duplicate: the tentative flag goes. An UP
 * interface is always RUNNING in the emulator (ifconfig-format.ts interfaceFlags(): epairs and
 * physical NICs run from the start, loopback and bridge interfaces once up), so UP is the test.
 */
function dadStart(ifnet: Ifnet, address: IfAddress) {
  const flags = nd6Flags(ifnet);
  if (flags & ND6_IFF_NO_DAD) {
    delete address.tentative;
    return;
  }
  if (!ifnet.up || flags & ND6_IFF_IFDISABLED) return;
  delete address.tentative;
}

/**
 * in6.c in6_update_ifa(): the address is added at the end of the interface's list, or updated in
 * place; its flags are set anew (in6_update_ifa_internal(): TENTATIVE when in6if_do_dad() and the
 * address is new); the first IPv6 address (or an update) calls the driver's SIOCSIFADDR
 * (in6_notify_ifa()); a new tentative address starts DAD (in6_broadcast_ifa()).
 */
export function in6UpdateIfa(ifnet: Ifnet, value: bigint, prefix: number): IfAddress {
  let address = ipv6Addresses(ifnet).find((a) => a.value === value);
  const hostIsNew = address === undefined;
  if (address === undefined) {
    address = { family: 6, value, prefix };
    ifnet.addresses.push(address);
  }
  if (in6ifDoDad(ifnet) && (hostIsNew || nd6Flags(ifnet) & ND6_IFF_IFDISABLED)) address.tentative = true;
  else delete address.tentative;
  if (!hostIsNew || ipv6Addresses(ifnet).length <= 1) driverSetAddress(ifnet);
  if (hostIsNew && address.tentative) dadStart(ifnet, address);
  return address;
}

/**
 * in6_ifattach_linklocal() → get_ifid() → in6_get_hw_ifid() (in6_ifattach.c): fe80::1 on a loopback
 * interface; otherwise fe80::/64 with the EUI-64 of the link address (IFT_ETHER and IFT_BRIDGE, 6
 * bytes: ff:fe in the middle, then the universal/local bit of the first byte flipped). A link
 * address that is all zeros, all ones or a group address gives no identifier; get_ifid() then
 * borrows another interface's or hashes the hostname: not modelled, refused.
 */
function linkLocalAddress(ifnet: Ifnet): bigint {
  if (ifnet.kind === 'loopback') return LINK_LOCAL_PREFIX | 1n;
  const bytes = (ifnet.mac ?? '').split(':').map((b) => Number.parseInt(b, 16));
  const usable =
    bytes.length === 6 && !bytes.every((b) => b === 0) && !bytes.every((b) => b === 0xff) && (bytes[0]! & 0x01) === 0;
  if (!usable) {
    unsupported(
      'ifconfig',
      `the automatic link-local address of ${ifnet.name}: its link address ${ifnet.mac ?? '(none)'} gives no EUI-64 (in6_get_hw_ifid()), and get_ifid()'s fallbacks are not modelled`,
    );
  }
  const eui64 = [bytes[0]! ^ 0x02, bytes[1]!, bytes[2]!, 0xff, 0xfe, bytes[3]!, bytes[4]!, bytes[5]!];
  return LINK_LOCAL_PREFIX | eui64.reduce((id, b) => (id << 8n) | BigInt(b), 0n);
}

/**
 * in6_ifattach.c in6_ifattach(): a loopback interface gets ::1/128 unless an interface of its vnet
 * has it; then, unless IFDISABLED and only with AUTO_LINKLOCAL, an interface without a link-local
 * address gets one (/64; in6_ifattach_linklocal() also makes fe80::%if/64 an on-link prefix, which
 * the routing table shows: netstat-format.ts).
 */
export function in6Ifattach(state: HostState, ifnet: Ifnet) {
  if (ifnet.kind === 'loopback') {
    const taken = [...state.ifnets.values()].some(
      (i) => i.vnet === ifnet.vnet && ipv6Addresses(i).some((a) => a.value === IN6ADDR_LOOPBACK),
    );
    if (!taken) in6UpdateIfa(ifnet, IN6ADDR_LOOPBACK, 128);
  }
  const flags = nd6Flags(ifnet);
  if (flags & ND6_IFF_IFDISABLED || !(flags & ND6_IFF_AUTO_LINKLOCAL) || hasLinkLocal(ifnet)) return;
  // Whether 15's member_ifaddrs rule (addresses refused on bridge members) covers this kernel-made
  // address was not read.
  if (state.release === '15' && isBridgeMember(state, ifnet))
    unsupported('ifconfig', `an automatic link-local address on ${ifnet.name}, a bridge member on 15`);
  in6UpdateIfa(ifnet, linkLocalAddress(ifnet), 64);
}

/** in6.c in6_if_up(): DAD for the tentative addresses, then in6_ifattach(). */
export function in6IfUp(state: HostState, ifnet: Ifnet) {
  for (const address of ipv6Addresses(ifnet)) if (address.tentative) dadStart(ifnet, address);
  in6Ifattach(state, ifnet);
}
