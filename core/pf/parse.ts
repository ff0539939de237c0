import { ipv4 } from '../net/ipv4';
import { parseCidr } from '../net/ip';
import { ROUTING, optionsOf, skipRoute, translationTail, type RuleOptions } from './parse-options';
import {
  ParseError,
  expect,
  interfaceSpec,
  isWord,
  list,
  peek,
  ports,
  skipParens,
  take,
  type Cursor,
} from './parse-words';
import {
  tableKey,
  type AddressAtom,
  type AnchorRule,
  type FilterRule,
  type HostSpec,
  type HostTerm,
  type PfProblem,
  type PfRuleset,
  type Rule,
  type TranslationRule,
} from './ruleset';
import { statements, tokenizeLine, type Statement, type Token } from './tokenize';

// A parser for the pf.conf(5) subset in ruleset.ts. It reads what an admin writes (a whole pf.conf:
// macros, tables, options, lists, `set skip`) and what `pfctl -s rules -a '*'` / `-s nat -a '*'` print
// (anchor bodies inline, `port = 80`, `flags S/SA keep state`, `round-robin`). Every error names the
// line and the rule broken. A rule with an option the audit cannot evaluate (route-to, tagged, user,
// ...) is kept and marked `uncertain`; only what cannot be read at all is refused.

const PROTOCOLS = new Set([
  'tcp',
  'udp',
  'icmp',
  'icmp6',
  'ipv6-icmp',
  'gre',
  'esp',
  'ah',
  'carp',
  'pfsync',
  'ospf',
  'igmp',
  'sctp',
]);
const BLOCK_MODES = new Set(['drop', 'return', 'return-rst', 'return-icmp', 'return-icmp6']);
/**
 * Statements that change no verdict: normalization and queueing (pfctl -sr prints scrub rules first).
 * `load anchor` and `include` read files the audit does not have: refused, with their line.
 */
const NO_EFFECT_STATEMENTS = new Set(['scrub', 'altq', 'queue']);
const REFUSED_STATEMENTS: Readonly<Record<string, string>> = {
  load: '"load anchor" reads its rules from a file the audit does not have; paste the anchor\'s rules inline',
  ether: '"ether" (layer 2) rules are not part of what the audit evaluates; remove or comment them to audit the rest',
  include: '"include" reads a file the audit does not have; paste its rules in its place',
};
const ANCHOR_KEYWORDS = new Set(['anchor', 'nat-anchor', 'rdr-anchor', 'binat-anchor']);

export function address(text: string): AddressAtom {
  if (text === 'any') return { kind: 'any' };
  if (text === 'self') return { kind: 'self' };
  if (text === 'no-route') return { kind: 'no-route' };
  if (text === 'urpf-failed') return { kind: 'urpf-failed' };
  if (/^<[^<>]+>$/.test(text)) return { kind: 'table', name: text.slice(1, -1) };
  // pfctl reads prefixes with inet_net_pton(3), which takes abbreviated networks: `10/8`, `172.16/12`
  // (pf.conf(5) TABLES example). Missing octets are zero.
  const short = /^([0-9]{1,3}(?:\.[0-9]{1,3}){0,2})\/([0-9]+)$/.exec(text);
  const full = short ? `${short[1]}${'.0'.repeat(4 - short[1]!.split('.').length)}/${short[2]}` : text;
  const slashed = full.includes('/') ? full : full.includes(':') ? `${full}/128` : `${full}/32`;
  const cidr = parseCidr(slashed);
  if (/^[0-9.]+(\/[0-9]+)?$/.test(text) && !cidr.ok) throw new ParseError(cidr.reason);
  if (cidr.ok) {
    if (cidr.value.family === 4) {
      const [addr = ''] = slashed.split('/');
      return { kind: 'cidr', family: 4, net: ipv4(addr)!, bits: cidr.value.prefix, text };
    }
    return { kind: 'cidr', family: 6, net: cidr.value.address, bits: cidr.value.prefix, text };
  }
  const named = /^([A-Za-z][A-Za-z0-9_.]*)(?::(network|broadcast|peer|0))?$/.exec(text);
  if (named) {
    const part = named[2] === 'network' || named[2] === 'broadcast' || named[2] === 'peer' ? named[2] : 'address';
    return { kind: 'interface', name: named[1]!, part };
  }
  throw new ParseError(
    `"${text}" is not an address, network, <table>, interface or "any" (host names are not resolved)`,
  );
}

