import { familyOf, inPrefix, lastAddress, type Addr, type Prefix } from '../net/addr';
import {
  resolveTable,
  type AddressAtom,
  type FilterRule,
  type HostSpec,
  type InterfaceSpec,
  type PortSpec,
} from './ruleset';

// Whether one pf rule's conditions hold for one packet: interfaces and groups, addresses, tables
// (per anchor, pf_table.c), ports, received-on. evaluate.ts decides with these, translate.ts and
// rule-translation.ts translate with them.

export type Protocol = 'tcp' | 'udp' | 'icmp';

export interface Packet {
  proto: Protocol;
  /** IPv4 a number, IPv6 a bigint (core/net/addr.ts); both of one family. */
  src: Addr;
  dst: Addr;
  /** Destination port (tcp and udp). */
  dport?: number;
  sport?: number;
  /** Interface the packet is seen on, and which way it goes. */
  iface: string;
  /** Interface the packet came into this stack on (for `received-on`); absent for a packet the stack sent. */
  rcvif?: string;
  direction: 'in' | 'out';
  /** A small integer naming proto and ports together, for callers that remember answers. */
  probeKey?: number;
}

/** What pf knows about the stack it runs in, to resolve `(if)`, `if:network`, groups, `self`, tables. */
export interface PfContext {
  interfaces: ReadonlyMap<string, { groups: readonly string[]; addresses: readonly Prefix[] }>;
  tables: ReadonlyMap<string, readonly { negated: boolean; atom: AddressAtom }[]>;
  /** Whether the stack has a route to the address (for `no-route`). */
  hasRoute?: (address: Addr) => boolean;
  /**
   * What a table neither declared nor read answers: pf's answer is "no match" (pf_table.c
   * pfr_match_addr on an inactive table), which the audit uses; the other answer is asked to find
   * the verdicts such a table could change.
   */
  unknownTablesMatch?: boolean;
}

export function inGroup(ctx: PfContext, iface: string, name: string): boolean {
  return iface === name || (ctx.interfaces.get(iface)?.groups.includes(name) ?? false);
}

export function interfaceMatches(ctx: PfContext, spec: InterfaceSpec | undefined, iface: string): boolean {
  if (!spec) return true;
  return spec.names.some((name) => inGroup(ctx, iface, name)) !== spec.negated;
}

function tableMatches(ctx: PfContext, atom: Extract<AddressAtom, { kind: 'table' }>, address: Addr): boolean {
  const key = resolveTable(ctx.tables, atom.anchor, atom.name);
  if (key === undefined) return ctx.unknownTablesMatch ?? false;
  // A table answers with its most specific entry; a negated entry (`!10.0.0.1`) excludes (pfctl(8) -T).
  let best = -1;
  let result = false;
  for (const entry of ctx.tables.get(key) ?? []) {
    const bits = entryBits(ctx, entry.atom, address);
    if (bits !== undefined && bits > best) {
      best = bits;
      result = !entry.negated;
    }
  }
  return result;
}

/**
 * The prefix length of the table entry that holds the address, or undefined. An interface name, a
 * group or `self` in a table stands for the addresses of the interface(s) (pf.conf(5) TABLES): host
 * entries, or with `:network` the networks they are in.
 */
function entryBits(ctx: PfContext, atom: AddressAtom, address: Addr): number | undefined {
  if (atom.kind === 'cidr') return inPrefix(address, atom.net, atom.bits) ? atom.bits : undefined;
  if (atom.kind === 'interface' && atom.part === 'network') {
    const bits = interfaceMembers(ctx, atom.name).flatMap((i) =>
      i.addresses.filter((p) => inPrefix(address, p.address, p.bits)).map((p) => p.bits),
    );
    return bits.length ? Math.max(...bits) : undefined;
  }
  if ((atom.kind === 'interface' || atom.kind === 'self') && atomMatches(ctx, atom, address))
    return familyOf(address) === 4 ? 32 : 128;
  return undefined;
}

function interfaceMembers(ctx: PfContext, name: string): { groups: readonly string[]; addresses: readonly Prefix[] }[] {
  const direct = ctx.interfaces.get(name);
  // An interface group (`(egress)`) stands for the addresses of all its members.
  return direct ? [direct] : [...ctx.interfaces.values()].filter((i) => i.groups.includes(name));
}

