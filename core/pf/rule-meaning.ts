// Compares a pf rule as we wrote it with the line pfctl prints back (docs/freebsd.md §9.2).
// pfctl prints rules in canonical form, so both sides are rewritten into one canonical token
// string and compared. Rewrites (each is applied to both sides; already-canonical text is left
// alone):
// - `pass` gets `keep state` unless a state option is given, and `flags S/SA` when stateful,
//   TCP or no protocol, no `flags`, no `fragment` (§9.2 anchor.sh sample; sbin/pfctl/parse.y:
//   "'keep state' by default on pass rules", "'flags S/SA' by default on stateful rules", and
//   expand_rule() clears flags for non-TCP protocols).
// - no from/to → `all`; `from any to any` → `all`; a missing `from`/`to` half or host → `any`.
// - `inet`/`inet6` is added when the rule's addresses are all of one family (§9.2 nat sample;
//   parse.y decide_address_family). For filter rules this is by analogy, unverified.
// - nat/rdr/binat whose target is `(if)`, a `<table>` or a `{list}` gets `round-robin` when no
//   pool type is given (§9.2 nat sample; parse.y natrule "r.rpool.opts = PF_POOL_ROUNDROBIN").
// - ports: `port 80` → `port = 80` before `->`; service names → numbers on both sides, so
//   `port = http` equals `port 80` (§9.2 rdr sample). Table below; only http is seen verbatim.
// - `block` alone → `block drop` (pfctl_parser.c print_rule prints " drop"; assumes the
//   default block-policy).
// - options after the addresses (flags, state, label, tag, ...) are compared as a set: pf.conf
//   accepts them in any order and pfctl prints them in its own order.
// NOT handled: `{ list }` expansion into several rules, macros (expand them first), protocol
// numbers (`proto 6`), route-to/reply-to/dup-to, the optimizer's <__automatic_...> tables,
// the spelling of state options such as `(max 10, source-track rule)`.

const SERVICE_PORTS: Readonly<Record<string, string>> = {
  'ftp-data': '20',
  ftp: '21',
  ssh: '22',
  telnet: '23',
  smtp: '25',
  domain: '53',
  http: '80',
  www: '80',
  pop3: '110',
  sunrpc: '111',
  ntp: '123',
  imap: '143',
  snmp: '161',
  ldap: '389',
  https: '443',
  submission: '587',
  imaps: '993',
  pop3s: '995',
};
const PORT_OPERATORS = new Set(['=', '!=', '<', '<=', '>', '>=']);
const HEAD_WORDS = new Set([
  'pass',
  'drop',
  'return',
  'return-rst',
  'return-icmp',
  'return-icmp6',
  'in',
  'out',
  'log',
  'quick',
]);
const DROP_WORDS = new Set(['drop', 'return', 'return-rst', 'return-icmp', 'return-icmp6']);
const ANCHOR_KINDS = new Set(['anchor', 'nat-anchor', 'rdr-anchor', 'binat-anchor']);
const TRANSLATIONS = new Set(['nat', 'rdr', 'binat']);
const OPTION_STARTS = new Set([
  'flags',
  'keep',
  'no',
  'modulate',
  'synproxy',
  'label',
  'tag',
  'tagged',
  '!',
  'queue',
  'icmp-type',
  'icmp6-type',
  'user',
  'group',
  'allow-opts',
  'fragment',
  'rtable',
  'probability',
  'prio',
  'set',
  'tos',
  'os',
  'max-mss',
  'min-ttl',
  'no-df',
  'random-id',
  'set-tos',
  'divert-to',
  'divert-reply',
  'received-on',
  'nat-to',
  'rdr-to',
  'binat-to',
  'once',
  'ridentifier',
  'max-pkt-rate',
]);
const POOL_TYPES = new Set(['round-robin', 'random', 'source-hash', 'bitmask']);

export function sameRuleMeaning(written: string, printed: string): boolean {
  return canonicalPfRule(written) === canonicalPfRule(printed);
}

/** The canonical token form used by sameRuleMeaning (exported for tests and diagnostics). */
export function canonicalPfRule(rule: string): string {
  const tokens = tokenize(rule);
  const [rhs, translation] = splitAt(tokens, '->');
  let i = 0;
  const peek = (): string | undefined => rhs[i];

  const head = [rhs[i++] ?? ''];
  if (head[0] === 'no') head.push(rhs[i++] ?? ''); // `no nat`, `no rdr`, `no binat`
  const kind = head[0] ?? '';
  if (ANCHOR_KINDS.has(kind) && peek() !== undefined) head.push(`"${rhs[i++]}"`);
  while (
    peek() !== undefined &&
    (HEAD_WORDS.has(peek() ?? '') || (head[head.length - 1] === 'log' && peek()?.startsWith('(')))
  )
    head.push(rhs[i++] ?? '');
  if (kind === 'block' && !head.some((w) => DROP_WORDS.has(w))) head.splice(1, 0, 'drop');

  const on: string[] = [];
  if (peek() === 'on') {
    on.push(rhs[i++] ?? '');
    if (peek() === '!') on.push(rhs[i++] ?? '');
    on.push(rhs[i++] ?? '');
  }
  let af = peek() === 'inet' || peek() === 'inet6' ? rhs[i++] : undefined;
  const proto: string[] = peek() === 'proto' ? [rhs[i++] ?? '', rhs[i++] ?? ''] : [];

  /** Host words after `from`/`to`, up to `to` or the first option keyword. */
  const takeHosts = (): string[] => {
    const taken: string[] = [];
    i++; // the `from` or `to` keyword itself
    while (peek() !== undefined && peek() !== 'to' && !OPTION_STARTS.has(peek() ?? '')) taken.push(rhs[i++] ?? '');
    return taken;
  };
  if (peek() === 'all') i++;
  const from = peek() === 'from' ? takeHosts() : undefined;
  const to = peek() === 'to' ? takeHosts() : undefined;
  const addresses = from === undefined && to === undefined ? ['all'] : normalizeHosts(from ?? ['any'], to ?? ['any']);

  const options = groupOptions(rhs.slice(i));
  const target = translation
    ? normalizePorts(
        translation.filter((t) => !isPoolOption(t)),
        false,
      )
    : [];
  const pool = translation ? translation.filter(isPoolOption) : [];

  af ??= inferFamily([...(from ?? []), ...(to ?? []), ...target]);
  if (kind === 'pass') addPassDefaults(options, proto[1]);
  if (TRANSLATIONS.has(kind) && !pool.some((p) => POOL_TYPES.has(p)) && needsRoundRobin(target))
    pool.push('round-robin');

  const words = [...head, ...on, ...(af ? [af] : []), ...proto, ...addresses, ...options.sort()];
  if (translation) words.push('->', ...target, ...pool.sort());
  return words.join(' ');
}

