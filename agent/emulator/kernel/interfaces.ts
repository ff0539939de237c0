import { fails } from '../errno';
import { isBridgeMember } from '../ifconfig-format';
import { detachIfnet, moveIfnet } from '../ifnet';
import { findInterface, type HostState, type IfAddress, type Ifnet, type Jail } from '../state';

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

/** SIOCSIFMTU: the generic range, then the driver's own limit (ether_ioctl, epair, bridge). */
export function setMtu(state: HostState, ifnet: Ifnet, mtu: number) {
  if (mtu < IF_MINMTU || mtu > IF_MAXMTU) fails('EINVAL');
  // A bridge member's MTU follows its bridge on the newer if_bridge (EOPNOTSUPP when set directly,
  // read in a post-14.0 main revision; applied for 15 only, docs/freebsd/ifconfig.md).
  if (state.release === '15' && isBridgeMember(state, ifnet) && ifnet.mtu !== mtu) fails('EOPNOTSUPP');
  if (ifnet.kind === 'bridge') {
    // if_bridge.c bridge_ioctl SIOCSIFMTU: every member must take the new MTU, else EINVAL.
    for (const index of ifnet.members) {
      const member = state.ifnets.get(index);
      if (member && member.mtu !== mtu) fails('EINVAL');
    }
  }
  ifnet.mtu = mtu;
}

export function setDescription(ifnet: Ifnet, text: string) {
  if (text.length + 1 > IFDESCR_MAXLEN) fails('ENAMETOOLONG');
  if (text === '') delete ifnet.description;
  else ifnet.description = text;
}

export function setUp(ifnet: Ifnet, up: boolean) {
  ifnet.up = up;
}

/** SIOCSIFLLADDR: only interfaces with an Ethernet address take one. */
export function setLinkAddress(ifnet: Ifnet, mac: string) {
  if (ifnet.kind === 'loopback') fails('EINVAL');
  ifnet.mac = mac;
}

/** Adds an address (SIOCAIFADDR / RTM_NEWADDR). The same address on the same interface is replaced. */
export function addAddress(state: HostState, ifnet: Ifnet, address: IfAddress) {
  // FreeBSD 15 refuses addresses on bridge members (net.link.bridge.member_ifaddrs=0, bridge(4)).
  if (state.release === '15' && isBridgeMember(state, ifnet)) fails('EINVAL');
  const existing = ifnet.addresses.findIndex((a) => a.family === address.family && a.value === address.value);
  if (existing >= 0) ifnet.addresses.splice(existing, 1, address);
  else ifnet.addresses.push(address);
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
  const peer = ifnet.peer === undefined ? undefined : state.ifnets.get(ifnet.peer);
  detachIfnet(state, ifnet);
  if (peer) detachIfnet(state, peer);
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

/** BRDGADD (if_bridge.c bridge_ioctl_add). */
export function addBridgeMember(state: HostState, bridge: Ifnet, member: Ifnet | undefined) {
  if (!member) fails('ENOENT');
  if (bridge.members.includes(member.index)) fails('EEXIST');
  if (isBridgeMember(state, member)) fails('EBUSY');
  if (member.kind === 'bridge' || member.kind === 'loopback' || member === bridge) fails('EINVAL');
  if (state.release === '15' && member.addresses.length > 0) fails('EINVAL');
  const first = bridge.members.map((i) => state.ifnets.get(i)).find(Boolean);
  if (first && first.mtu !== member.mtu) {
    // See docs/freebsd/ifconfig.md (Kernel, bridge MTU) for which releases refuse and which adjust.
    if (state.release !== '15') fails('EINVAL');
    member.mtu = first.mtu;
  }
  bridge.members.push(member.index);
}

/** BRDGDEL. */
export function deleteBridgeMember(bridge: Ifnet, member: Ifnet | undefined) {
  if (!member || !bridge.members.includes(member.index)) fails('ENOENT');
  bridge.members = bridge.members.filter((m) => m !== member.index);
}
