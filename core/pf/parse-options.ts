import { address } from './parse';
import {
  ParseError,
  interfaceSpec,
  isWord,
  list,
  peek,
  redirectPort,
  skipParens,
  take,
  type Cursor,
} from './parse-words';
import type { AddressAtom, FilterTranslation, InterfaceSpec, PortSpec, TranslationRule } from './ruleset';

// The options after a rule's addresses (sbin/pfctl/parse.y filter_opt, pool_opts, redirection). Each
// is sorted by what it does to a verdict: nothing (label, queue, flags, ...), something the audit
// evaluates (state, received-on, nat-to / rdr-to / binat-to), or something it cannot evaluate
// (route-to, tagged, user, ...), which keeps the rule and marks it uncertain.

/** Options with a value that change neither whether nor where a packet passes. */
const NEUTRAL_WITH_VALUE = new Set([
  'label',
  'tag',
  'queue',
  'prio',
  'max-mss',
  'min-ttl',
  'set-tos',
  'dnpipe',
  'dnqueue',
  'ridentifier',
  'map-e-portset',
]);
const NEUTRAL_ALONE = new Set([
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
  'keep-counters',
]);
/** Options with a value that can change the verdict in ways the audit does not model, and why. */
const UNCERTAIN_WITH_VALUE: Readonly<Record<string, string>> = {
  user: 'user (matches the owner of a local socket)',
  group: 'group (matches the group of a local socket)',
  probability: 'probability (matches a random share of packets)',
  rtable: 'rtable (routes in another routing table)',
  tos: 'tos (matches the TOS field)',
  tagged: 'tagged (matches tags set by other rules)',
  'max-pkt-rate': 'max-pkt-rate (depends on the traffic rate)',
  'max-pkt-size': 'max-pkt-size (depends on the packet size)',
};
const UNCERTAIN_ALONE: Readonly<Record<string, string>> = {
  once: 'once (the rule is removed after its first match)',
  'divert-reply': 'divert-reply (replies go to a local socket)',
};
/** parse.y route: `route-to`, `reply-to`, `dup-to` send packets elsewhere than the routing table says. */
export const ROUTING = new Set(['route-to', 'reply-to', 'dup-to']);
const TRANSLATIONS = new Set<FilterTranslation['kind']>(['nat-to', 'rdr-to', 'binat-to']);
/** The audit's icmp questions are echo requests: a rule for that type alone matches them as written. */
const ECHO_REQUEST = new Set(['echoreq', '8']);

export interface RuleOptions {
  keepState: boolean;
  receivedOn?: InterfaceSpec;
  translations: FilterTranslation[];
  /** Why the audit cannot evaluate the rule fully; empty when it can. */
  uncertain: string[];
}

/** A translation's target: one address, or the first of a pool (which then makes the rule uncertain). */
function redirection(c: Cursor, uncertain: string[]): { target: AddressAtom; port?: PortSpec } {
  let target: AddressAtom | undefined;
  const one = (inner: Cursor): void => {
    let text = take(inner, 'an address');
    if (text === '(') {
      text = take(inner, 'an interface name');
      while (!isWord(inner, ')')) take(inner, '")"');
      inner.at++;
    }
    const atom = address(text);
    if (target !== undefined) uncertain.push('a pool of several translation addresses');
    target ??= atom;
  };
  list(c, one);
  if (target!.kind === 'table') uncertain.push('a translation to a table (pf picks one of its addresses)');
  if (target!.kind === 'cidr' && target!.family === 4 && target!.bits < 32)
    uncertain.push('a translation to a network (pf picks an address by its pool type)');
  const out: { target: AddressAtom; port?: PortSpec } = { target: target! };
  if (isWord(c, 'port')) out.port = redirectPort(c);
  return out;
}

/** Route options: `route-to (em0 10.0.0.1)`, `route-to em0`, `route-to { (em0 a), (em1 b) }`, `route-to a@em0`. */
export function skipRoute(c: Cursor): void {
  if (isWord(c, '{')) list(c, (inner) => (isWord(inner, '(') ? skipParens(inner) : void take(inner, 'a route')));
  else if (isWord(c, '(')) skipParens(c);
  else take(c, 'a route');
}

