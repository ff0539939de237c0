import { parseCidr, parseIp, type Family } from '../../core/net/ip';
import { ruleKind } from './pf/store';

// How pfctl prints a stored rule back (pfctl -s rules / -s nat), following print_rule(),
// print_fromto(), print_port() and print_pool() in sbin/pfctl/pfctl_parser.c (commit 04fecb9b):
// - order: action; for block " drop" unless a return mode is given (the default block-policy);
//   in/out; log; quick; on [!] <if>; inet/inet6 when the rule has an address family; proto;
//   " all" when source and destination are any without ports, else " from <src> to <dst>";
//   flags; the state option (" keep state" by default on pass, " no state"); the other options;
//   then " -> <pool>" and the pool type for nat/rdr/binat.
// - ports print as "port = <p>", the service name unless -P (numeric), as getservbyport() finds it.
// - the address family comes from the addresses (parse.y decide_address_family(); for nat/rdr also
//   the translation address, remove_invalid_hosts()); `(if)` and tables have none.
// - pass rules that keep state get "flags S/SA" when TCP or no protocol is given and no flags are
//   (docs/freebsd.md §9.2, fixture pfctl-sr-a-star-nested-anchor-expected.txt).
// - nat/rdr/binat to `(if)` or a <table> get "round-robin" (fixture pfctl-s-nat-a-anchor-12x-journal.txt).
// Known gaps (docs/freebsd/pf.md "Listing"): options after the addresses keep their written order;
// only a handful of service names are known; labels keep their written quoting.

const SERVICES: Readonly<Record<string, string>> = {
  '22': 'ssh',
  '25': 'smtp',
  '53': 'domain',
  '80': 'http',
  '443': 'https',
};
const PORTS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SERVICES).map(([port, name]) => [name, port]),
);
const BLOCK_MODES = /^(drop|return|return-rst|return-icmp|return-icmp6)(\(.*\))?$/;
const STATE_WORDS = new Set(['keep', 'modulate', 'synproxy']);
/** Options print_rule() prints after the state option. */
const AFTER_STATE = new Set([
  'probability',
  'fragment',
  'no-df',
  'random-id',
  'min-ttl',
  'max-mss',
  'set-tos',
  'allow-opts',
  'label',
  'ridentifier',
  'dnpipe',
  'dnqueue',
  'queue',
  'tag',
  'tagged',
  'rtable',
  'divert-to',
]);

/** Words of a rule, a quoted string being one word with its quotes. */
function words(rule: string): string[] {
  return rule.trim().match(/"[^"]*"|\S+/g) ?? [];
}

/**
 * The address family of a host word in a rule: an address ("10.0.0.1", without a %zone) or a
 * network ("fd00::/64"); undefined for anything else (any, <table>, (if), an interface name).
 */
export function addressFamily(word: string | undefined): Family | undefined {
  if (word === undefined) return undefined;
  if (word.includes('/')) {
    const network = parseCidr(word);
    return network.ok ? network.value.family : undefined;
  }
  const address = parseIp(word);
  return address.ok && address.value.zone === undefined ? address.value.family : undefined;
}

interface Side {
  negated: boolean;
  host: string;
  port: string[];
}

/** `from`/`to` halves: host (default any) and the port words after it, "port N" made "port = N". */
function side(w: string[], at: number, numeric: boolean): { side: Side; next: number } {
  let i = at;
  const negated = w[i] === '!';
  if (negated) i++;
  let host = 'any';
  if (w[i] !== undefined && w[i] !== 'port' && w[i] !== 'to') host = w[i++]!;
  const port: string[] = [];
  if (w[i] === 'port') {
    i++;
    const op = ['=', '!=', '<', '<=', '>', '>='].includes(w[i]!) ? w[i++]! : '=';
    const value = w[i++] ?? '';
    const shown = numeric ? (PORTS[value] ?? value) : (SERVICES[value] ?? value);
    port.push('port', op, shown);
  }
  return { side: { negated, host, port }, next: i };
}

function sideText(s: Side): string {
  return [...(s.negated ? ['!'] : []), s.host, ...s.port].join(' ');
}

/** How pfctl prints `rule` back; `numeric` is -P. */
export function canonicalRule(rule: string, numeric = false): string {
  const w = words(rule);
  const translation = ruleKind(rule) !== 'filter';
  const out: string[] = [];
  let i = 0;
  // Action and its modifiers up to `on`/af/proto/from/to/all.
  out.push(w[i++]!);
  if (out[0] === 'no') out.push(w[i++]!);
  if (out[0] === 'block') out.push(BLOCK_MODES.test(w[i] ?? '') ? w[i++]! : 'drop');
  while (
    ['in', 'out', 'log', 'quick', 'pass'].includes(w[i] ?? '') ||
    (w[i]?.startsWith('(') && out[out.length - 1] === 'log')
  )
    out.push(w[i++]!);
  if (w[i] === 'on') {
    out.push(w[i++]!);
    if (w[i] === '!') out.push(w[i++]!);
    out.push(w[i++]!);
  }
  let af = w[i] === 'inet' || w[i] === 'inet6' ? w[i++] : undefined;
  const proto = w[i] === 'proto' ? [w[i++]!, w[i++]!] : [];
  let from: Side = { negated: false, host: 'any', port: [] };
  let to: Side = { negated: false, host: 'any', port: [] };
  if (w[i] === 'all') i++;
  if (w[i] === 'from') ({ side: from, next: i } = side(w, i + 1, numeric));
  if (w[i] === 'to') ({ side: to, next: i } = side(w, i + 1, numeric));
  const rest = w.slice(i);
  const arrow = rest.indexOf('->');
  const target = arrow >= 0 ? rest[arrow + 1] : undefined;
  af ??= (() => {
    const found = [from.host, to.host, ...(translation ? [target] : [])]
      .map(addressFamily)
      .find((f) => f !== undefined);
    return found === undefined ? undefined : found === 4 ? 'inet' : 'inet6';
  })();
  if (af) out.push(af);
  out.push(...proto);
  const everything =
    !from.negated && !to.negated && from.host === 'any' && to.host === 'any' && !from.port.length && !to.port.length;
  out.push(...(everything ? ['all'] : ['from', sideText(from), 'to', sideText(to)]));
  if (translation) {
    out.push(...rest);
    const pooled = target !== undefined && (target.startsWith('(') || target.startsWith('<'));
    if (pooled && !rest.some((t) => ['round-robin', 'random', 'source-hash', 'bitmask'].includes(t)))
      out.push('round-robin');
    return out.join(' ');
  }
  if (out[0] === 'pass') {
    const stateless = rest.some((t, k) => t === 'no' && rest[k + 1] === 'state');
    const tcpLike = proto.length === 0 || proto[1] === 'tcp';
    const options = [...rest];
    if (!stateless && !options.includes('flags') && tcpLike) {
      const stateAt = options.findIndex((t) => STATE_WORDS.has(t) || AFTER_STATE.has(t));
      options.splice(stateAt < 0 ? options.length : stateAt, 0, 'flags', 'S/SA');
    }
    if (!stateless && !options.some((t) => STATE_WORDS.has(t))) {
      const after = options.findIndex((t) => AFTER_STATE.has(t));
      options.splice(after < 0 ? options.length : after, 0, 'keep', 'state');
    }
    out.push(...options);
  } else {
    out.push(...rest);
  }
  return out.join(' ');
}
