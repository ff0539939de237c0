import {
  familyOf,
  isLinkLocalAddr,
  maskAddr,
  network,
  parseAddr,
  parsePrefix,
  type Addr,
  type Prefix,
} from '../net/addr';
import { ipv4, mask4, network4, prefix4, type Prefix4 } from '../net/ipv4';
import type { PfContext } from '../pf/evaluate';
import type { PfRuleset } from '../pf/ruleset';
import type { Interface, Stack, Topology } from '../topology/schema';
import { effectivePf, type PatchbayAnchors } from './effective-pf';
import { attachSharedJails, type SharedStackFields } from './shared-jails';
import { internetProbes, lanSample6 } from './probe-addresses';

// The topology as the audit walks it: interfaces linked to their epair peer and bridge, each
// stack with its routing table (connected, static, default), its forwarding switch, its pf and its
// bridge pfil sysctls, and the LAN and internet beyond the physical NICs. Addresses of both
// families are carried (core/net/addr.ts: IPv4 a number, IPv6 a bigint); each stack has one route
// index per family, since a lookup never crosses families.

export interface AuditInterface {
  id: string;
  name: string;
  kind: Interface['kind'];
  stack: AuditStack;
  up: boolean;
  /** Both families, in the order written. */
  addresses: Prefix[];
  peer?: AuditInterface;
  /** The bridge this interface is a member of. */
  bridge?: AuditInterface;
  members: AuditInterface[];
  /** User-defined groups (`ifconfig IF group NAME`), in the order written; absent when none. */
  groups?: readonly string[] | undefined;
  /** The LAN a physical NIC is plugged into. */
  lan?: AuditLan;
}

export interface AuditRoute {
  net: Addr;
  bits: number;
  kind: 'connected' | 'static' | 'default';
  /** Connected routes: the interface; gateway routes: resolved through the connected route to the gateway. */
  iface?: AuditInterface | undefined;
  gateway?: Addr | undefined;
  /**
   * fe80::/64 on one interface: link-local routes exist once per link (RFC 4291 2.5.6), so they are
   * looked up by the zone (`fe80::1%epair0b`), never by longest prefix.
   */
  scoped?: true | undefined;
  /** A host route to an address on a loopback: looked up after the index (see lookupRoute). */
  viaLoopback?: true | undefined;
}

/** Routes by prefix length (longest first), then by network (IPv6: by key6, below). */
export type RouteIndex = [number, Map<Addr, AuditRoute>][];

export interface AuditStack extends SharedStackFields<AuditStack> {
  id: string;
  kind: 'host' | 'jail';
  /** Jail name or host name, for explanations. */
  label: string;
  index: number;
  interfaces: AuditInterface[];
  forwarding: boolean;
  /** net.inet6.ip6.forwarding */
  forwarding6: boolean;
  routes: AuditRoute[];
  /** IPv4 routes by prefix length (longest first), then by network. */
  routeIndex: RouteIndex;
  /** The same for IPv6. */
  routeIndex6: RouteIndex;
  /** The stack's own addresses, both families, loopback ones included. */
  local: Set<Addr>;
  /**
   * The interface a packet to one of the stack's own addresses goes over: lo0 (or the loopback
   * clone that carries the address, see `loopbackFor`). A design without lo0 gets one that is not
   * drawn: every vnet has lo0 (if_loop.c vnet_loif_init).
   */
  loopback: AuditInterface;
  /** Set when an IPv4 address outside 127/8 sits on a loopback (Bastille's lo1): lookups check those first. */
  loopbackAliases: true | undefined;
  pf?: { ruleset: PfRuleset; ctx: PfContext };
  bridgeFilter: { member: boolean; bridge: boolean };
}

export interface AuditLan {
  id: string;
  name: string;
  net: Prefix4;
  gateway?: number;
  /** Whether the LAN's gateway leads to the internet (an internet segment is `via` it). */
  internet: boolean;
  /** A LAN host that is nothing in the model: the address "the LAN" is probed at. */
  sample: number;
  /** The LAN's IPv6 prefix (the segment's cidr6), when it has one. */
  net6?: Prefix;
  /** A free IPv6 address in net6: where "the LAN" is probed for IPv6. */
  sample6?: bigint;
  /**
   * The LAN's IPv6 router(s): the segment's gateway when it is IPv6, and every IPv6 gateway a
   * stack's route reaches through a NIC on this LAN (a router advertises itself; the design
   * only says which address the stacks use).
   */
  routers6: Set<bigint>;
  /** The NICs plugged into it. */
  nics: AuditInterface[];
}

