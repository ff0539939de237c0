import { formatAddr, inPrefix, isLinkLocalAddr, scopeOf, type Addr } from '../net/addr';
import { lookupRoute } from './routes';
import type { AuditInterface, AuditLan, AuditRoute, AuditStack } from './network';

// What a trip (walk.ts) asks of addresses and links on its way: who answers for an address on a
// wire, what a LAN holds and who routes for it, which source a stack picks, and the route a packet
// pinned to one interface takes.

const ip = formatAddr;

/** Whether `iface` answers for `address`: one of its own, or a shared-IP jail's alias jail(8) put on it. */
export function answersOn(iface: AuditInterface, address: Addr): boolean {
  return iface.addresses.some((a) => a.address === address) || iface.stack.carriers?.get(address) === iface.id;
}

/**
 * Part of the LAN's IPv6 prefix routed on by a stack on the LAN (a delegated prefix: cidr6 a /48, a
 * jail bridge a /64 of it behind the host): the LAN's router sends it to that stack, which forwards
 * IPv6 and has a route to it other than its default. How the router learnt that route (a static
 * route, DHCPv6-PD) is not in the design.
 */
export function delegatedTo(
  lan: AuditLan,
  dst: bigint,
  from: AuditInterface | undefined,
): { nic: AuditInterface; address: bigint } | undefined {
  for (const nic of lan.nics) {
    if (nic === from || !nic.up || !nic.stack.forwarding6) continue;
    const route = lookupRoute(nic.stack, dst);
    if (!route || route.kind === 'default' || route.iface === nic) continue;
    const address = nic.addresses.map((p) => p.address).find((a): a is bigint => typeof a === 'bigint');
    if (address !== undefined) return { nic, address };
  }
  return undefined;
}

export function isLanRouter(lan: AuditLan, address: Addr): boolean {
  return typeof address === 'bigint' ? lan.routers6.has(address) : address === lan.gateway;
}

/** On the LAN's wire: in its IPv4 prefix, its IPv6 prefix, or link-local (every link has fe80::/64). */
export function onLink(lan: AuditLan, address: Addr): boolean {
  if (typeof address === 'number') return inPrefix(address, lan.net.address, lan.net.bits);
  return isLinkLocalAddr(address) || (lan.net6 !== undefined && inPrefix(address, lan.net6.address, lan.net6.bits));
}

export function lanPrefixes(lan: AuditLan): string {
  const v4 = `${ip(lan.net.address)}/${lan.net.bits}`;
  return lan.net6 ? `${v4}, ${ip(lan.net6.address)}/${lan.net6.bits}` : v4;
}

export function routerName(lan: AuditLan, v6: boolean): string {
  const router = v6 ? [...lan.routers6][0] : lan.gateway;
  return router === undefined ? '' : ip(router);
}

export function scopeWords(address: Addr): string {
  const scope = scopeOf(address);
  if (scope === 'private')
    return typeof address === 'bigint' ? 'a unique local address (fc00::/7)' : 'a private address';
  if (scope === 'link-local') return 'a link-local address (fe80::/10)';
  if (scope === 'loopback') return 'a loopback address';
  return `a ${scope} address`;
}

/** 127.0.0.0/8 or ::1, cheaply (asked on every stack a packet enters). */
export function isLoopbackAddr(address: Addr): boolean {
  return typeof address === 'number' ? address >>> 24 === 127 : address === 1n;
}

export function isUnset(address: Addr): boolean {
  return address === 0 || address === 0n;
}

/**
 * The source a stack picks for a packet it sends out of `egress`. IPv4: that interface's first
 * address. IPv6 (in6_selectsrc(), sys/netinet6/in6_src.c, after RFC 6724): an address of the
 * destination's scope, preferring the outgoing interface: link-local for a link-local destination,
 * otherwise a global or unique-local one, from another interface when `egress` has none.
 */
export function sourceAddress(egress: AuditInterface, dst: Addr): Addr {
  if (typeof dst === 'number') return egress.addresses.find((p) => typeof p.address === 'number')?.address ?? 0;
  const wantLinkLocal = isLinkLocalAddr(dst);
  const fits = (a: Addr) => typeof a === 'bigint' && isLinkLocalAddr(a) === wantLinkLocal && scopeOf(a) !== 'loopback';
  const own = egress.addresses.find((p) => fits(p.address));
  if (own) return own.address;
  for (const iface of egress.stack.interfaces) {
    const other = iface.addresses.find((p) => fits(p.address));
    if (other) return other.address;
  }
  return egress.addresses.find((p) => typeof p.address === 'bigint')?.address ?? 0n;
}

/** in_pcbladdr's choice for a local destination: the address of the interface whose network holds it. */
export function localSource(stack: AuditStack, dst: Addr): Addr {
  if (typeof dst === 'bigint') return dst;
  for (const iface of stack.interfaces) {
    if (iface.kind === 'loopback') continue;
    const holder = iface.addresses.find((p) => inPrefix(dst, p.address, p.bits));
    if (holder) return holder.address;
  }
  return dst;
}

/**
 * The route a packet pinned to leave by `egress` takes, as `ping -S ADDR` with a route forced
 * through one interface does (route(8) `-ifp IF`; `-iface IF` for a destination on IF's link):
 * the longest route through `egress` that holds `dst` gives its gateway; with none, the destination
 * is taken to be directly on egress's link (route(8) `-iface`: no gateway, the next hop is the
 * destination). Nothing else is invented: a destination nobody has on that link is then simply
 * not delivered. A destination that is the stack's own address still goes over the loopback.
 */
export function routeThrough(stack: AuditStack, egress: AuditInterface, dst: Addr): AuditRoute {
  const through = stack.routes.find(
    (r) =>
      r.iface === egress &&
      !r.viaLoopback &&
      typeof r.net === typeof dst &&
      (r.scoped ? isLinkLocalAddr(dst) : inPrefix(dst, r.net, r.bits)),
  );
  return (
    through ?? {
      net: dst,
      bits: typeof dst === 'number' ? 32 : 128,
      kind: 'static',
      iface: egress,
      gateway: undefined,
      scoped: undefined,
      viaLoopback: undefined,
    }
  );
}
