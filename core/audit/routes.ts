import { familyOf, isLinkLocalAddr, maskAddr, network, parseAddr, parsePrefix, type Addr } from '../net/addr';
import { mask4 } from '../net/ipv4';
import type { Stack } from '../topology/schema';
import type { AuditInterface, AuditRoute, AuditStack, RouteIndex } from './model';

// A stack's routing table as the walk reads it: connected routes (host routes via the loopback for
// loopback addresses, one scoped fe80::/64 per link), static routes through a gateway or an interface,
// default routes, and an index per family for longest-prefix lookups.

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
    // The kernel gives an interface its link-local address itself (sys/netinet6/in6_ifattach.c
    // in6_ifattach, with ND6_IFF_AUTO_LINKLOCAL), so a design leaves it out (validate's
    // address.kernel rule); libexec/rc/network.subr ifconfig_up runs `ifconfig IF inet6 -ifdisabled`
    // for an interface with ifconfig_IF_ipv6 set, an interface the design gives an IPv6 address. Such an interface has
    // its fe80::/64 on-link whether or not the design lists the address: a default route via fe80::1%em0 (route(8)
    // takes the scope) works.
    const kernelLinkLocal =
      iface.kind !== 'loopback' &&
      iface.addresses.some((p) => typeof p.address === 'bigint') &&
      !iface.addresses.some((p) => isLinkLocalAddr(p.address));
    if (kernelLinkLocal) routes.push(makeRoute(LINK_LOCAL_NET, 64, 'connected', iface, undefined, 'scoped'));
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
export function key6(address: bigint, bits: number): bigint {
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

export function setRoutes(audit: AuditStack, stack: Stack): void {
  audit.routes = routeTable(stack, audit);
  const aliases = audit.routes.some((r) => r.viaLoopback && typeof r.net === 'number' && r.net >>> 24 !== 127);
  audit.loopbackAliases = aliases ? true : undefined;
  audit.routeIndex = indexRoutes(audit.routes, 4);
  audit.routeIndex6 = indexRoutes(audit.routes, 6);
}