export interface AuditNetwork {
  topology: Topology;
  stacks: AuditStack[];
  stackById: Map<string, AuditStack>;
  interfaceById: Map<string, AuditInterface>;
  lans: AuditLan[];
  /** The address "the internet" is probed at: outside every segment, route and address of the design (probes.ts). */
  internetSample: number;
  /** The same for IPv6. */
  internetSample6: bigint;
  hasInternet: boolean;
  /** An internet segment sits behind a LAN with an IPv6 prefix. */
  hasInternet6: boolean;
  /** topology.target.freebsd: some kernel rules differ per release (bridge members' own addresses). */
  release: '13' | '14' | '15';
  /** Things the audit could not take into account, in words. */
  notes: string[];
}

/**
 * The LAN a packet leaving by `iface` is on: the NIC's own, or the one behind the NIC that is a
 * member of the bridge `iface`.
 */
function lanBehind(iface: AuditInterface): AuditLan | undefined {
  return iface.lan ?? iface.members.find((m) => m.lan)?.lan;
}

function prefixes(iface: Interface): Prefix[] {
  return iface.addresses.flatMap((text) => {
    const p = parsePrefix(text);
    return p ? [p] : [];
  });
}

/** The highest host address of the LAN that no interface or gateway in the model has. */
function lanSample(net: Prefix4, taken: ReadonlySet<Addr>): number {
  const base = network4(net);
  const size = net.bits >= 31 ? 1 : 2 ** (32 - net.bits) - 2;
  for (let offset = size; offset >= 1; offset--) {
    const candidate = (base + offset) >>> 0;
    if (!taken.has(candidate)) return candidate;
  }
  return base;
}

const LINK_LOCAL_NET = 0xfe80n << 112n;

/** Every route has the same fields in the same order: the walk reads them millions of times. */
function makeRoute(
  net: Addr,
  bits: number,
  kind: AuditRoute['kind'],
  iface: AuditInterface | undefined,
  gateway: Addr | undefined,
  flag?: 'scoped' | 'viaLoopback',
): AuditRoute {
  return {
    net,
    bits,
    kind,
    iface,
    gateway,
    scoped: flag === 'scoped' ? true : undefined,
    viaLoopback: flag === 'viaLoopback' ? true : undefined,
  };
}

function routeTable(stack: Stack, audit: AuditStack): AuditRoute[] {
  const routes: AuditRoute[] = [];
  for (const iface of audit.interfaces) {
    if (!iface.up) continue;
    for (const p of iface.addresses) {
      // An address on a loopback is reached through a host route via that loopback (route(8) shows
      // `127.0.0.1 link#N UH lo0`; Bastille's `10.17.89.1 ... lo1`): no network behind it.
      if (iface.kind === 'loopback')
        routes.push(
          makeRoute(p.address, familyOf(p.address) === 4 ? 32 : 128, 'connected', iface, undefined, 'viaLoopback'),
        );
      else if (isLinkLocalAddr(p.address))
        routes.push(makeRoute(LINK_LOCAL_NET, 64, 'connected', iface, undefined, 'scoped'));
      else routes.push(makeRoute(network(p), p.bits, 'connected', iface, undefined));
    }
  }
  const connected = (gateway: Addr, zone: string | undefined): AuditRoute | undefined =>
    isLinkLocalAddr(gateway)
      ? routes.find((r) => r.scoped && r.iface?.name === zone)
      : routes.find(
          (r) => r.kind === 'connected' && !r.scoped && !r.viaLoopback && maskAddr(gateway, r.bits) === r.net,
        );
  const viaGateway = (net: Addr, bits: number, kind: 'static' | 'default', text: string): void => {
    const gateway = parseAddr(text);
    if (!gateway || familyOf(gateway.address) !== familyOf(net)) return;
    routes.push(makeRoute(net, bits, kind, connected(gateway.address, gateway.zone)?.iface, gateway.address));
  };
  for (const route of stack.staticRoutes) {
    const dest = parsePrefix(route.destination);
    if (!dest) continue;
    if (route.gateway !== undefined) viaGateway(network(dest), dest.bits, 'static', route.gateway);
    else if (route.interface !== undefined) {
      // route(8) `-iface IF`: the destination is directly reachable on IF, no gateway, so the next
      // hop is the destination itself (the walk's nexthop falls back to it). An interface that is
      // not in this stack or is down gives a route with no interface: "on none of its networks".
      const iface = audit.interfaces.find((i) => i.id === route.interface && i.up);
      routes.push(makeRoute(network(dest), dest.bits, 'static', iface, undefined));
    }
  }
  if (stack.defaultGateway.ipv4) viaGateway(0, 0, 'default', stack.defaultGateway.ipv4);
  if (stack.defaultGateway.ipv6) viaGateway(0n, 0, 'default', stack.defaultGateway.ipv6);
  // Longest prefix first; among equals, connected before static (the kernel refuses duplicates anyway).
  return routes.sort((a, b) => b.bits - a.bits || (a.kind === 'connected' ? -1 : 1));
}

