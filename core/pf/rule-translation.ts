import { familyOf, mask6, maskAddr, maxBits } from '../net/addr';
import { mask4 } from '../net/ipv4';
import { conditionsMatch, interfaceMatches, type Packet, type PfContext } from './match';
import {
  resolveTable,
  type AddressAtom,
  type FilterRule,
  type FilterTranslation,
  type HostSpec,
  type PortSpec,
  type Rule,
  type Uncertainty,
} from './ruleset';

// What one rule does to a packet beyond matching it: the address and port a translation target
// gives (pf_lb.c pf_map_addr), a filter rule's own nat-to / rdr-to / binat-to, and whether the rule
// holds something the audit cannot evaluate. Shared by evaluate.ts and translate.ts.

type Address = Packet['src'];

/** An address in network `net/bits` mapped to the same host part in `target/bits` (pf_lb.c PF_POOL_BITMASK). */
function bitmask(target: Address, bits: number, original: Address): Address {
  const host = typeof original === 'number' ? (original & ~mask4(bits)) >>> 0 : original & ~mask6(bits);
  const net = maskAddr(target, bits);
  return typeof net === 'number' ? (net | (host as number)) >>> 0 : net | (host as bigint);
}

/**
 * The address a translation target stands for, of the packet's family (pf_lb.c pf_map_addr picks
 * from the pool an address of the packet's af: no NAT66 from an IPv4 target). An interface (`em0`,
 * `(em0)`) gives its first address; a network maps host bits (bitmask); a table with one address
 * gives it. Undefined: nothing of that family, or a pool the audit cannot pick from (the rule was
 * marked uncertain when read).
 */
export function targetAddress(ctx: PfContext, atom: AddressAtom, original: Address): Address | undefined {
  const family = familyOf(original);
  if (atom.kind === 'cidr') {
    if (atom.family !== family) return undefined;
    return atom.bits >= maxBits(family) ? atom.net : bitmask(atom.net, atom.bits, original);
  }
  if (atom.kind === 'interface')
    return ctx.interfaces.get(atom.name)?.addresses.find((p) => familyOf(p.address) === family)?.address;
  if (atom.kind === 'table') {
    const key = resolveTable(ctx.tables, atom.anchor, atom.name);
    const entries = key === undefined ? [] : (ctx.tables.get(key) ?? []);
    const only = entries.length === 1 ? entries[0]!.atom : undefined;
    return only && only.kind !== 'table' ? targetAddress(ctx, only, original) : undefined;
  }
  return undefined;
}

/**
 * The destination port after `-> ADDR port SPEC` (pf_lb.c pf_get_translation, PF_RDR): one port
 * replaces it; `N:M` maps the rule's port range onto N..M cyclically; `N:*` keeps the offset.
 */
export function redirectedPort(
  spec: PortSpec | undefined,
  matched: HostSpec,
  dport: number | undefined,
): number | undefined {
  if (!spec || dport === undefined) return dport;
  if (spec.op === '=') return spec.low;
  const from = matched.ports?.[0]?.low ?? dport;
  const offset = dport - from;
  if (spec.high === undefined) return spec.low + offset;
  return (offset % (spec.high - spec.low + 1)) + spec.low;
}

/** The tables a rule's addresses name, found once per rule: most rules name none. */
const namedTables = new WeakMap<Rule, readonly Extract<AddressAtom, { kind: 'table' }>[]>();

function tablesOf(rule: Rule): readonly Extract<AddressAtom, { kind: 'table' }>[] {
  let tables = namedTables.get(rule);
  if (!tables) {
    tables = [...rule.from.terms, ...rule.to.terms].flatMap((t) => (t.atom.kind === 'table' ? [t.atom] : []));
    namedTables.set(rule, tables);
  }
  return tables;
}

/** A table a rule names that the stack neither declares nor read from the host. */
export function unknownTable(ctx: PfContext, rule: Rule): string | undefined {
  for (const atom of tablesOf(rule))
    if (resolveTable(ctx.tables, atom.anchor, atom.name) === undefined) return atom.name;
  return undefined;
}

const refOf = (rule: Rule): Uncertainty['rule'] => ({ anchor: rule.anchor, line: rule.line, text: rule.text });

/**
 * Why this rule might decide otherwise than the audit says for this packet, or undefined. `matched`
 * is the audit's answer (an unknown table matches nothing, as in pf). A rule with an option the audit
 * cannot evaluate is a doubt when the rest of it matches; a rule naming an unknown table when the
 * table's contents could change whether it matches.
 */
export function uncertaintyOf(ctx: PfContext, rule: Rule, packet: Packet, matched: boolean): Uncertainty | undefined {
  // The common case, checked first: nothing in the rule the audit cannot evaluate.
  if (!rule.uncertain && tablesOf(rule).length === 0 && !(rule.kind === 'filter' && rule.translations))
    return undefined;
  const table = unknownTable(ctx, rule);
  if (table !== undefined && conditionsMatch({ ...ctx, unknownTablesMatch: true }, rule, packet) !== matched)
    return { rule: refOf(rule), reason: `table <${table}> is neither declared nor read from the host`, table };
  if (rule.uncertain && matched) return { rule: refOf(rule), reason: rule.uncertain };
  const binatTo = rule.kind === 'filter' && rule.translations?.some((t) => t.kind === 'binat-to');
  if (binatTo && packet.direction === 'in' && rule.direction !== 'out' && interfaceMatches(ctx, rule.on, packet.iface))
    return { rule: refOf(rule), reason: "binat-to's inbound half (the audit evaluates the outbound one)" };
  return undefined;
}

/** A filter rule's nat-to / rdr-to / binat-to applied to a packet it matched. */
export function applyFilterTranslation(
  ctx: PfContext,
  rule: FilterRule,
  translation: FilterTranslation,
  packet: Packet,
): Packet {
  if (translation.kind === 'rdr-to') {
    const dst = targetAddress(ctx, translation.target, packet.dst) ?? packet.dst;
    const out: Packet = { ...packet, dst };
    const dport = redirectedPort(translation.port, rule.to, packet.dport);
    if (dport !== undefined) out.dport = dport;
    return out;
  }
  if (translation.kind === 'binat-to' && packet.direction === 'in') return packet;
  return { ...packet, src: targetAddress(ctx, translation.target, packet.src) ?? packet.src };
}
