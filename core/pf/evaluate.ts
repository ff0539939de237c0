import { familyOf, inPrefix, lastAddress, type Addr, type Prefix } from '../net/addr';
import {
  resolveTable,
  type AddressAtom,
  type AnchorRule,
  type FilterRule,
  type FilterTranslation,
  type HostSpec,
  type InterfaceSpec,
  type PfRuleset,
  type PortSpec,
  type Rule,
  type TranslationRule,
  type Uncertainty,
} from './ruleset';
import { applyFilterTranslation, uncertaintyOf } from './translate';

// pf's decision for one packet, with the semantics of pf.conf(5): filter rules are read top to
// bottom and the last matching rule wins, unless a matching rule is `quick`, which ends the
// evaluation; an anchor's rules are evaluated in place when the anchor rule matches, and a `quick`
// anchor ends the evaluation if anything inside it matched. No rule matching means pass.
// Translation rules (nat/rdr/binat) are different: the first match wins (pf.conf(5), "Translation").

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

export interface Decision {
  action: 'pass' | 'block';
  /** The rule that decided; undefined when no rule matched (pf's default is pass). */
  rule?: FilterRule;
  /** A state is created: replies pass without meeting the rules again. */
  keepState: boolean;
  /** The interface is in `set skip`: pf did not look at the packet at all. */
  skipped?: boolean;
  /** nat-to / rdr-to / binat-to of the deciding pass rule (match rules' ones are already in `packet`). */
  translations?: FilterTranslation[];
  /** The packet as the deciding rule saw it, when a match rule translated it on the way. */
  packet?: Packet;
  /** A rule the audit cannot fully evaluate, or an unknown table, that could have changed this answer. */
  uncertain?: Uncertainty;
}

function inGroup(ctx: PfContext, iface: string, name: string): boolean {
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

interface Walk {
  last?: FilterRule;
  stop: boolean;
  /** The packet as rules now see it: match rules' nat-to / rdr-to rewrite it for the rules after them. */
  packet: Packet;
  /** Rules met on the way that the audit cannot evaluate fully, and that the packet may match. */
  doubts: Uncertainty[];
}

function walkFilter(ctx: PfContext, rules: readonly Rule[], walk: Walk): void {
  for (const rule of rules) {
    if (rule.kind === 'filter') {
      const matched = conditionsMatch(ctx, rule, walk.packet);
      const doubt = uncertaintyOf(ctx, rule, walk.packet, matched);
      if (doubt) walk.doubts.push(doubt);
      if (!matched) continue;
      if (rule.action === 'match') {
        // pf applies a match rule's translation at once: rules after it see the translated packet
        // (tests/sys/netpfil/pf/nat.sh nat_match: "rules after match match on NAT-ed address").
        for (const t of rule.translations ?? []) walk.packet = applyFilterTranslation(ctx, rule, t, walk.packet);
        continue;
      }
      walk.last = rule;
      if (rule.quick) {
        walk.stop = true;
        return;
      }
    } else if (rule.kind === 'anchor') {
      if (!rule.body) continue;
      const matched = conditionsMatch(ctx, rule, walk.packet);
      const doubt = uncertaintyOf(ctx, rule, walk.packet, matched);
      if (doubt) walk.doubts.push(doubt);
      if (!matched) continue;
      const before = walk.last;
      walkFilter(ctx, rule.body, walk);
      if (walk.stop) return;
      if (rule.quick && walk.last !== before) {
        walk.stop = true;
        return;
      }
    }
  }
}

export function isSkipped(ctx: PfContext, ruleset: PfRuleset, iface: string): boolean {
  return ruleset.skip.some((name) => inGroup(ctx, iface, name));
}

export function decide(ctx: PfContext, ruleset: PfRuleset, packet: Packet): Decision {
  if (isSkipped(ctx, ruleset, packet.iface)) return { action: 'pass', keepState: false, skipped: true };
  const walk: Walk = { stop: false, packet, doubts: [] };
  walkFilter(ctx, ruleset.filter, walk);
  const { last } = walk;
  const decision: Decision = last
    ? { action: last.action === 'pass' ? 'pass' : 'block', rule: last, keepState: last.keepState }
    : { action: 'pass', keepState: false };
  if (last?.action === 'pass' && last.translations) decision.translations = last.translations;
  if (walk.packet !== packet) decision.packet = walk.packet;
  const doubt = walk.doubts.find((d) => couldChange(d, decision, ruleset));
  if (doubt) decision.uncertain = doubt;
  return decision;
}

/**
 * Whether a doubtful rule could have changed the answer: it decided, it would decide otherwise, or it
 * is a match rule or an anchor (whose effect reaches the rules after it).
 */
function couldChange(doubt: Uncertainty, decision: Decision, ruleset: PfRuleset): boolean {
  const rule = findRule(ruleset.filter, doubt.rule);
  if (!rule || rule.kind !== 'filter') return true;
  if (rule === decision.rule || rule.action === 'match') return true;
  return (rule.action === 'pass' ? 'pass' : 'block') !== decision.action;
}

function findRule(rules: readonly Rule[], where: Uncertainty['rule']): Rule | undefined {
  for (const rule of rules) {
    if (rule.line === where.line && rule.anchor === where.anchor && rule.text === where.text) return rule;
    if (rule.kind === 'anchor' && rule.body) {
      const inner = findRule(rule.body, where);
      if (inner) return inner;
    }
  }
  return undefined;
}

function walkTranslation(
  ctx: PfContext,
  rules: readonly Rule[],
  packet: Packet,
  kind: 'nat' | 'rdr',
): TranslationRule | 'stop' | undefined {
  for (const rule of rules) {
    if (rule.kind === 'anchor') {
      if (!rule.body || !conditionsMatch(ctx, rule as AnchorRule, packet)) continue;
      const inner = walkTranslation(ctx, rule.body, packet, kind);
      if (inner) return inner;
    } else if (rule.kind === kind && conditionsMatch(ctx, rule, packet)) {
      return rule.negated ? 'stop' : rule;
    }
  }
  return undefined;
}

/**
 * The source address a packet leaving on `packet.iface` is rewritten to, and the nat rule doing it;
 * undefined when no nat rule applies. `(if)` and `if` targets use the interface's first address of
 * the packet's family: pf_map_addr() (sys/netpfil/pf/pf_lb.c) picks from the pool an address of the
 * packet's af, so a target without one translates nothing (no NAT66 from an IPv4 target).
 */
export function natFor(
  ctx: PfContext,
  ruleset: PfRuleset,
  packet: Packet,
): { rule: TranslationRule; address: Addr } | undefined {
  if (packet.direction !== 'out' || isSkipped(ctx, ruleset, packet.iface)) return undefined;
  const rule = walkTranslation(ctx, ruleset.translation, packet, 'nat');
  if (!rule || rule === 'stop' || !rule.target) return undefined;
  const address = targetAddress(ctx, rule.target, familyOf(packet.src));
  return address === undefined ? undefined : { rule, address };
}

function targetAddress(ctx: PfContext, atom: AddressAtom, family: 4 | 6): Addr | undefined {
  if (atom.kind === 'cidr') return atom.family === family ? atom.net : undefined;
  if (atom.kind === 'interface')
    return ctx.interfaces.get(atom.name)?.addresses.find((p) => familyOf(p.address) === family)?.address;
  return undefined;
}
