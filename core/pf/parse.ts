import { ipv4 } from '../net/ipv4';
import { parseCidr } from '../net/ip';
import type {
  AddressAtom,
  AnchorRule,
  FilterRule,
  HostSpec,
  HostTerm,
  InterfaceSpec,
  PfProblem,
  PfRuleset,
  PortOperator,
  PortSpec,
  Rule,
  TranslationRule,
} from './ruleset';
import { statements, tokenizeLine, type Statement, type Token } from './tokenize';

// A parser for the pf.conf(5) subset in ruleset.ts. It reads both what an admin writes (macros,
// tables, lists, `set skip`) and what `pfctl -s rules -a '*'` / `-s nat -a '*'` print (anchor
// bodies inline, `port = 80`, `flags S/SA keep state`, `round-robin`). Every error names the line
// and the rule broken; what a statement means beyond this subset is refused, not guessed.

const SERVICES: Readonly<Record<string, number>> = {
  'ftp-data': 20,
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  http: 80,
  www: 80,
  pop3: 110,
  sunrpc: 111,
  ntp: 123,
  imap: 143,
  snmp: 161,
  ldap: 389,
  https: 443,
  submission: 587,
  imaps: 993,
  pop3s: 995,
};
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
/** Words after the addresses that pf accepts and that do not change whether a packet passes. */
const OPTIONS_WITH_VALUE = new Set([
  'label',
  'tag',
  'queue',
  'rtable',
  'probability',
  'prio',
  'icmp-type',
  'icmp6-type',
  'user',
  'group',
  'os',
  'max-mss',
  'min-ttl',
  'set-tos',
  'tos',
  'divert-to',
  'dnpipe',
  'dnqueue',
  'ridentifier',
]);
const OPTIONS_ALONE = new Set([
  'allow-opts',
  'no-df',
  'random-id',
  'fragment',
  'reassemble',
  'static-port',
  'sticky-address',
  'round-robin',
  'random',
  'source-hash',
  'bitmask',
  'prefer-ipv6-nexthop',
]);
const IGNORED_STATEMENTS = new Set(['scrub', 'altq', 'queue', 'load', 'antispoof', 'ether']);

class ParseError extends Error {}

interface Cursor {
  tokens: Token[];
  at: number;
}

const peek = (c: Cursor, ahead = 0): string | undefined => c.tokens[c.at + ahead]?.text;
const isWord = (c: Cursor, word: string): boolean => peek(c) === word && c.tokens[c.at]?.quoted === false;

function take(c: Cursor, what: string): string {
  const token = c.tokens[c.at++];
  if (token === undefined) throw new ParseError(`expected ${what} at the end of the rule`);
  return token.text;
}

function expect(c: Cursor, word: string): void {
  const got = take(c, `"${word}"`);
  if (got !== word) throw new ParseError(`expected "${word}" but found "${got}"`);
}

/** `x` or `{ x, y }` (commas optional, as pf allows). */
function list(c: Cursor, item: (c: Cursor) => void): void {
  if (!isWord(c, '{')) return item(c);
  c.at++;
  while (!isWord(c, '}')) {
    if (peek(c) === undefined) throw new ParseError('a "{" list is not closed with "}"');
    if (isWord(c, ',')) {
      c.at++;
      continue;
    }
    item(c);
  }
  c.at++;
}