function hostTerm(c: Cursor): HostTerm {
  let negated = false;
  if (isWord(c, '!')) {
    negated = true;
    c.at++;
  }
  if (isWord(c, '(')) {
    // `(ifname)` / `(ifname:network)`: the interface's addresses as they are when the packet passes.
    c.at++;
    const inner = take(c, 'an interface name');
    expect(c, ')');
    return { negated, atom: address(inner) };
  }
  const text = take(c, 'an address');
  // `10.0.0.0 / 24` is not how pfctl prints; a `/` is always inside the word.
  return { negated, atom: address(text) };
}

function hosts(c: Cursor): HostTerm[] {
  const terms: HostTerm[] = [];
  list(c, (inner) => void terms.push(hostTerm(inner)));
  return terms;
}

/** Tables named in a rule belong to the rule's anchor (see resolveTable). */
function scopeTables(terms: readonly HostTerm[], anchor: string): void {
  if (!anchor) return;
  for (const term of terms) if (term.atom.kind === 'table') term.atom.anchor = anchor;
}

function hostSpec(c: Cursor, keyword: 'from' | 'to', uncertain: string[]): HostSpec {
  if (!isWord(c, keyword)) return { terms: [{ negated: false, atom: { kind: 'any' } }] };
  c.at++;
  // `to port 80`: any host.
  const terms = isWord(c, 'port') ? [{ negated: false, atom: { kind: 'any' } as AddressAtom }] : hosts(c);
  const spec: HostSpec = { terms };
  const p = ports(c);
  if (p) spec.ports = p;
  if (keyword === 'from' && isWord(c, 'os')) {
    // Passive OS fingerprinting (pf.os(5)) looks at a real SYN's options; the audit has none.
    c.at++;
    list(c, (inner) => void take(inner, 'an OS name'));
    uncertain.push('os (passive OS fingerprints)');
  }
  return spec;
}

type Conditions = Pick<FilterRule, 'direction' | 'on' | 'family' | 'protocols' | 'from' | 'to'>;

/** on / af / proto / from / to, in pf.conf(5)'s order. */
function matchPart(c: Cursor, out: Conditions, uncertain: string[]): void {
  if (isWord(c, 'on')) {
    c.at++;
    out.on = interfaceSpec(c);
  }
  // parse.y pfrule: `route` comes between the interface and the address family.
  if (ROUTING.has(peek(c) ?? '')) {
    const word = take(c, 'route-to');
    skipRoute(c);
    uncertain.push(`${word} (sends packets elsewhere than the routing table says)`);
  }
  if (isWord(c, 'inet') || isWord(c, 'inet6')) out.family = take(c, 'an address family') === 'inet' ? 4 : 6;
  if (isWord(c, 'proto')) {
    c.at++;
    const protocols: string[] = [];
    list(c, (inner) => {
      const name = take(inner, 'a protocol').toLowerCase();
      if (!PROTOCOLS.has(name) && !/^[0-9]{1,3}$/.test(name))
        throw new ParseError(`"${name}" is not a protocol pf knows by name`);
      protocols.push(name === '6' ? 'tcp' : name === '17' ? 'udp' : name === '1' ? 'icmp' : name);
    });
    out.protocols = protocols;
  }
  if (isWord(c, 'all')) {
    c.at++;
    out.from = { terms: [{ negated: false, atom: { kind: 'any' } }] };
    out.to = { terms: [{ negated: false, atom: { kind: 'any' } }] };
    return;
  }
  out.from = hostSpec(c, 'from', uncertain);
  out.to = hostSpec(c, 'to', uncertain);
}