/** Reads the options of a filter or anchor rule, up to the end (or `until`). */
export function optionsOf(
  c: Cursor,
  rule: { action: 'pass' | 'block' | 'match' | 'anchor'; until?: string },
): RuleOptions {
  const out: RuleOptions = { keepState: true, translations: [], uncertain: [] };
  while (peek(c) !== undefined && !(rule.until !== undefined && isWord(c, rule.until))) {
    const word = take(c, 'an option');
    if (word === 'no' && isWord(c, 'state')) {
      c.at++;
      out.keepState = false;
    } else if ((word === 'keep' || word === 'modulate' || word === 'synproxy') && isWord(c, 'state')) {
      c.at++;
      if (isWord(c, '(')) skipParens(c);
    } else if (word === 'flags') {
      take(c, 'flags');
    } else if (word === 'received-on') {
      // parse.y filter_opt RECEIVEDON: the interface (or group) the packet came in on (pf.c pf_match_rcvif).
      out.receivedOn = interfaceSpec(c);
    } else if (TRANSLATIONS.has(word as FilterTranslation['kind'])) {
      if (rule.action !== 'pass' && rule.action !== 'match')
        throw new ParseError(`"${word}" translates only on pass and match rules (pf.conf(5) TRANSLATION)`);
      const { target, port } = redirection(c, out.uncertain);
      const translation: FilterTranslation = { kind: word as FilterTranslation['kind'], target };
      if (port) translation.port = port;
      out.translations.push(translation);
    } else if (word === '!' && isWord(c, 'tagged')) {
      c.at++;
      take(c, 'a tag');
      out.uncertain.push(UNCERTAIN_WITH_VALUE.tagged!);
    } else if (ROUTING.has(word)) {
      skipRoute(c);
      out.uncertain.push(`${word} (sends packets elsewhere than the routing table says)`);
    } else if (word === 'divert-to') {
      take(c, 'an address');
      if (isWord(c, 'port')) redirectPort(c);
      out.uncertain.push('divert-to (packets go to a local socket)');
    } else if (word === 'af-to') {
      while (peek(c) !== undefined && !isWord(c, 'from') && !isWord(c, 'to')) take(c, 'an address family');
      out.uncertain.push('af-to (translates between IPv4 and IPv6)');
    } else if (word === 'icmp-type' || word === 'icmp6-type') {
      const types: string[] = [];
      list(c, (inner) => {
        types.push(take(inner, 'an icmp type'));
        if (isWord(inner, 'code')) {
          inner.at++;
          take(inner, 'an icmp code');
        }
      });
      if (!types.every((t) => ECHO_REQUEST.has(t))) out.uncertain.push(`${word} (the audit asks with echo requests)`);
    } else if (word in UNCERTAIN_WITH_VALUE) {
      if (isWord(c, '{')) list(c, (inner) => void take(inner, 'a value'));
      else take(c, `a value after "${word}"`);
      // `user`/`group` take operators too: `user >= 1000`, `user 1000 >< 2000`.
      while (/^(=|!=|<|<=|>|>=|><|<>)$/.test(peek(c) ?? '') || /^[0-9]+$/.test(peek(c) ?? '')) c.at++;
      out.uncertain.push(UNCERTAIN_WITH_VALUE[word]!);
    } else if (word in UNCERTAIN_ALONE) {
      out.uncertain.push(UNCERTAIN_ALONE[word]!);
    } else if (NEUTRAL_WITH_VALUE.has(word)) {
      if (isWord(c, '{')) list(c, (inner) => void take(inner, 'a value'));
      else take(c, `a value after "${word}"`);
    } else if (NEUTRAL_ALONE.has(word)) {
      // source-hash may name its key
      if (word === 'source-hash' && /^(0x[0-9a-fA-F]+)$/.test(peek(c) ?? '')) c.at++;
    } else if (word === 'set' || word === 'scrub') {
      // `set prio 3`, `set tos x`, `set queue q`, `set ( ... )`, `scrub ( ... )`: no effect on the verdict.
      if (isWord(c, '(')) skipParens(c);
    } else if (word === '(') {
      c.at--;
      skipParens(c);
    } else {
      throw new ParseError(`"${word}" is not an option Patchbay's audit understands`);
    }
  }
  return out;
}

export interface TranslationOptions extends RuleOptions {
  target?: AddressAtom;
  targetPort?: PortSpec;
}

/**
 * What follows the addresses of a nat/rdr/binat rule (parse.y natrule: `tag`, `tagged`, `rtable`, then
 * `-> redirpool` and pool_opts).
 */
export function translationTail(
  c: Cursor,
  rule: { kind: TranslationRule['kind']; negated: boolean },
): TranslationOptions {
  const out: TranslationOptions = { keepState: false, translations: [], uncertain: [] };
  while (peek(c) !== undefined && !isWord(c, '->')) {
    const word = take(c, 'an option');
    if (word === 'tag') take(c, 'a tag');
    else if (word === 'tagged' || (word === '!' && isWord(c, 'tagged'))) {
      if (word === '!') c.at++;
      take(c, 'a tag');
      out.uncertain.push(UNCERTAIN_WITH_VALUE.tagged!);
    } else if (word === 'rtable') {
      take(c, 'a routing table');
      out.uncertain.push(UNCERTAIN_WITH_VALUE.rtable!);
    } else throw new ParseError(`"${word}" is not an option Patchbay's audit understands`);
  }
  if (!isWord(c, '->')) {
    if (!rule.negated) throw new ParseError(`a ${rule.kind} rule needs "-> address"`);
    return out;
  }
  c.at++;
  const { target, port } = redirection(c, out.uncertain);
  out.target = target;
  if (port) out.targetPort = port;
  while (peek(c) !== undefined) {
    const word = take(c, 'an option');
    if (NEUTRAL_ALONE.has(word)) {
      if (word === 'source-hash' && /^(0x[0-9a-fA-F]+)$/.test(peek(c) ?? '')) c.at++;
    } else if (word === 'map-e-portset') take(c, 'a portset');
    else if (word === 'port' && rule.kind === 'nat') {
      // `nat ... -> (em0) port 1024:65535`: the source ports used, no effect on the verdict.
      take(c, 'a port range');
    } else throw new ParseError(`"${word}" is not an option Patchbay's audit understands`);
  }
  return out;
}
