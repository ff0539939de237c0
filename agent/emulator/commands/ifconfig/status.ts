import { headLines, inet6Line, linkLines, nd6Line } from '../../ifconfig-format';
import type { Ifnet } from '../../state';
import { unsupported, type CommandContext } from '../output';
import type { AddressFamilyName } from './addresses';

// `ifconfig <if> <af>`: the status of one interface limited to one address family. The netlink
// ifconfig of 14 (fel1x-developer/freebsd-src 2d614aa2; docs/freebsd/ifconfig.md):
// - main() takes the word after the name as the family (af_getbyname) and, with no word left,
//   lists the interface: list_interfaces_nl() → match_iface() → status_nl()
//   (sbin/ifconfig/ifconfig_netlink.c).
// - match_iface(): with a family given, the interface is printed only if it has something of it:
//   for "ether" a link address that match_ether() takes (Ethernet or bridge type, 6 bytes); for the
//   other AF_LINK names ("link", "lladdr") any link address; otherwise at least one address of the
//   family. An interface that does not match prints nothing (exit status 0). The kernel sends no
//   link address (IFLA_ADDRESS) for an interface whose address length is 0, such as lo(4)
//   (sys/netlink/route/iface.c dump_iface(): `if (if_getaddrlen(ifp) != 0)`), so `ifconfig lo0
//   ether` prints nothing.
// - status_nl(): the "<name>: flags=… metric 0 mtu N" line, "\tdescription: …", print_ifcaps()
//   ("\toptions=…"), tunnel_status(); the link-level status (af_link.c link_status_nl()) only for
//   all families or an AF_LINK family; then only the addresses of the family (its af_status);
//   then only that family's af_other_status (af_other_status() of every module — media, groups,
//   bridge — is called only when all families are listed); then print_ifstatus().
// - af_link.c link_status_nl(): print_lladdr() → "\tether <mac>" (match_ether) or "\tlladdr …";
//   "\thwaddr <mac>" when the kernel reports an original hardware address that differs from the
//   current one; print_pcp() for IFT_ETHER ("\tpcp N" only when a PCP is set). af_link has no
//   af_other_status. The lines are the full listing's (ifconfig-format.ts linkLines()).
// - af_inet6.c in6_status_nl(): "\tinet6 <addr>" printed with getnameinfo(NI_NUMERICHOST), so a
//   link-local address carries "%<ifname>" (sbin/ifconfig/tests/inet6.sh delete6 expects
//   "fe80::42%${ep}a" from `ifconfig ${ep}a inet6`; the 14.x fixture
//   ifconfig-host-bridge-epairs-14x-subnetspider.txt has "inet6 fe80::1%lo0 prefixlen 64 scopeid
//   0x2"), then " prefixlen N", the address flags, " scopeid 0x<ifindex>" when the scope id is set,
//   lifetimes only when not infinite (a manually added address has infinite ones); af_inet6's
//   af_other_status is nd6_status ("\tnd6 options=…"). The lines are the full listing's
//   (ifconfig-format.ts inet6Line()).
// The header, description, options and nd6 lines are the emulator's full listing's own
// (ifconfig-format.ts headLines() and nd6Line()), with its approximations: no pcp line, no
// print_ifstatus() text. Refused: 13 (its status() was not read) and inet (not needed yet).

export function familyStatus(ctx: CommandContext, ifnet: Ifnet, family: AddressFamilyName, word: string): string {
  const { state } = ctx;
  if (state.release === '13')
    unsupported('ifconfig', `status limited to address family ${word} on 13 (its status() was not read)`);
  if (family === 'inet') unsupported('ifconfig', 'status limited to address family inet');
  const head = headLines(state, ifnet);
  if (family === 'link') {
    const link = linkLines(ifnet);
    if (link.length === 0) return '';
    return `${[...head, ...link].join('\n')}\n`;
  }
  const addresses = ifnet.addresses.filter((a) => a.family === 6);
  if (addresses.length === 0) return '';
  return `${[...head, ...addresses.map((a) => inet6Line(ifnet, a)), nd6Line(ifnet)].join('\n')}\n`;
}