type Origin = { line: number; anchor: string; text: string };

const ANY_SPEC = (): HostSpec => ({ terms: [] });

/** Copies what the options say onto the rule, and scopes every table it names. */
function finish<R extends FilterRule | AnchorRule | TranslationRule>(rule: R, opts: RuleOptions): R {
  if (opts.receivedOn) rule.receivedOn = opts.receivedOn;
  if (opts.uncertain.length) rule.uncertain = [...new Set(opts.uncertain)].join(', ');
  scopeTables(rule.from.terms, rule.anchor);
  scopeTables(rule.to.terms, rule.anchor);
  return rule;
}

function filterRule(c: Cursor, origin: Origin): FilterRule {
  const action = take(c, 'pass or block') as FilterRule['action'];
  if (action === 'block' && BLOCK_MODES.has(peek(c) ?? '')) {
    c.at++;
    if (isWord(c, '(')) skipParens(c);
  }
  const base: Conditions = { from: ANY_SPEC(), to: ANY_SPEC() };
  if (isWord(c, 'in') || isWord(c, 'out')) base.direction = take(c, 'in or out') as 'in' | 'out';
  let quick = false;
  while (isWord(c, 'log') || isWord(c, 'quick')) {
    if (take(c, 'log or quick') === 'quick') quick = true;
    else if (isWord(c, '(')) skipParens(c);
  }
  const uncertain: string[] = [];
  matchPart(c, base, uncertain);
  const opts = optionsOf(c, { action });
  opts.uncertain.unshift(...uncertain);
  const rule: FilterRule = {
    kind: 'filter',
    action,
    quick,
    keepState: action === 'pass' && opts.keepState,
    ...base,
    ...origin,
  };
  if (opts.translations.length) {
    for (const t of opts.translations) if (t.target.kind === 'table') t.target.anchor = origin.anchor || undefined;
    rule.translations = opts.translations;
  }
  return finish(rule, opts);
}

/**
 * Words that may follow `anchor` where its name would be: the name is then left out (parse.y: `anchorname` may be
 * empty).
 */
const AFTER_ANCHOR_NAME = new Set([
  'in',
  'out',
  'log',
  'quick',
  'on',
  'inet',
  'inet6',
  'proto',
  'from',
  'to',
  'all',
  '{',
]);

function anchorRule(c: Cursor, origin: Origin): AnchorRule {
  const keyword = take(c, 'anchor') as NonNullable<AnchorRule['keyword']>;
  const next = c.tokens[c.at];
  // An unnamed anchor gets its name once its brace body opens (see handle); without a body it is an error.
  const name =
    next !== undefined && (next.quoted || !AFTER_ANCHOR_NAME.has(next.text)) ? take(c, 'an anchor name') : '';
  const base: Conditions = { from: ANY_SPEC(), to: ANY_SPEC() };
  if (isWord(c, 'in') || isWord(c, 'out')) base.direction = take(c, 'in or out') as 'in' | 'out';
  let quick = false;
  if (isWord(c, 'quick')) {
    c.at++;
    quick = true;
  }
  const uncertain: string[] = [];
  matchPart(c, base, uncertain);
  const opts = optionsOf(c, { action: 'anchor', until: '{' });
  opts.uncertain.unshift(...uncertain);
  if (name === '' && !isWord(c, '{'))
    throw new ParseError(
      'an anchor without inline rules needs a name (pfctl: "anchors without explicit rules must specify a name")',
    );
  return finish({ kind: 'anchor', keyword, name, quick, ...base, ...origin }, opts);
}