function interfaceAddressMatches(
  ctx: PfContext,
  atom: Extract<AddressAtom, { kind: 'interface' }>,
  address: Addr,
): boolean {
  return interfaceMembers(ctx, atom.name).some((i) =>
    i.addresses.some((p) => {
      if (atom.part === 'address') return p.address === address;
      if (atom.part === 'network') return inPrefix(address, p.address, p.bits);
      // IPv6 has no broadcast address (RFC 4291 2.0): only an IPv4 prefix has one.
      if (atom.part === 'broadcast') return typeof p.address === 'number' && p.bits < 31 && address === lastAddress(p);
      return false;
    }),
  );
}

function atomMatches(ctx: PfContext, atom: AddressAtom, address: Addr): boolean {
  switch (atom.kind) {
    case 'any':
      return true;
    case 'cidr':
      return inPrefix(address, atom.net, atom.bits);
    case 'table':
      return tableMatches(ctx, atom, address);
    case 'interface':
      return interfaceAddressMatches(ctx, atom, address);
    case 'self':
      return [...ctx.interfaces.values()].some((i) => i.addresses.some((p) => p.address === address));
    case 'no-route':
      return ctx.hasRoute ? !ctx.hasRoute(address) : false;
    case 'urpf-failed':
      return false;
  }
}

export function portMatches(spec: PortSpec, port: number): boolean {
  const { low, high = low } = spec;
  switch (spec.op) {
    case '=':
      return port === low;
    case '!=':
      return port !== low;
    case '<':
      return port < low;
    case '<=':
      return port <= low;
    case '>':
      return port > low;
    case '>=':
      return port >= low;
    case ':':
      return port >= low && port <= high;
    case '><':
      return port > low && port < high;
    case '<>':
      return port < low || port > high;
  }
}

/**
 * An address of one family makes its (expanded) rule a rule of that family (parse.y expand_rule),
 * negated or not: an IPv6 term never matches an IPv4 packet, nor an IPv4 term an IPv6 one.
 */
const otherFamily = (atom: AddressAtom, address: Addr): boolean =>
  atom.kind === 'cidr' && atom.family !== familyOf(address);

export function hostMatches(ctx: PfContext, spec: HostSpec, address: Addr, port: number | undefined): boolean {
  if (
    !spec.terms.some(
      (term) => !otherFamily(term.atom, address) && atomMatches(ctx, term.atom, address) !== term.negated,
    )
  )
    return false;
  if (!spec.ports) return true;
  return port !== undefined && spec.ports.some((p) => portMatches(p, port));
}

type Conditions = Pick<FilterRule, 'direction' | 'on' | 'receivedOn' | 'family' | 'protocols' | 'from' | 'to'>;

/**
 * `received-on`: the interface the packet came into the stack on (pf.c pf_match_rcvif, the mbuf's
 * rcvif); for a packet coming in that is the interface it is seen on. A packet the stack sent has none.
 */
export function receivedOnMatches(ctx: PfContext, spec: InterfaceSpec | undefined, packet: Packet): boolean {
  if (!spec) return true;
  const rcvif = packet.rcvif ?? (packet.direction === 'in' ? packet.iface : undefined);
  return rcvif !== undefined && interfaceMatches(ctx, spec, rcvif);
}

export function conditionsMatch(ctx: PfContext, rule: Conditions, packet: Packet): boolean {
  if (rule.direction && rule.direction !== packet.direction) return false;
  if (!receivedOnMatches(ctx, rule.receivedOn, packet)) return false;
  if (rule.family !== undefined && rule.family !== familyOf(packet.dst)) return false; // `inet` / `inet6`
  if (rule.protocols && !rule.protocols.includes(packet.proto)) return false;
  if (!interfaceMatches(ctx, rule.on, packet.iface)) return false;
  const ported = packet.proto === 'tcp' || packet.proto === 'udp';
  return (
    hostMatches(ctx, rule.from, packet.src, ported ? packet.sport : undefined) &&
    hostMatches(ctx, rule.to, packet.dst, ported ? packet.dport : undefined)
  );
}
