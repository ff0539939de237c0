import { familyOf, type Addr, type AddrFamily } from '../net/addr';
import type { Topology } from '../topology/schema';
import { isSharedIpJail, jailAddresses, networkStackOf } from '../topology/shared-ip';

// Shared-IP (non-vnet) jails in the audit (core/topology/shared-ip.ts). Such a jail has no stack of
// its own (kern_jail.c kern_jail_set: a non-vnet jail's pr_vnet is its parent's), so it is an
// AuditStack that `shares` its parent's: the same interfaces, routes, forwarding and pf objects, so
// the parent's pf rules naming the jail's addresses decide its traffic, and the states and
// translations its packets create are the parent's. What it has of its own is `local`: the addresses
// it is restricted to. An address a shared-IP jail holds is delivered to that jail, not to the
// parent, which no longer counts it among its own.
//
// Traffic between two places of one stack (the host and its shared-IP jails) never leaves the host:
// the route to a local address is a host route through a loopback (sys/netinet/in.c, the cases above
// ia_need_loopback_route: an address on a loopback interface gets a host route via that interface,
// case 4; one on another interface a "loopback" route via V_loif, lo0, cases 1-2). pf sees such a
// packet `out` and then `in` on that loopback, unless `set skip` names it.
//
// `ip4 = inherit` (or ip6): the jail may use every address of its parent in that family (kern_jail.c
// prison_check_ip4 lets an inherit jail bind any; prison_get_ip4 leaves the source to the routing).
// Its packets are then the parent's: it sends from the address the route picks, and it is reached at
// the parent's addresses, where the reply to its own request comes back to its socket.

/** What a stack of the audit has for shared-IP jails (network.ts's AuditStack extends it). */
export interface SharedStackFields<S> {
  /** A shared-IP jail: the stack whose interfaces, routes and pf it uses. */
  shares?: S;
  /** On a stack shared-IP jails share: each jail address → its jail (they are not in `local`). */
  sharedBy?: Map<Addr, S>;
  /** On such a stack: each jail address → the id of the interface jail(8) adds it to. */
  carriers?: Map<Addr, string>;
  /** A shared-IP jail: the families it takes every address of its parent in (`ip4 = inherit`). */
  inherits?: ReadonlySet<AddrFamily>;
}

/** The parts of network.ts's AuditStack this file reads and writes (network.ts imports this file). */
interface Shareable<S> extends SharedStackFields<S> {
  id: string;
  local: Set<Addr>;
  interfaces: unknown;
  forwarding: boolean;
  forwarding6: boolean;
  routes: unknown;
  routeIndex: unknown;
  routeIndex6: unknown;
  bridgeFilter: unknown;
  pf?: unknown;
}

/** Marks every shared-IP jail as sharing its parent's stack; call once routes and pf are in place. */
export function attachSharedJails<S extends Shareable<S>>(topology: Topology, stacks: readonly S[]): void {
  const byId = new Map(stacks.map((s) => [s.id, s]));
  for (const stack of topology.stacks) {
    if (!isSharedIpJail(stack)) continue;
    const jail = byId.get(stack.id);
    const parent = networkStackOf(topology, stack);
    const network = parent ? byId.get(parent.id) : undefined;
    if (!jail || !network || network === jail) continue;
    jail.shares = network;
    jail.interfaces = network.interfaces;
    jail.forwarding = network.forwarding;
    jail.forwarding6 = network.forwarding6;
    jail.routes = network.routes;
    jail.routeIndex = network.routeIndex;
    jail.routeIndex6 = network.routeIndex6;
    jail.bridgeFilter = network.bridgeFilter;
    if (network.pf) jail.pf = network.pf;
    else delete jail.pf;
    jail.local = new Set();
    const inherits = new Set<AddrFamily>();
    if (stack.sharedIp.ip4 === 'inherit') inherits.add(4);
    if (stack.sharedIp.ip6 === 'inherit') inherits.add(6);
    if (inherits.size) jail.inherits = inherits;
    for (const address of jailAddresses(stack.sharedIp)) {
      // The audit's addresses: IPv4 a number, IPv6 a bigint (core/net/addr.ts).
      const value: Addr = address.cidr.family === 4 ? Number(address.cidr.address) : address.cidr.address;
      jail.local.add(value);
      network.local.delete(value);
      (network.sharedBy ??= new Map()).set(value, jail);
      if (address.entry.interface !== undefined) (network.carriers ??= new Map()).set(value, address.entry.interface);
    }
  }
}

/** The place of one stack (the stack itself or a stack sharing it) that holds `address`, if any. */
export function localOwner<S extends Shareable<S>>(stack: S, address: Addr): S | undefined {
  const network = stack.shares ?? stack;
  return network.sharedBy?.get(address) ?? (network.local.has(address) ? network : undefined);
}

/** Whether a shared-IP jail takes its parent's addresses in the family of `address` (`inherit`). */
export function inheritsFor(stack: { shares?: unknown; inherits?: ReadonlySet<AddrFamily> }, address: Addr): boolean {
  return inheritsFamily(stack, familyOf(address));
}

/** Whether a shared-IP jail takes its parent's addresses in `family` (`inherit`). */
export function inheritsFamily(
  stack: { shares?: unknown; inherits?: ReadonlySet<AddrFamily> },
  family: AddrFamily,
): boolean {
  return stack.shares !== undefined && stack.inherits?.has(family) === true;
}

/** The address a shared-IP jail sends from: its first of the family (kern_jail.c prison_get_ip4). */
export function jailSource(jail: { local: ReadonlySet<Addr> }, dst: Addr): Addr | undefined {
  for (const address of jail.local) if (familyOf(address) === familyOf(dst)) return address;
  return undefined;
}
