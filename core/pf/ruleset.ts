// The part of pf.conf(5) Patchbay reads and writes, as plain data: filter rules, anchors (nested,
// inline bodies as `pfctl -sr -a '*'` prints them), nat/rdr, tables, `set skip`. The audit
// evaluates it with pf's semantics; anything outside this subset is a parse error naming its line.

export type CidrAtom =
  | { kind: 'cidr'; family: 4; net: number; bits: number; text: string }
  | { kind: 'cidr'; family: 6; net: bigint; bits: number; text: string };

export type AddressAtom =
  | { kind: 'any' }
  /** A prefix with its value: IPv4 as an unsigned 32-bit number, IPv6 as a 128-bit bigint (core/net/addr.ts). */
  | CidrAtom
  /** `<name>`; `anchor` is the anchor of the rule naming it, which decides whose table it is (tableKey). */
  | { kind: 'table'; name: string; anchor?: string }
  /** `ifname`, `(ifname)`, `ifname:network`, ...: the addresses an interface has when the packet passes. */
  | { kind: 'interface'; name: string; part: 'address' | 'network' | 'broadcast' | 'peer' }
  | { kind: 'self' }
  | { kind: 'no-route' }
  | { kind: 'urpf-failed' };

export interface HostTerm {
  negated: boolean;
  atom: AddressAtom;
}

export type PortOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | '><' | '<>' | ':';

export interface PortSpec {
  op: PortOperator;
  low: number;
  high?: number;
}

/** `from`/`to` half of a rule. A `{ list }` is expanded by pf into one rule per item: any item may match. */
export interface HostSpec {
  terms: HostTerm[];
  /** Absent: every port (and every packet without ports). */
  ports?: PortSpec[];
}

export interface InterfaceSpec {
  negated: boolean;
  /** Interface names or interface group names (`epair`, `bridge`, `egress`, a user group). */
  names: string[];
}

interface Conditions {
  direction?: 'in' | 'out';
  on?: InterfaceSpec;
  /** `received-on IF`: the packet came into this stack on IF (for `out` packets, where it entered). */
  receivedOn?: InterfaceSpec;
  family?: 4 | 6;
  /** Lower-case names (`tcp`, `udp`, `icmp`) or numbers as text; absent: every protocol. */
  protocols?: string[];
  from: HostSpec;
  to: HostSpec;
}

/**
 * `nat-to` / `rdr-to` / `binat-to` on a `pass` or `match` rule (the newer pf syntax FreeBSD's parse.y
 * accepts): the translation the rule applies to the packets it matches.
 */
export interface FilterTranslation {
  kind: 'nat-to' | 'rdr-to' | 'binat-to';
  target: AddressAtom;
  /** `rdr-to ADDR port N`: the destination port is rewritten too. */
  port?: PortSpec;
}

interface RuleOrigin {
  /** 1-based line in the text the rule was read from. */
  line: number;
  /** Anchor path the rule sits in; "" for the main ruleset. */
  anchor: string;
  /** The rule as written (macros expanded), for explanations. */
  text: string;
  /**
   * Why the audit cannot fully evaluate this rule (`route-to`, `tagged`, `user`, ...): it is kept and
   * matched on what can be evaluated, and any verdict it could change is marked uncertain.
   */
  uncertain?: string;
}

export interface FilterRule extends Conditions, RuleOrigin {
  kind: 'filter';
  action: 'pass' | 'block' | 'match';
  quick: boolean;
  /** pass rules keep state unless `no state` (pf.conf(5): "keep state" is the default). */
  keepState: boolean;
  /** Translations applied by this rule (nat-to, rdr-to, binat-to). */
  translations?: FilterTranslation[];
}

export interface AnchorRule extends Conditions, RuleOrigin {
  kind: 'anchor';
  /** Which ruleset the anchor hooks into; absent means `anchor` (filter rules). */
  keyword?: 'anchor' | 'nat-anchor' | 'rdr-anchor' | 'binat-anchor';
  /** As written: "patchbay", "patchbay/*", "foo/bar". */
  name: string;
  quick: boolean;
  /** Rules listed inline under the anchor; undefined when the anchor's rules were not given. */
  body?: Rule[];
}

export interface TranslationRule extends Conditions, RuleOrigin {
  kind: 'nat' | 'rdr' | 'binat';
  /** `no nat`: stop translating for matching packets. */
  negated: boolean;
  target?: AddressAtom;
  /** `rdr ... -> ADDR port N` (or `N:*`): the destination port the packet is redirected to. */
  targetPort?: PortSpec;
  /** `rdr pass` / `nat pass` / `binat pass`: the translated packet skips the filter rules. */
  pass?: boolean;
}

export type Rule = FilterRule | AnchorRule | TranslationRule;

export interface PfRuleset {
  /** Filter rules and `anchor` rules, in order. */
  filter: Rule[];
  /** nat/rdr/binat rules and their anchors, in order. */
  translation: Rule[];
  /** `set skip on`: interfaces (or groups) pf does not look at. */
  skip: string[];
  /**
   * Tables by `tableKey(anchor, name)`: definitions found in the text, and contents read from the
   * host. pf scopes tables per anchor; an anchor's rule naming a table the anchor does not define
   * uses the main ruleset's table of that name (pf_table.c pfr_attach_table, `pfrkt_root`).
   */
  tables: Map<string, HostTerm[]>;
  /**
   * Tables declared `persist file "…"`, by tableKey, with the file's path: their contents are only
   * known from the host (PrintedPfRuleset.tables).
   */
  tableFiles?: Map<string, string>;
}

/**
 * The table a rule in `anchor` means by `<name>`: the anchor's own when it has one, else the main
 * ruleset's (sys/netpfil/pf/pf_table.c pfr_attach_table links an anchor's table to the root table of
 * that name, `pfrkt_root`, and pfr_match_addr uses the root one while the anchor's is not active).
 * Undefined: neither is known, so whether an address is in it cannot be told.
 */
export function resolveTable(
  tables: ReadonlyMap<string, unknown>,
  anchor: string | undefined,
  name: string,
): string | undefined {
  const own = tableKey(anchor ?? '', name);
  if (tables.has(own)) return own;
  return tables.has(name) ? name : undefined;
}

/** What could have changed a verdict the audit gave: a rule it cannot fully evaluate, or a table it does not know. */
export interface Uncertainty {
  rule: { anchor: string; line: number; text: string };
  /** Why, in words: "route-to", "table <jails> is neither declared nor read from the host". */
  reason: string;
  /** The unknown table, when that is the cause. */
  table?: string;
}

/** The key of a table in `PfRuleset.tables`: the bare name in the main ruleset, `anchor:name` in an anchor. */
export function tableKey(anchor: string, name: string): string {
  return anchor ? `${anchor}:${name}` : name;
}

export interface PfProblem {
  line: number;
  message: string;
}