/**
 * Longest prefix match: one hash lookup per distinct prefix length, longest first, in the address's
 * family. A link-local address has a route only with its zone: the interface named after `%`.
 */
export function lookupRoute(stack: AuditStack, address: Addr, zone?: string): AuditRoute | undefined {
  if (typeof address === 'number') {
    if (stack.loopbackAliases !== undefined || address >>> 24 === 127) {
      const route = loopbackRoute(stack, address);
      if (route) return route;
    }
    for (const [bits, byNet] of stack.routeIndex) {
      const route = byNet.get((address & mask4(bits)) >>> 0);
      if (route) return route;
    }
    return undefined;
  }
  if (isLinkLocalAddr(address))
    return zone === undefined ? undefined : stack.routes.find((r) => r.scoped && r.iface?.name === zone);
  const route = loopbackRoute(stack, address);
  if (route) return route;
  for (const [bits, byNet] of stack.routeIndex6) {
    const route = byNet.get(key6(address, bits));
    if (route) return route;
  }
  return undefined;
}

/**
 * Host routes via a loopback are the longest prefixes there are, but only the stack's own loopback
 * addresses match them: they are kept out of the index (one more miss on every IPv4 lookup measured
 * twice as slow) and asked first only for 127/8, ::1 and stacks with aliases on a loopback.
 */
function loopbackRoute(stack: AuditStack, address: Addr): AuditRoute | undefined {
  return stack.local.has(address) ? stack.routes.find((r) => r.viaLoopback && r.net === address) : undefined;
}

/**
 * An IPv6 route's key: its network shifted down to the prefix. V8 hashes a bigint by its lowest
 * 64-bit digit only, and every /64 network's is 0: the host's 100 bridge networks shared one hash
 * chain. Shifted, the lowest digit is the network's own bits.
 */
function key6(address: bigint, bits: number): bigint {
  return bits === 0 ? 0n : address >> SHIFTS6[bits]!;
}

const SHIFTS6 = Array.from({ length: 129 }, (_, bits) => BigInt(128 - bits));

function indexRoutes(routes: AuditRoute[], family: 4 | 6): RouteIndex {
  const index = new Map<number, Map<Addr, AuditRoute>>();
  for (const route of routes) {
    if (familyOf(route.net) !== family || route.scoped || route.viaLoopback) continue;
    const byNet = index.get(route.bits) ?? new Map<Addr, AuditRoute>();
    const key = typeof route.net === 'bigint' ? key6(route.net, route.bits) : route.net;
    if (!byNet.has(key)) byNet.set(key, route);
    index.set(route.bits, byNet);
  }
  return [...index].sort(([a], [b]) => b - a);
}

function setRoutes(audit: AuditStack, stack: Stack): void {
  audit.routes = routeTable(stack, audit);
  const aliases = audit.routes.some((r) => r.viaLoopback && typeof r.net === 'number' && r.net >>> 24 !== 127);
  audit.loopbackAliases = aliases ? true : undefined;
  audit.routeIndex = indexRoutes(audit.routes, 4);
  audit.routeIndex6 = indexRoutes(audit.routes, 6);
}

/**
 * The stack's own addresses: every address of its interfaces, and those of an up loopback (127.0.0.1,
 * ::1, Bastille's aliases on lo1), which are local and reached over that loopback.
 */
function localAddresses(interfaces: readonly AuditInterface[]): Set<Addr> {
  const local = new Set<Addr>();
  for (const iface of interfaces)
    if (iface.kind !== 'loopback' || iface.up) for (const p of iface.addresses) local.add(p.address);
  return local;
}