function address(text: string): AddressAtom {
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

function portNumber(text: string): number {
  const value = SERVICES[text] ?? (/^[0-9]+$/.test(text) ? Number(text) : NaN);
  if (!(value >= 0 && value <= 65535)) throw new ParseError(`"${text}" is not a port number or a known service name`);
  return value;
}

const PORT_OPERATORS = new Set(['=', '!=', '<', '<=', '>', '>=']);

function portItem(c: Cursor, into: PortSpec[]): void {
  const first = take(c, 'a port');
  if (PORT_OPERATORS.has(first)) {
    into.push({ op: first as PortOperator, low: portNumber(take(c, 'a port')) });
    return;
  }
  if (first.includes(':')) {
    const [low = '', high = ''] = first.split(':');
    into.push({ op: ':', low: portNumber(low), high: portNumber(high) });
    return;
  }
  const op = peek(c);
  if (op === '><' || op === '<>') {
    c.at++;
    into.push({ op, low: portNumber(first), high: portNumber(take(c, 'a port')) });
    return;
  }
  into.push({ op: '=', low: portNumber(first) });
}

function ports(c: Cursor): PortSpec[] | undefined {
  if (!isWord(c, 'port')) return undefined;
  c.at++;
  const specs: PortSpec[] = [];
  list(c, (inner) => portItem(inner, specs));
  return specs;
}

function hostSpec(c: Cursor, keyword: 'from' | 'to'): HostSpec {
  if (!isWord(c, keyword)) return { terms: [{ negated: false, atom: { kind: 'any' } }] };
  c.at++;
  // `to port 80`: any host.
  const terms = isWord(c, 'port') ? [{ negated: false, atom: { kind: 'any' } as AddressAtom }] : hosts(c);
  const spec: HostSpec = { terms };
  const p = ports(c);
  if (p) spec.ports = p;
  if (keyword === 'from' && isWord(c, 'os')) {
    c.at += 2;
  }
  return spec;
}

/** The part every rule shares: direction, on, af, proto, from/to. Returns what it read. */
function conditions(
  c: Cursor,
  head: { direction?: boolean },
): Omit<FilterRule, 'kind' | 'action' | 'quick' | 'keepState' | 'line' | 'anchor' | 'text'> {
  const out: ReturnType<typeof conditions> = { from: { terms: [] }, to: { terms: [] } };
  if (head.direction && (isWord(c, 'in') || isWord(c, 'out'))) out.direction = take(c, 'in or out') as 'in' | 'out';
  return out;
}

function interfaceSpec(c: Cursor): InterfaceSpec {
  let negated = false;
  if (isWord(c, '!')) {
    negated = true;
    c.at++;
  }
  const names: string[] = [];
  list(c, (inner) => {
    const name = take(inner, 'an interface name');
    if (!/^[A-Za-z][A-Za-z0-9_.]*$/.test(name)) throw new ParseError(`"${name}" is not an interface or group name`);
    names.push(name);
  });
  return { negated, names };
}

/** on / af / proto / from / to, in pf.conf(5)'s order. */
function matchPart(c: Cursor, out: ReturnType<typeof conditions>): void {
  if (isWord(c, 'on')) {
    c.at++;
    out.on = interfaceSpec(c);
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
  out.from = hostSpec(c, 'from');
  out.to = hostSpec(c, 'to');
}

/** Skips option words; returns the state choice (`no state` → false). */
function options(c: Cursor, until?: string): { keepState: boolean } {
  let keepState = true;
  while (peek(c) !== undefined && peek(c) !== until) {
    const word = take(c, 'an option');
    if (word === 'no' && isWord(c, 'state')) {
      c.at++;
      keepState = false;
    } else if ((word === 'keep' || word === 'modulate' || word === 'synproxy') && isWord(c, 'state')) {
      c.at++;
      if (isWord(c, '(')) skipParens(c);
    } else if (word === 'flags') {
      take(c, 'flags');
    } else if (word === 'tagged' || word === '!') {
      throw new ParseError(
        '"tagged" rules are not evaluated by the audit (tags depend on earlier rules\' side effects)',
      );
    } else if (OPTIONS_WITH_VALUE.has(word)) {
      if (isWord(c, '{')) list(c, (inner) => void take(inner, 'a value'));
      else take(c, `a value after "${word}"`);
    } else if (OPTIONS_ALONE.has(word)) {
      continue;
    } else if (word === '(') {
      c.at--;
      skipParens(c);
    } else if (word === 'port' && until === undefined) {
      // `-> 10.0.0.3 port 80` on rdr targets.
      take(c, 'a port');
    } else {
      throw new ParseError(`"${word}" is not an option Patchbay's audit understands`);
    }
  }
  return { keepState };
}

function skipParens(c: Cursor): void {
  let depth = 0;
  do {
    const word = take(c, '")"');
    if (word === '(') depth++;
    else if (word === ')') depth--;
  } while (depth > 0);
}

function filterRule(c: Cursor, origin: { line: number; anchor: string; text: string }): FilterRule {
  const action = take(c, 'pass or block') as FilterRule['action'];
  if (action === 'block' && BLOCK_MODES.has(peek(c) ?? '')) {
    c.at++;
    if (isWord(c, '(')) skipParens(c);
  }
  const base = conditions(c, { direction: true });
  let quick = false;
  while (isWord(c, 'log') || isWord(c, 'quick')) {
    if (take(c, 'log or quick') === 'quick') quick = true;
    else if (isWord(c, '(')) skipParens(c);
  }
  matchPart(c, base);
  const { keepState } = options(c);
  return { kind: 'filter', action, quick, keepState: action === 'pass' && keepState, ...base, ...origin };
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

function anchorRule(c: Cursor, origin: { line: number; anchor: string; text: string }): AnchorRule {
  c.at++; // anchor, nat-anchor, rdr-anchor, binat-anchor
  const next = c.tokens[c.at];
  // An unnamed anchor gets its name once its brace body opens (see handle); without a body it is an error.
  const name =
    next !== undefined && (next.quoted || !AFTER_ANCHOR_NAME.has(next.text)) ? take(c, 'an anchor name') : '';
  const base = conditions(c, { direction: true });
  let quick = false;
  if (isWord(c, 'quick')) {
    c.at++;
    quick = true;
  }
  matchPart(c, base);
  if (peek(c) !== undefined && !isWord(c, '{'))
    throw new ParseError(`"${peek(c)}" after an anchor rule is not understood`);
  if (name === '' && !isWord(c, '{'))
    throw new ParseError(
      'an anchor without inline rules needs a name (pfctl: "anchors without explicit rules must specify a name")',
    );
  return { kind: 'anchor', name, quick, ...base, ...origin };
}

function translationRule(c: Cursor, origin: { line: number; anchor: string; text: string }): TranslationRule {
  let negated = false;
  if (isWord(c, 'no')) {
    negated = true;
    c.at++;
  }
  const kind = take(c, 'nat, rdr or binat') as TranslationRule['kind'];
  const base = conditions(c, { direction: false });
  while (isWord(c, 'pass') || isWord(c, 'log')) {
    c.at++;
    if (isWord(c, '(')) skipParens(c);
  }
  matchPart(c, base);
  const rule: TranslationRule = { kind, negated, ...base, ...origin };
  if (isWord(c, '->')) {
    c.at++;
    if (isWord(c, '{')) throw new ParseError('a pool of several translation addresses is not evaluated by the audit');
    rule.target = hostTerm(c).atom;
    options(c);
  } else if (!negated) {
    throw new ParseError(`a ${kind} rule needs "-> address"`);
  }
  return rule;
}

interface Frame {
  anchor: string;
  rules: Rule[];
  /** The anchor rule whose body this frame is; undefined for the top level. */
  owner?: AnchorRule;
}

/** Parses pf text. Rules that fail are left out and reported; the rest is still read. */
export function parsePf(
  text: string,
  options: { anchor?: string; part?: 'filter' | 'translation' } = {},
): { ruleset: PfRuleset; problems: PfProblem[] } {
  const ruleset: PfRuleset = { filter: [], translation: [], skip: [], tables: new Map() };
  const { statements: lines, errors } = statements(text);
  const problems: PfProblem[] = [...errors];
  const macros = new Map<string, string>();
  const top: Frame = { anchor: options.anchor ?? '', rules: [] };
  const state: State = { stack: [top], ruleset, macros, braces: 0 };
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
  // pfctl lists filter and translation rules separately (-sr, -sn); in a pf.conf both are mixed,
  // and an anchor goes where its hook keyword says.
  const translation = (r: Rule): boolean =>
    options.part === 'translation' ||
    (options.part === undefined &&
      (r.kind === 'nat' ||
        r.kind === 'rdr' ||
        r.kind === 'binat' ||
        (r.kind === 'anchor' && /^(nat|rdr|binat)-anchor\b/.test(r.text))));
  ruleset.filter = top.rules.filter((r) => !translation(r));
  ruleset.translation = top.rules.filter(translation);
  // Lexing problems (an unclosed quote) are found before the others: report all in line order.
  problems.sort((a, b) => a.line - b.line);
  return { ruleset, problems };
}

interface State {
  stack: Frame[];
  ruleset: PfRuleset;
  macros: Map<string, string>;
  /** Brace anchors opened so far: pfctl names an unnamed one `_<n>` (parse.y pfa_anchor). */
  braces: number;
}

function handle(statement: Statement, state: State): void {
  const { stack, ruleset, macros } = state;
  const frame = stack[stack.length - 1]!;
  const c: Cursor = { tokens: statement.tokens, at: 0 };
  const first = peek(c)!;
  const written = statement.text ?? statement.tokens.map((t) => (t.quoted ? `"${t.text}"` : t.text)).join(' ');
  // An anchor's text is its rule; the `{` that opens its body is not part of it.
  const text = written.replace(/\s*\{$/, (brace) => (/^((nat|rdr|binat)-)?anchor$/.test(first) ? '' : brace));
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
  if (IGNORED_STATEMENTS.has(first))
    throw new ParseError(
      `"${first}" statements are not part of what the audit evaluates; remove or comment them to audit the rest`,
    );
  if (first === 'set') return setOption(c, ruleset);
  if (first === 'table') return table(c, ruleset);
  let rule: Rule;
  if (first === 'pass' || first === 'block' || first === 'match') rule = filterRule(c, origin);
  else if (first === 'anchor' || first === 'nat-anchor' || first === 'rdr-anchor' || first === 'binat-anchor')
    rule = anchorRule(c, origin);
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
  frame.rules.push(rule);
  if (rule.kind === 'anchor' && isWord(c, '{')) {
    rule.body = [];
    state.braces++;
    if (rule.name === '') rule.name = `_${state.braces}`;
    const path = rule.name.replace(/\/\*$/, '');
    stack.push({ anchor: frame.anchor ? `${frame.anchor}/${path}` : path, rules: rule.body, owner: rule });
  }
}

function setOption(c: Cursor, ruleset: PfRuleset): void {
  c.at++;
  const what = take(c, 'an option name');
  if (what !== 'skip') return; // block-policy, state-policy, limits...: no effect on which packets pass
  expect(c, 'on');
  list(c, (inner) => void ruleset.skip.push(take(inner, 'an interface name')));
}

function table(c: Cursor, ruleset: PfRuleset): void {
  c.at++;
  const name = take(c, 'a <table> name');
  if (!/^<[^<>]+>$/.test(name)) throw new ParseError(`"${name}" is not a table name in angle brackets, like <lan>`);
  while (isWord(c, 'persist') || isWord(c, 'const') || isWord(c, 'counters')) c.at++;
  if (isWord(c, 'file'))
    throw new ParseError('tables read from a file are not evaluated by the audit; list the addresses inline');
  ruleset.tables.set(name.slice(1, -1), peek(c) === undefined ? [] : hosts(c));
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