function normalizeHosts(from: string[], to: string[]): string[] {
  // `to port 443` means `to any port 443`.
  const withHost = (part: string[]): string[] => (part.length === 0 || part[0] === 'port' ? ['any', ...part] : part);
  const source = normalizePorts(withHost(from), true);
  const destination = normalizePorts(withHost(to), true);
  if (source.join(' ') === 'any' && destination.join(' ') === 'any') return ['all'];
  return ['from', ...source, 'to', ...destination];
}

/** `port 80` → `port = 80` (with an operator before `->` only); service names → numbers. */
function normalizePorts(tokens: string[], addEquals: boolean): string[] {
  const out: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k] ?? '';
    out.push(token);
    if (token !== 'port') continue;
    const next = tokens[k + 1] ?? '';
    if (PORT_OPERATORS.has(next)) {
      out.push(next, portNumber(tokens[k + 2] ?? ''));
      k += 2;
    } else {
      const isRange = next.includes(':') || tokens[k + 2] === '><' || tokens[k + 2] === '<>';
      if (addEquals && !isRange) out.push('=');
      out.push(next.split(':').map(portNumber).join(':'));
      k += 1;
    }
  }
  return out;
}

function portNumber(value: string): string {
  return SERVICE_PORTS[value] ?? value;
}

function addPassDefaults(options: string[], proto: string | undefined): void {
  const state = options.find((o) => /^(keep|no|modulate|synproxy) state\b/.test(o));
  if (state === undefined) options.push('keep state');
  const stateful = state === undefined || !state.startsWith('no ');
  const tcpOrAny = proto === undefined || proto === 'tcp';
  const hasFlags = options.some((o) => o.startsWith('flags ')) || options.includes('fragment');
  if (stateful && tcpOrAny && !hasFlags) options.push('flags S/SA');
}

function needsRoundRobin(target: string[]): boolean {
  const host = target[0] ?? '';
  return host.startsWith('<') || host === '{' || (host.startsWith('(') && !host.endsWith(':0)'));
}

function isPoolOption(token: string): boolean {
  return POOL_TYPES.has(token) || token === 'sticky-address' || token === 'static-port';
}

function inferFamily(hosts: string[]): 'inet' | 'inet6' | undefined {
  const families = new Set<string>();
  hosts.forEach((token, k) => {
    if (hosts[k - 1] === 'port' || PORT_OPERATORS.has(hosts[k - 1] ?? '')) return;
    if (/^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/.test(token)) families.add('inet');
    else if (/^[0-9a-f]*:[0-9a-f:.]*(\/\d{1,3})?$/i.test(token) && !/^\d+:\d+$/.test(token)) families.add('inet6');
  });
  const [only] = families;
  return families.size === 1 ? (only as 'inet' | 'inet6') : undefined;
}

/** Option clauses after the addresses, each as one string: "flags S/SA", "label passtcp", ... */
function groupOptions(tokens: string[]): string[] {
  const clauses: string[][] = [];
  for (const token of tokens) {
    const last = clauses[clauses.length - 1];
    // `! tagged x` is one clause; any word that does not start a clause belongs to the previous one.
    const continues = last !== undefined && ((last.length === 1 && last[0] === '!') || !OPTION_STARTS.has(token));
    if (continues) last.push(token);
    else clauses.push([token]);
  }
  return clauses.map((clause) => clause.join(' '));
}

/** Words, with quotes removed and a leading `!` split off (`!<lan>` → `!`, `<lan>`). */
function tokenize(rule: string): string[] {
  const tokens: string[] = [];
  for (const [, quoted, word] of rule.trim().matchAll(/"([^"]*)"|(\S+)/g)) {
    if (quoted !== undefined) tokens.push(quoted);
    else if (word !== undefined && word.length > 1 && word.startsWith('!') && word !== '!=')
      tokens.push('!', word.slice(1));
    else if (word !== undefined) tokens.push(word);
  }
  return tokens;
}

function splitAt(tokens: string[], separator: string): [string[], string[] | undefined] {
  const at = tokens.indexOf(separator);
  return at < 0 ? [tokens, undefined] : [tokens.slice(0, at), tokens.slice(at + 1)];
}
