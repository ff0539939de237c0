import { in6IfUp } from './kernel/in6';
import { ND6_IFF_IFDISABLED, nd6Flags } from './kernel/nd6';
import { zeroCounters, type HostState, type Ifnet } from './state';

// How ifnets enter, move between and leave network stacks. One place, so that ifconfig (create,
// destroy, vnet, -vnet), jail(8) (vnet.interface, a vnet torn down) and the host's boot all keep
// the kernel's bookkeeping the same way.
//
// if_index: FreeBSD hands a new ifnet the lowest free slot of the index table (sys/net/if.c
// ifindex_alloc: "Try to find an empty slot below if_index. If we fail, take the next slot."). The
// table is one for the whole host on current FreeBSD (sys/net/if.c at d87a5f2a speaks of the time
// "back when ifindex was virtualized"), so an index is unique across vnets and an ifnet keeps it when
// it moves between them; a destroyed interface's index is handed out again. Details and sources:
// docs/freebsd/ifconfig.md (Kernel). Older kernels had one table per vnet (an ifnet took a new
// index in the vnet it moved to); that is not modelled.

function lowestFreeIndex(state: HostState): number {
  const used = new Set<number>();
  for (const other of state.ifnets.values()) used.add(other.ifindex);
  let index = 1;
  while (used.has(index)) index++;
  return index;
}

export type NewIfnet = Omit<
  Ifnet,
  'index' | 'ifindex' | 'attached' | 'homeVnet' | 'members' | 'counters' | 'addresses' | 'hwaddr'
> &
  Partial<Pick<Ifnet, 'addresses' | 'homeVnet'>>;

/**
 * if_attach: a new ifnet in `fields.vnet`, at the end of that vnet's list.
 *
 * An IFT_ETHER interface (epair, physical NIC) keeps the address it was attached with as its
 * original hardware address: if_attach_internal() allocates if_hw_addr for IFT_ETHER and
 * ether_ifattach() copies the attach-time MAC into it (sys/net/if.c, sys/net/if_ethersubr.c).
 * if_bridge sets IFT_BRIDGE before ether_ifattach() (sys/net/if_bridge.c bridge_clone_create(),
 * F), and lo(4) has no link address, so neither has one.
 *
 * `fields` given `up` or with addresses stand for an interface the host's boot configured
 * (host.ts): its IPv6 addresses were added the kernel's way (so ND6_IFF_IFDISABLED is clear,
 * in6.c in6_addifaddr()) and it came up through if_up() (so in6_if_up() gave it its automatic
 * addresses: lo0's ::1 and fe80::1, kernel/interfaces.ts).
 */
export function attachIfnet(state: HostState, fields: NewIfnet): Ifnet {
  const ether = fields.kind === 'epair' || fields.kind === 'physical';
  const ifnet: Ifnet = {
    addresses: [],
    homeVnet: fields.vnet,
    ...fields,
    ...(ether && fields.mac !== undefined ? { hwaddr: fields.mac } : {}),
    index: state.nextIndex++,
    ifindex: lowestFreeIndex(state),
    attached: state.nextAttach++,
    members: [],
    counters: zeroCounters(),
  };
  state.ifnets.set(ifnet.index, ifnet);
  if (ifnet.addresses.some((a) => a.family === 6)) ifnet.nd6 = nd6Flags(ifnet) & ~ND6_IFF_IFDISABLED;
  if (ifnet.up) in6IfUp(state, ifnet);
  return ifnet;
}

/** Takes `ifnet` off every bridge it is a member of (a member leaving its stack, or destroyed). */
function leaveBridges(state: HostState, ifnet: Ifnet) {
  for (const other of state.ifnets.values())
    if (other.members.includes(ifnet.index)) other.members = other.members.filter((m) => m !== ifnet.index);
}

/**
 * if_vmove: the ifnet leaves its vnet (its bridge membership and addresses go, docs/freebsd.md §1.5)
 * and is attached at the end of `vnet`'s list, keeping its if_index (one table for the host). sys/net/if.c
 * if_vmove() → if_detach_internal(vmove): if_down(), if_purgeaddrs() (every IPv4 and IPv6 address,
 * link-local ones too), in6_ifdetach(), then each domain's dom_ifdetach (in6_domifdetach() frees the
 * ND6 state); if_attach_internal(vmove) → if_attachdomain1() → nd6_ifattach() gives fresh ND6 flags
 * in the new vnet. The link address and if_hw_addr are kept ("preserve LLADDR info"; if_hw_addr is
 * allocated only when not vmove). Nothing brings it up there (F, commit 2d614aa2).
 */
export function moveIfnet(state: HostState, ifnet: Ifnet, vnet: number) {
  leaveBridges(state, ifnet);
  flushInterfaceRoutes(state, ifnet);
  // if_detach_internal(vmove) removes every group; if_clone_restoregroup() rejoins only the cloner's.
  delete ifnet.groups;
  // A bridge that moves loses its members: they stay behind in the old vnet.
  ifnet.members = [];
  ifnet.addresses = [];
  ifnet.up = false;
  delete ifnet.nd6;
  ifnet.vnet = vnet;
  // ifindex is kept: the index table is one for the host (see the top of this file).
  ifnet.attached = state.nextAttach++;
}

/**
 * Routes whose nexthop is the interface go with it when it leaves its vnet: if_detach_internal()
 * flushes the interface's routes (rt_flushifroutes(), docs/freebsd/ifconfig.md §6.3 "routes"). Only
 * interface routes (`route add -iface`) are modelled here; routes through a gateway address stay, as
 * before.
 */
function flushInterfaceRoutes(state: HostState, ifnet: Ifnet) {
  const vnet = state.vnets.get(ifnet.vnet);
  if (vnet) vnet.routes = vnet.routes.filter((r) => r.ifnet !== ifnet.index);
}

/** if_detach: the ifnet is gone; its index is free again. */
export function detachIfnet(state: HostState, ifnet: Ifnet) {
  leaveBridges(state, ifnet);
  flushInterfaceRoutes(state, ifnet);
  state.ifnets.delete(ifnet.index);
}

/** if_detach of `ifnet` and, for an epair end, of its other end wherever that is: the pair goes together. */
export function detachWithPeer(state: HostState, ifnet: Ifnet) {
  const peer = ifnet.peer === undefined ? undefined : state.ifnets.get(ifnet.peer);
  detachIfnet(state, ifnet);
  if (peer) detachIfnet(state, peer);
}