function translationRule(c: Cursor, origin: Origin): TranslationRule {
  let negated = false;
  if (isWord(c, 'no')) {
    negated = true;
    c.at++;
  }
  const kind = take(c, 'nat, rdr or binat') as TranslationRule['kind'];
  let pass = false;
  // parse.y natpasslog: `pass` and `log` (with its options) in any order.
  while (isWord(c, 'pass') || isWord(c, 'log')) {
    if (take(c, 'pass or log') === 'pass') pass = true;
    if (isWord(c, '(')) skipParens(c);
  }
  const base: Conditions = { from: ANY_SPEC(), to: ANY_SPEC() };
  const uncertain: string[] = [];
  matchPart(c, base, uncertain);
  const rule: TranslationRule = { kind, negated, ...base, ...origin };
  if (pass) rule.pass = true;
  const opts = translationTail(c, { kind, negated });
  opts.uncertain.unshift(...uncertain);
  if (opts.target) {
    rule.target = opts.target;
    if (opts.target.kind === 'table' && origin.anchor) opts.target.anchor = origin.anchor;
  }
  if (opts.targetPort) rule.targetPort = opts.targetPort;
  return finish(rule, opts);
}

interface Frame {
  anchor: string;
  rules: Rule[];
  /** The anchor rule whose body this frame is; undefined for the top level. */
  owner?: AnchorRule;
  /** Which list the rules of this frame belong to; undefined at the top of a whole pf.conf (each rule says). */
  part?: 'filter' | 'translation';
}

/** Which list pfctl keeps a rule in: `-sr` (filter) or `-sn` (translation). */
function partOf(rule: Rule): 'filter' | 'translation' {
  if (rule.kind === 'anchor') return !rule.keyword || rule.keyword === 'anchor' ? 'filter' : 'translation';
  return rule.kind === 'filter' ? 'filter' : 'translation';
}

const PART_WORDS = { filter: 'filter rules (pfctl -sr)', translation: 'nat and rdr rules (pfctl -sn)' } as const;

export interface ParseOptions {
  /** Anchor path of the text: its rules and tables belong there. */
  anchor?: string;
  /** The text is one of pfctl's listings: rules of the other list are misplaced. Absent: a whole pf.conf. */
  part?: 'filter' | 'translation';
  /** Check pf.conf's statement order as pfctl does (parse.y check_rulestate). */
  order?: boolean;
}

/** Parses pf text. Rules that fail are left out and reported with their line; the rest is still read. */
export function parsePf(text: string, options: ParseOptions = {}): { ruleset: PfRuleset; problems: PfProblem[] } {
  const ruleset: PfRuleset = { filter: [], translation: [], skip: [], tables: new Map() };
  const { statements: lines, errors } = statements(text);
  const problems: PfProblem[] = [...errors];
  const macros = new Map<string, string>();
  const top: Frame = { anchor: options.anchor ?? '', rules: [], part: options.part };
  const state: State = { stack: [top], ruleset, macros, braces: 0, order: options.order ? 0 : undefined, problems };
  for (const statement of lines) {
    try {
      handle(expandMacros(statement, macros), state);
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      problems.push({ line: statement.line, message: error.message });
    }
  }
  // Each anchor left open is reported where it opens: that is the line to fix. Its rules are kept.
  for (const frame of state.stack.slice(1))
    problems.push({ line: frame.owner!.line, message: `anchor "${frame.owner!.name}" is not closed with "}"` });
  ruleset.filter = top.rules.filter((r) => partOf(r) === 'filter');
  ruleset.translation = top.rules.filter((r) => partOf(r) === 'translation');
  // Lexing problems (an unclosed quote) are found before the others: report all in line order.
  problems.sort((a, b) => a.line - b.line);
  return { ruleset, problems };
}

/**
 * Table entries as `pfctl -t NAME -T show` prints them ("10.17.89.1", "!10.0.0.1", "2001:db8::/64"),
 * read like the entries of a `table` statement. An entry it cannot read is a problem (its index).
 */
