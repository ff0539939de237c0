import { ipv4, prefix4 } from '../net/ipv4';
import { decide, type Decision, type Packet, type PfContext, type Protocol } from './evaluate';
import { parsePf } from './parse';
import type { PfRuleset } from './ruleset';

// What the evaluate tests share: one stack's interfaces, loading rules, packets, and verdicts in a
// form that is easy to compare.

/** The stack the packets pass: interfaces with their groups (FreeBSD puts each in its driver's group) and addresses. */
const INTERFACES: Record<string, { groups: string[]; addresses: string[] }> = {
  ixl0: { groups: ['ixl', 'egress'], addresses: ['203.0.113.5/24', '203.0.113.9/24'] },
  epair0a: { groups: ['epair'], addresses: ['10.77.0.1/24'] },
  epair1a: { groups: ['epair'], addresses: ['10.78.0.1/16'] },
  bridge0: { groups: ['bridge'], addresses: [] },
  lo0: { groups: ['lo'], addresses: ['127.0.0.1/8'] },
};

function context(ruleset: PfRuleset): PfContext {
  return {
    interfaces: new Map(
      Object.entries(INTERFACES).map(([name, i]) => [
        name,
        { groups: i.groups, addresses: i.addresses.map((a) => prefix4(a)!) },
      ]),
    ),
    tables: ruleset.tables,
  };
}

export function load(text: string, part?: 'filter' | 'translation'): { ruleset: PfRuleset; ctx: PfContext } {
  const { ruleset, problems } = parsePf(text, part ? { part } : {});
  // A rule the parser refuses would make a test pass or fail for the wrong reason.
  if (problems.length) throw new Error(`test rules do not parse: ${JSON.stringify(problems)}`);
  return { ruleset, ctx: context(ruleset) };
}

export interface PacketSpec {
  proto?: Protocol;
  from?: string;
  to?: string;
  sport?: number;
  dport?: number;
  on?: string;
  dir?: 'in' | 'out';
}

/** Defaults: a TCP SYN from jail 10.77.0.5 to 1.1.1.1:80, coming in on epair0a. */
export function packet(spec: PacketSpec = {}): Packet {
  const proto = spec.proto ?? 'tcp';
  const p: Packet = {
    proto,
    src: ipv4(spec.from ?? '10.77.0.5')!,
    dst: ipv4(spec.to ?? '1.1.1.1')!,
    iface: spec.on ?? 'epair0a',
    direction: spec.dir ?? 'in',
  };
  if (proto !== 'icmp') {
    p.sport = spec.sport ?? 40000;
    p.dport = spec.dport ?? 80;
  }
  return p;
}

/** What decided, in a form that is easy to compare: action, the deciding rule's line and text, and state. */
export function verdict(d: Decision) {
  return {
    action: d.action,
    line: d.rule?.line,
    text: d.rule?.text,
    keepState: d.keepState,
    ...(d.skipped ? { skipped: true } : {}),
  };
}

export function check(text: string, spec: PacketSpec = {}) {
  const { ruleset, ctx } = load(text);
  return verdict(decide(ctx, ruleset, packet(spec)));
}

export const NO_MATCH = { action: 'pass', line: undefined, text: undefined, keepState: false };
