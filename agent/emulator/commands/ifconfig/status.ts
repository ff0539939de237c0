import { formatIPv6, isLinkLocal } from '../../../../core/net/ip';
import { formatInterface } from '../../ifconfig-format';
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
//   family. An interface that does not match prints nothing (exit status 0).
// - status_nl(): the "<name>: flags=… metric 0 mtu N" line, "\tdescription: …", print_ifcaps()
//   ("\toptions=…"), tunnel_status(); the link-level status (af_link.c link_status_nl()) only for
//   all families or an AF_LINK family; then only the addresses of the family (its af_status);
//   then only that family's af_other_status (af_other_status() of every module — media, groups,
//   bridge — is called only when all families are listed); then print_ifstatus().
// - af_link.c link_status_nl(): print_lladdr() → "\tether <mac>" (match_ether) or "\tlladdr …";
//   "\thwaddr <mac>" when the kernel reports an original hardware address that differs from the
//   current one; print_pcp() for IFT_ETHER ("\tpcp N" only when a PCP is set). af_link has no
//   af_other_status.
// - af_inet6.c in6_status_nl(): "\tinet6 <addr>" printed with getnameinfo(NI_NUMERICHOST), so a
//   link-local address carries "%<ifname>" (sbin/ifconfig/tests/inet6.sh delete6 expects
//   "fe80::42%${ep}a" from `ifconfig ${ep}a inet6`; the 14.x fixture
//   ifconfig-host-bridge-epairs-14x-subnetspider.txt has "inet6 fe80::1%lo0 prefixlen 64 scopeid
//   0x2"), then " prefixlen N", the address flags, " scopeid 0x<ifindex>" when the scope id is set,
//   lifetimes only when not infinite (a manually added address has infinite ones); af_inet6's
//   af_other_status is nd6_status ("\tnd6 options=…").
// The header, description, options and nd6 lines are the emulator's full listing's own
// (ifconfig-format.ts), with its approximations: no address flags (tentative), no automatic
// link-local address, no pcp line, no print_ifstatus() text. Refused: 13 (its status() was not
// read), inet (not needed yet), loopback (its automatic addresses and link address are modelled
// only in the full listing), and the link status of an interface whose MAC was changed (the
// hwaddr line depends on what the kernel reports as the original address; not modelled).

/**
 * Interfaces whose link-level address ifconfig changed, with the address they had before. Kept
 * beside the host state (HostState has no field for it), keyed by the Ifnet object: a copy of the
 * state would lose it, and the link status would then be printed without the refusal.
 */
const originalMac = new WeakMap<Ifnet, string | undefined>();

/** Called before `ifconfig <if> ether <mac>` changes the address (parameters.ts). */
export function noteLinkAddressChange(ifnet: Ifnet) {
  if (!originalMac.has(ifnet)) originalMac.set(ifnet, ifnet.mac);
}

/** The full listing's lines up to the link address: header, description, options (status_nl order). */
function headLines(full: string[]): string[] {
  const head = [full[0]!];
  for (const line of full.slice(1)) {
    if (!line.startsWith('\tdescription: ') && !line.startsWith('\toptions=')) break;
    head.push(line);
  }
  return head;
}

function inet6Line(ifnet: Ifnet, value: bigint, prefix: number): string {
  if (!isLinkLocal({ family: 6, value })) return `\tinet6 ${formatIPv6(value)} prefixlen ${prefix}`;
  return `\tinet6 ${formatIPv6(value)}%${ifnet.name} prefixlen ${prefix} scopeid 0x${ifnet.ifindex.toString(16)}`;
}

export function familyStatus(ctx: CommandContext, ifnet: Ifnet, family: AddressFamilyName, word: string): string {
  const { state } = ctx;
  if (state.release === '13') unsupported('ifconfig', `status limited to address family ${word} on 13 (its status() was not read)`);
  if (family === 'inet') unsupported('ifconfig', 'status limited to address family inet');
  if (ifnet.kind === 'loopback') unsupported('ifconfig', `status of ${ifnet.name} limited to address family ${word}`);
  const full = formatInterface(state, ifnet).replace(/\n$/, '').split('\n');
  const head = headLines(full);
  if (family === 'link') {
    if (ifnet.mac === undefined) return '';
    if (originalMac.has(ifnet) && originalMac.get(ifnet) !== ifnet.mac) {
      unsupported('ifconfig', `link status of ${ifnet.name} after its address was changed (the hwaddr line is not modelled)`);
    }
    return `${[...head, `\tether ${ifnet.mac}`].join('\n')}\n`;
  }
  const addresses = ifnet.addresses.filter((a) => a.family === 6);
  if (addresses.length === 0) return '';
  const nd6 = full.filter((line) => line.startsWith('\tnd6 options='));
  return `${[...head, ...addresses.map((a) => inet6Line(ifnet, a.value, a.prefix)), ...nd6].join('\n')}\n`;
}