function loopbackOf(stack: AuditStack): AuditInterface {
  const drawn = stack.interfaces.find((i) => i.kind === 'loopback' && i.name === 'lo0');
  return drawn ?? { id: `${stack.id}:lo0`, name: 'lo0', kind: 'loopback', stack, up: true, addresses: [], members: [] };
}

/**
 * The loopback a packet to the stack's own address `dst` goes over: the loopback that carries it,
 * else lo0. FreeBSD installs a host route via the loopback for every local address
 * (in.c/in6.c ifa_maintain_loopback_route: `UHS lo0`), and an address on a loopback clone is routed
 * via that clone.
 */
export function loopbackFor(stack: AuditStack, dst: Addr): AuditInterface {
  return (
    stack.interfaces.find((i) => i.kind === 'loopback' && i.up && i.addresses.some((p) => p.address === dst)) ??
    stack.loopback
  );
}

function groupsOf(iface: AuditInterface, stack: AuditStack): string[] {
  // FreeBSD puts every interface in group "all" and cloned ones in their cloner's group; "egress"
  // holds the interfaces the default route leaves through (pf.conf(5), ifconfig(8) `group`).
  const groups = ['all'];
  if (iface.kind === 'epair') groups.push('epair');
  if (iface.kind === 'bridge') groups.push('bridge');
  if (iface.kind === 'loopback') groups.push('lo');
  if (stack.routes.some((r) => r.kind === 'default' && r.iface === iface)) groups.push('egress');
  // The admin's own groups (`ifconfig IF group NAME`, if_addgroup() in sys/net/if.c): pf's `on NAME`
  // matches every member (pfi_kif_match() in sys/netpfil/pf/pf_if.c).
  if (iface.groups) for (const g of iface.groups) if (!groups.includes(g)) groups.push(g);
  return groups;
}

/**
 * Swaps one plain jail (no pf of its own, no bridge inside, not forwarding) for its edited version
 * in place: its interfaces, routes and links to its epair peers. Returns false, changing nothing,
 * when the jail is not that simple, or the edit reaches beyond it (a new peer, a new stack).
 */
export function replacePlainJail(net: AuditNetwork, stack: Stack): boolean {
  const old = net.stackById.get(stack.id);
  if (
    !old ||
    old.kind !== 'jail' ||
    stack.kind !== 'jail' ||
    // A shared-IP jail's addresses change its parent stack's too (shared-jails.ts): audit afresh.
    old.shares !== undefined ||
    stack.sharedIp !== undefined ||
    stack.pf ||
    stack.forwarding.ipv4 ||
    stack.forwarding.ipv6 ||
    old.forwarding ||
    old.forwarding6 ||
    old.pf
  )
    return false;
  if (stack.interfaces.some((i) => i.kind === 'bridge' || i.kind === 'physical') || stack.staticRoutes.length)
    return false;
  const peers = stack.interfaces.flatMap((i) => (i.kind === 'epair' ? [i.peer] : []));
  if (peers.some((peer) => !net.interfaceById.has(peer) || net.interfaceById.get(peer)!.stack === old)) return false;
  const fresh: AuditInterface[] = stack.interfaces.map((iface) => ({
    id: iface.id,
    name: iface.name,
    kind: iface.kind,
    stack: old,
    up: iface.up,
    addresses: prefixes(iface),
    members: [],
    groups: iface.groups,
  }));
  for (const iface of old.interfaces) net.interfaceById.delete(iface.id);
  old.interfaces = fresh;
  old.local = localAddresses(fresh);
  old.loopback = loopbackOf(old);
  for (const [i, iface] of stack.interfaces.entries()) {
    const node = fresh[i]!;
    net.interfaceById.set(node.id, node);
    if (iface.kind === 'epair') {
      const peer = net.interfaceById.get(iface.peer)!;
      node.peer = peer;
      peer.peer = node;
    }
  }
  setRoutes(old, stack);
  net.topology = { ...net.topology, stacks: net.topology.stacks.map((s) => (s.id === stack.id ? stack : s)) };
  return true;
}

