import { familyOf, maskAddr, network, parseAddr, parsePrefix, type Addr, type Prefix } from '../net/addr';
import { ipv4, mask4, network4, prefix4, type Prefix4 } from '../net/ipv4';
import type { PfContext } from '../pf/evaluate';
import type { PfRuleset } from '../pf/ruleset';
import type { Interface, Stack, Topology } from '../topology/schema';
import { placeSharedIpAddresses } from './shared-ip-place';
import { effectivePf, type PatchbayAnchors } from './effective-pf';

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
  /** The LAN a physical NIC is plugged into. */
  lan?: AuditLan;
}

export interface AuditRoute {
  net: Addr;
  bits: number;
  kind: 'connected' | 'static' | 'default';
  /** Connected routes: the interface; gateway routes: resolved through the connected route to the gateway. */
  iface?: AuditInterface;
  gateway?: Addr;
}

/** Routes by prefix length (longest first), then by network. */
export type RouteIndex = [number, Map<Addr, AuditRoute>][];

export interface AuditStack {
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
  /** The stack's own addresses, both families. */
  local: Set<Addr>;
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
  /** The NICs plugged into it. */
  nics: AuditInterface[];
}

export interface AuditNetwork {
  topology: Topology;
  stacks: AuditStack[];
  stackById: Map<string, AuditStack>;
  interfaceById: Map<string, AuditInterface>;
  lans: AuditLan[];
  /** The address "the internet" is probed at (TEST-NET-3, RFC 5737; rules naming it are unlikely). */
  internetSample: number;
  hasInternet: boolean;
  /** Addresses of shared-IP jails, in their parent's stack, with the jail's name (shared-ip-place.ts). */
  sharedIpJails?: Map<Addr, string>;
  /** Things the audit could not take into account, in words. */
  notes: string[];
}

export const INTERNET_SAMPLE = ipv4('203.0.113.80')!;

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

function routeTable(stack: Stack, audit: AuditStack): AuditRoute[] {
  const routes: AuditRoute[] = [];
  for (const iface of audit.interfaces) {
    if (!iface.up || iface.kind === 'loopback') continue;
    for (const p of iface.addresses) routes.push({ net: network(p), bits: p.bits, kind: 'connected', iface });
  }
  const connected = (gateway: Addr) =>
    routes.find((r) => r.kind === 'connected' && maskAddr(gateway, r.bits) === r.net);
  for (const route of stack.staticRoutes) {
    const dest = parsePrefix(route.destination);
    const gateway = parseAddr(route.gateway)?.address;
    if (!dest || gateway === undefined || familyOf(gateway) !== familyOf(dest.address)) continue;
    routes.push({ net: network(dest), bits: dest.bits, kind: 'static', gateway, iface: connected(gateway)?.iface });
  }
  const gateway = stack.defaultGateway.ipv4 ? ipv4(stack.defaultGateway.ipv4) : undefined;
  if (gateway !== undefined)
    routes.push({ net: 0, bits: 0, kind: 'default', gateway, iface: connected(gateway)?.iface });
  const gateway6 = stack.defaultGateway.ipv6 ? parseAddr(stack.defaultGateway.ipv6)?.address : undefined;
  if (typeof gateway6 === 'bigint')
    routes.push({ net: 0n, bits: 0, kind: 'default', gateway: gateway6, iface: connected(gateway6)?.iface });
  // Longest prefix first; among equals, connected before static (the kernel refuses duplicates anyway).
  return routes.sort((a, b) => b.bits - a.bits || (a.kind === 'connected' ? -1 : 1));
}

/** Longest prefix match: one hash lookup per distinct prefix length, longest first, in the address's family. */
export function lookupRoute(stack: AuditStack, address: Addr): AuditRoute | undefined {
  if (typeof address === 'number') {
    for (const [bits, byNet] of stack.routeIndex) {
      const route = byNet.get((address & mask4(bits)) >>> 0);
      if (route) return route;
    }
    return undefined;
  }
  for (const [bits, byNet] of stack.routeIndex6) {
    const route = byNet.get(maskAddr(address, bits));
    if (route) return route;
  }
  return undefined;
}

function indexRoutes(routes: AuditRoute[], family: 4 | 6): RouteIndex {
  const index = new Map<number, Map<Addr, AuditRoute>>();
  for (const route of routes) {
    if (familyOf(route.net) !== family) continue;
    const byNet = index.get(route.bits) ?? new Map<Addr, AuditRoute>();
    if (!byNet.has(route.net)) byNet.set(route.net, route);
    index.set(route.bits, byNet);
  }
  return [...index].sort(([a], [b]) => b - a);
}

function setRoutes(audit: AuditStack, stack: Stack): void {
  audit.routes = routeTable(stack, audit);
  audit.routeIndex = indexRoutes(audit.routes, 4);
  audit.routeIndex6 = indexRoutes(audit.routes, 6);
}

function groupsOf(iface: AuditInterface, stack: AuditStack): string[] {
  // FreeBSD puts every interface in group "all" and cloned ones in their cloner's group; "egress"
  // holds the interfaces the default route leaves through (pf.conf(5), ifconfig(8) `group`).
  const groups = ['all'];
  if (iface.kind === 'epair') groups.push('epair');
  if (iface.kind === 'bridge') groups.push('bridge');
  if (iface.kind === 'loopback') groups.push('lo');
  if (stack.routes.some((r) => r.kind === 'default' && r.iface === iface)) groups.push('egress');
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
  }));
  for (const iface of old.interfaces) net.interfaceById.delete(iface.id);
  old.interfaces = fresh;
  old.local = new Set(fresh.filter((i) => i.kind !== 'loopback').flatMap((i) => i.addresses.map((p) => p.address)));
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
      };
      audit.interfaces.push(node);
      interfaceById.set(iface.id, node);
      if (iface.kind !== 'loopback') for (const p of node.addresses) audit.local.add(p.address);
    }
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
  const sharedIpJails = placeSharedIpAddresses(topology, interfaceById);
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
      nics: [],
    };
    lan.sample = lanSample(net, taken);
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
    const pf = effectivePf(topology, stack, patchbay, notes);
    if (pf) {
      const interfaces = new Map(
        audit.interfaces.map((i) => [i.name, { groups: groupsOf(i, audit), addresses: i.addresses }]),
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
  return {
    topology,
    stacks,
    stackById: new Map(stacks.map((s) => [s.id, s])),
    interfaceById,
    lans,
    internetSample: INTERNET_SAMPLE,
    hasInternet: lans.some((l) => l.internet),
    notes,
    ...(sharedIpJails.size ? { sharedIpJails } : {}),
  };
}
