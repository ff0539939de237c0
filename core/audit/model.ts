import type { Addr, Prefix } from '../net/addr';
import type { Prefix4 } from '../net/ipv4';
import type { PfContext } from '../pf/evaluate';
import type { PfRuleset } from '../pf/ruleset';
import type { Interface, Topology } from '../topology/schema';
import type { SharedStackFields } from './shared-jails';

// The audit's model of a network: what network.ts builds from a topology, routes.ts routes over and
// walk.ts walks. Types only, so the files that build and read it can import them from each other's
// side without a cycle.

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