export function buildNetwork(topology: Topology, patchbay: PatchbayAnchors = 'from-design'): AuditNetwork {
  const notes: string[] = [];
  const stacks: AuditStack[] = [];
  const interfaceById = new Map<string, AuditInterface>();
  const sourceOf = new Map<AuditStack, Stack>();
  for (const [index, stack] of topology.stacks.entries()) {
    const audit: AuditStack = {
      id: stack.id,
      kind: stack.kind,
      label: stack.kind === 'host' ? stack.hostname : stack.name,
      index,
      interfaces: [],
      forwarding: stack.forwarding.ipv4,
      forwarding6: stack.forwarding.ipv6,
      routes: [],
      routeIndex: [],
      routeIndex6: [],
      local: new Set(),
      loopback: undefined!,
      loopbackAliases: undefined,
      bridgeFilter: stack.bridgeFilter ?? { member: true, bridge: true },
    };
    for (const iface of stack.interfaces) {
      const node: AuditInterface = {
        id: iface.id,
        name: iface.name,
        kind: iface.kind,
        stack: audit,
        up: iface.up,
        addresses: prefixes(iface),
        members: [],
        groups: iface.groups,
      };
      audit.interfaces.push(node);
      interfaceById.set(iface.id, node);
    }
    audit.local = localAddresses(audit.interfaces);
    audit.loopback = loopbackOf(audit);
    stacks.push(audit);
    sourceOf.set(audit, stack);
  }
  for (const stack of topology.stacks) {
    for (const iface of stack.interfaces) {
      const node = interfaceById.get(iface.id)!;
      if (iface.kind === 'epair') node.peer = interfaceById.get(iface.peer);
      if (iface.kind === 'bridge') {
        for (const memberId of iface.members) {
          const member = interfaceById.get(memberId);
          if (!member) continue;
          member.bridge = node;
          node.members.push(member);
        }
      }
    }
  }
  const taken = new Set<Addr>(stacks.flatMap((s) => [...s.local]));
  const lans: AuditLan[] = [];
  for (const segment of topology.segments) {
    if (segment.kind !== 'lan') continue;
    const net = prefix4(segment.cidr);
    if (!net) continue;
    const gateway = segment.gateway ? ipv4(segment.gateway) : undefined;
    if (gateway !== undefined) taken.add(gateway);
    const lan: AuditLan = {
      id: segment.id,
      name: segment.name,
      net,
      gateway,
      internet: topology.segments.some((s) => s.kind === 'internet' && s.via === segment.id),
      sample: 0,
      routers6: new Set(),
      nics: [],
    };
    lan.sample = lanSample(net, taken);
    const net6 = segment.cidr6 ? parsePrefix(segment.cidr6) : undefined;
    if (net6 && typeof net6.address === 'bigint') lan.net6 = net6;
    const gateway6 = segment.gateway ? parseAddr(segment.gateway)?.address : undefined;
    if (typeof gateway6 === 'bigint') lan.routers6.add(gateway6);
    lans.push(lan);
    const uplink = interfaceById.get(segment.uplink);
    if (uplink) {
      uplink.lan = lan;
      lan.nics.push(uplink);
    }
  }
  for (const audit of stacks) {
    const stack = sourceOf.get(audit)!;
    setRoutes(audit, stack);
    for (const route of audit.routes) {
      const lan = route.iface && lanBehind(route.iface);
      if (lan && typeof route.gateway === 'bigint' && !taken.has(route.gateway)) lan.routers6.add(route.gateway);
    }
    const pf = effectivePf(topology, stack, patchbay, notes);
    if (pf) {
      const interfaces = new Map(
        [...audit.interfaces, audit.loopback].map((i) => [
          i.name,
          { groups: groupsOf(i, audit), addresses: i.addresses },
        ]),
      );
      audit.pf = {
        ruleset: pf.ruleset,
        ctx: {
          interfaces,
          tables: pf.ruleset.tables,
          hasRoute: (address) => lookupRoute(audit, address) !== undefined,
        },
      };
    }
  }
  attachSharedJails(topology, stacks);
  for (const lan of lans) if (lan.net6) lan.sample6 = lanSample6(lan.net6, new Set<Addr>([...taken, ...lan.routers6]));
  const probes = internetProbes(topology);
  return {
    topology,
    stacks,
    stackById: new Map(stacks.map((s) => [s.id, s])),
    interfaceById,
    lans,
    internetSample: probes.v4,
    internetSample6: probes.v6,
    hasInternet: lans.some((l) => l.internet),
    hasInternet6: lans.some((l) => l.internet && l.net6 !== undefined),
    release: topology.target.freebsd,
    notes,
  };
}