export function parseTableEntries(entries: readonly string[]): {
  terms: HostTerm[];
  problems: { entry: number; message: string }[];
} {
  const terms: HostTerm[] = [];
  const problems: { entry: number; message: string }[] = [];
  entries.forEach((text, entry) => {
    const trimmed = text.trim();
    const negated = trimmed.startsWith('!');
    try {
      terms.push({ negated, atom: address(negated ? trimmed.slice(1).trim() : trimmed) });
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      problems.push({ entry, message: error.message });
    }
  });
  return { terms, problems };
}

/**
 * A whole pf.conf as an admin writes it: macros, tables, options, normalization, translation and
 * filter rules in one text, split into one ruleset the way pfctl loads it, with pfctl's order check.
 */
export function parsePfConf(text: string): { ruleset: PfRuleset; problems: PfProblem[] } {
  return parsePf(text, { order: true });
}

interface State {
  stack: Frame[];
  ruleset: PfRuleset;
  macros: Map<string, string>;
  /** Brace anchors opened so far: pfctl names an unnamed one `_<n>` (parse.y pfa_anchor). */
  braces: number;
  /** parse.y `rulestate` when the order is checked: the last section a statement was in. */
  order?: number;
  /** Problems that leave the statement read (the order check). */
  problems: PfProblem[];
}

// sbin/pfctl/parse.y: enum PFCTL_STATE_NONE, _OPTION, _ETHER, _SCRUB, _QUEUE, _NAT, _FILTER, and
// check_rulestate(), which every option, scrub, queue, translation and filter rule calls; tables,
// macros and `set skip` (among a few other `set`s) do not call it. `require_order` is 1 unless
// `set require-order no`.
const STATE = { option: 1, ether: 2, scrub: 3, queue: 4, nat: 5, filter: 6 } as const;
const ORDER_MESSAGE = 'Rules must be in order: options, ethernet, normalization, queueing, translation, filtering';
/** `set` options whose grammar action calls check_rulestate(PFCTL_STATE_OPTION) in parse.y. */
const ORDERED_SETS = new Set([
  'optimization',
  'loginterface',
  'block-policy',
  'fail-policy',
  'fingerprints',
  'debug',
  'timeout',
  'limit',
]);

function sectionOf(first: string, second: string | undefined): number | undefined {
  if (first === 'set') return ORDERED_SETS.has(second ?? '') ? STATE.option : undefined;
  if (first === 'ether') return STATE.ether;
  if (first === 'scrub') return STATE.scrub;
  if (first === 'altq' || first === 'queue') return STATE.queue;
  if (/^(nat|rdr|binat)(-anchor)?$/.test(first) || (first === 'no' && /^(nat|rdr|binat)$/.test(second ?? '')))
    return STATE.nat;
  if (/^(pass|block|match|anchor|antispoof)$/.test(first)) return STATE.filter;
  return undefined;
}

/** parse.y check_rulestate: a statement of an earlier section after a later one is refused (the rule is still read). */
function checkOrder(state: State, statement: Statement, first: string): void {
  if (state.order === undefined || state.stack.length > 1) return;
  const section = sectionOf(first, statement.tokens[1]?.text);
  if (section === undefined) return;
  if (section < state.order)
    state.problems.push({ line: statement.line, message: `${ORDER_MESSAGE} (pfctl refuses the file)` });
  else state.order = section;
}

