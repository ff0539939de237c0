import { parseAddr, parsePrefix, type Addr, type Prefix } from '../net/addr';
import { ipv4, network4, prefix4, type Prefix4 } from '../net/ipv4';
import type { Interface, Stack, Topology } from '../topology/schema';
import { effectivePf, type PatchbayAnchors } from './effective-pf';
import { attachSharedJails } from './shared-jails';
import { internetProbes, lanSample6 } from './probe-addresses';
import type { AuditInterface, AuditLan, AuditNetwork, AuditStack } from './model';
import { lookupRoute, setRoutes } from './routes';

export type { AuditInterface, AuditLan, AuditNetwork, AuditRoute, AuditStack, RouteIndex } from './model';

// The topology as the audit walks it: interfaces linked to their epair peer and bridge, each
// stack with its routing table (connected, static, default), its forwarding switch, its pf and its
// bridge pfil sysctls, and the LAN and internet beyond the physical NICs. Addresses of both
// families are carried (core/net/addr.ts: IPv4 a number, IPv6 a bigint); each stack has one route
// index per family, since a lookup never crosses families.

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
 * The loopback a packet to the stack's own address `dst` goes over: the loopback that carries it
 * (a shared-IP jail's alias jail(8) put on lo1, or an address of its own), else lo0. FreeBSD installs
 * a host route via the loopback for every local address (in.c/in6.c ifa_maintain_loopback_route:
 * `UHS lo0`), and an address on a loopback clone is routed via that clone.
 */
export function loopbackFor(stack: AuditStack, dst: Addr): AuditInterface {
  const carrierId = stack.carriers?.get(dst);
  const carrier = carrierId === undefined ? undefined : stack.interfaces.find((i) => i.id === carrierId);
  if (carrier?.kind === 'loopback') return carrier;
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