function handle(statement: Statement, state: State): void {
  const { stack, ruleset, macros } = state;
  const frame = stack[stack.length - 1]!;
  const c: Cursor = { tokens: statement.tokens, at: 0 };
  const first = peek(c)!;
  const written = statement.text ?? statement.tokens.map((t) => (t.quoted ? `"${t.text}"` : t.text)).join(' ');
  // An anchor's text is its rule; the `{` that opens its body is not part of it.
  const text = written.replace(/\s*\{$/, (brace) => (ANCHOR_KEYWORDS.has(first) ? '' : brace));
  const origin = { line: statement.line, anchor: frame.anchor, text };
  if (first === '}' && statement.tokens.length === 1) {
    if (stack.length === 1) throw new ParseError('"}" closes no anchor');
    stack.pop();
    return;
  }
  const macro = /^([A-Za-z_][A-Za-z0-9_]*)(=?)$/.exec(first);
  if (macro && (macro[2] === '=' || peek(c, 1) === '=')) {
    macros.set(
      macro[1]!,
      statement.tokens
        .slice(macro[2] === '=' ? 1 : 2)
        .map((t) => t.text)
        .join(' '),
    );
    return;
  }
  if (first === 'set' && isWord({ tokens: statement.tokens, at: 1 }, 'require-order'))
    state.order = statement.tokens[2]?.text === 'no' ? undefined : (state.order ?? 0);
  checkOrder(state, statement, first);
  const refused = REFUSED_STATEMENTS[first];
  if (refused !== undefined) throw new ParseError(refused);
  if (NO_EFFECT_STATEMENTS.has(first)) return;
  if (first === 'set') return setOption(c, ruleset);
  if (first === 'table') return table(c, ruleset, frame.anchor);
  if (first === 'antispoof') {
    if (frame.part === 'translation') throw new ParseError('an antispoof rule among the nat and rdr rules');
    frame.rules.push(...antispoof(c, origin));
    return;
  }
  let rule: Rule;
  if (first === 'pass' || first === 'block' || first === 'match') rule = filterRule(c, origin);
  else if (ANCHOR_KEYWORDS.has(first)) rule = anchorRule(c, origin);
  else if (
    first === 'nat' ||
    first === 'rdr' ||
    first === 'binat' ||
    (first === 'no' && /^(nat|rdr|binat)$/.test(peek(c, 1) ?? ''))
  )
    rule = translationRule(c, origin);
  else
    throw new ParseError(
      `"${first}" does not start a rule pf.conf(5) knows (pass, block, match, anchor, nat, rdr, binat, table, set)`,
    );
  const part = partOf(rule);
  if (frame.part !== undefined && part !== frame.part) {
    const where = frame.owner ? `inside ${frame.owner.keyword ?? 'anchor'} "${frame.owner.name}"` : 'here';
    throw new ParseError(
      `a ${part === 'filter' ? 'filter rule' : `${first === 'no' ? peek(c, 1) : first} rule`} among the ` +
        `${PART_WORDS[frame.part]} ${where}: pf never evaluates it there; it belongs with the ${PART_WORDS[part]}`,
    );
  }
  frame.rules.push(rule);
  if (rule.kind === 'anchor' && isWord(c, '{')) {
    rule.body = [];
    state.braces++;
    if (rule.name === '') rule.name = `_${state.braces}`;
    const path = rule.name.replace(/\/\*$/, '');
    stack.push({ anchor: frame.anchor ? `${frame.anchor}/${path}` : path, rules: rule.body, owner: rule, part });
  }
}

/**
 * `antispoof [log] [quick] for IF [inet|inet6] [label ...]` as pfctl expands it (sbin/pfctl/parse.y,
 * antispoof): per interface `block drop in on ! IF from IF:network to any`, and unless IF is a loopback
 * `block drop in from IF to any`. pfctl resolves the addresses when it loads; the audit when it asks.
 */
function antispoof(c: Cursor, origin: Origin): FilterRule[] {
  c.at++;
  let quick = false;
  while (isWord(c, 'log') || isWord(c, 'quick')) {
    if (take(c, 'log or quick') === 'quick') quick = true;
    else if (isWord(c, '(')) skipParens(c);
  }
  expect(c, 'for');
  const names: string[] = [];
  list(c, (inner) => {
    if (isWord(inner, '(')) {
      inner.at++;
      names.push(take(inner, 'an interface name'));
      expect(inner, ')');
    } else names.push(take(inner, 'an interface name'));
  });
  let family: 4 | 6 | undefined;
  if (isWord(c, 'inet') || isWord(c, 'inet6')) family = take(c, 'an address family') === 'inet' ? 4 : 6;
  optionsOf(c, { action: 'block' });
  const any: HostSpec = { terms: [{ negated: false, atom: { kind: 'any' } }] };
  const from = (name: string, part: 'network' | 'address'): HostSpec => ({
    terms: [{ negated: false, atom: { kind: 'interface', name, part } }],
  });
  const block = (name: string, part: 'network' | 'address'): FilterRule => {
    const rule: FilterRule = {
      kind: 'filter',
      action: 'block',
      quick,
      keepState: false,
      direction: 'in',
      from: from(name, part),
      to: any,
      ...origin,
    };
    if (family) rule.family = family;
    if (part === 'network') rule.on = { negated: true, names: [name] };
    return rule;
  };
  return names.flatMap((name) =>
    // IFF_LOOPBACK is the host's to tell; the audit goes by the name (lo0, lo1).
    /^lo[0-9]*$/.test(name) ? [block(name, 'network')] : [block(name, 'network'), block(name, 'address')],
  );
}

function setOption(c: Cursor, ruleset: PfRuleset): void {
  c.at++;
  const what = take(c, 'an option name');
  if (what !== 'skip') return; // block-policy, state-policy, limits...: no effect on which packets pass
  expect(c, 'on');
  list(c, (inner) => void ruleset.skip.push(take(inner, 'an interface name')));
}

/**
 * `table <name> [persist] [const] [counters] [file "path"]... [{ entries }]` (pf.conf(5) TABLES), kept
 * under the anchor it is declared in. A file's contents are the host's to tell (PrintedPfRuleset.tables).
 */
function table(c: Cursor, ruleset: PfRuleset, anchor: string): void {
  c.at++;
  const name = take(c, 'a <table> name');
  if (!/^<[^<>]+>$/.test(name)) throw new ParseError(`"${name}" is not a table name in angle brackets, like <lan>`);
  const key = tableKey(anchor, name.slice(1, -1));
  const entries: HostTerm[] = [];
  while (peek(c) !== undefined) {
    if (isWord(c, 'persist') || isWord(c, 'const') || isWord(c, 'counters')) c.at++;
    else if (isWord(c, 'file')) {
      c.at++;
      (ruleset.tableFiles ??= new Map()).set(key, take(c, 'a file name'));
    } else if (isWord(c, '{')) entries.push(...hosts(c));
    else throw new ParseError(`"${peek(c)}" in a table definition is not understood`);
  }
  ruleset.tables.set(key, entries);
}

function expandMacros(statement: Statement, macros: Map<string, string>): Statement {
  if (!statement.tokens.some((t) => !t.quoted && t.text.includes('$'))) return statement;
  const tokens: Token[] = [];
  for (const token of statement.tokens) {
    if (token.quoted || !token.text.includes('$')) {
      tokens.push(token);
      continue;
    }
    const replaced = token.text.replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
      const value = macros.get(name);
      if (value === undefined) throw new ParseError(`macro $${name} is used before it is defined`);
      return value;
    });
    const again = tokenizeLine(replaced);
    if ('error' in again) throw new ParseError(again.error);
    tokens.push(...again);
  }
  const expanded: Statement = { line: statement.line, tokens };
  if (statement.text !== undefined) expanded.text = expandText(statement.text, macros);
  return expanded;
}

/** `$name` outside quotes replaced by its value (expandMacros has checked every name is defined). */
function expandText(text: string, macros: Map<string, string>): string {
  return text
    .split(/("[^"]*")/)
    .map((part) =>
      part.startsWith('"')
        ? part
        : part.replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name: string) => macros.get(name) ?? whole),
    )
    .join('');
}
