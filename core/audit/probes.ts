import type { AddrFamily } from '../net/addr';
import { portMatches } from '../pf/match';
import type { HostSpec, PortSpec, Rule } from '../pf/ruleset';
import type { AuditNetwork } from './network';
import type { Probe } from './walk';

// "Can A reach B?" asks about every kind of traffic, and pf rules split traffic by protocol and
// port. Rather than one arbitrary packet, the audit sends one probe per class of traffic the rules
// can tell apart: tcp, udp and icmp to a port no rule names, plus tcp and udp to each port boundary
// a rule names. A pair is reachable when every probe gets through and back, partly reachable when
// some do. Each family has its own probes, from the rules that can match it: a port only an inet6
// rule names is no class of IPv4 traffic, and must not show in (or change) an IPv4 answer.

/** A port no rule is likely to name, used for "any other port"; moved if a rule does name it. */
const OTHER_PORT = 47_123;

function boundaries(spec: PortSpec): number[] {
  const { low, high = low } = spec;
  switch (spec.op) {
    case '=':
    case '!=':
      return [low];
    case '<':
      return [low - 1, low];
    case '<=':
    case '>':
      return [low, low + 1];
    case '>=':
      return [low - 1, low];
    case ':':
      return [low, high, low - 1, high + 1];
    case '><':
      return [low + 1, high - 1, low, high];
    case '<>':
      return [low - 1, high + 1, low, high];
  }
}

/** A host spec with a term of `family`: as match.ts hostMatches, a term of the other family never matches. */
const holdsFamily = (spec: HostSpec, family: AddrFamily): boolean =>
  spec.terms.some((term) => term.atom.kind !== 'cidr' || term.atom.family === family);

/**
 * Whether a rule (or an anchor's body) can match packets of `family`: `inet` / `inet6`, or an
 * address of one family on either side, make it a rule of that family (parse.y expand_rule; match.ts
 * conditionsMatch and hostMatches evaluate it so).
 */
function ruleMayMatch(rule: Rule, family: AddrFamily): boolean {
  if (rule.family !== undefined && rule.family !== family) return false;
  return holdsFamily(rule.from, family) && holdsFamily(rule.to, family);
}

function collect(rules: readonly Rule[], family: AddrFamily, into: Map<string, Set<number>>): void {
  for (const rule of rules) {
    if (!ruleMayMatch(rule, family)) continue;
    if (rule.kind === 'anchor' && rule.body) collect(rule.body, family, into);
    const protocols = rule.protocols ?? ['tcp', 'udp'];
    for (const spec of [...(rule.to.ports ?? []), ...(rule.from.ports ?? [])]) {
      for (const proto of protocols) {
        if (proto !== 'tcp' && proto !== 'udp') continue;
        const set = into.get(proto) ?? new Set();
        for (const port of boundaries(spec)) if (port >= 1 && port <= 65535) set.add(port);
        into.set(proto, set);
      }
    }
  }
}

/**
 * The (protocol, port) pairs filter rules name, "tcp/22": a probe whose port only translation rules
 * name (an rdr's external port) is judged by the filter rules as "other ports" are, unless a
 * translation on its way applies to it (Auditor.verdict uses this to keep rdr ports cheap).
 */
export function filterPortKeys(net: AuditNetwork, family: AddrFamily, probes = probesFor(net, family)): Set<string> {
  // A port only translation rules name is still told apart from "other ports" by a filter rule whose
  // range holds one and not the other (`port 1000:3000` holds an rdr's 2001, never 47123), so the
  // test is what every filter port spec answers, not which ports the filter rules spell out.
  const specs: { protocols?: readonly string[]; spec: PortSpec }[] = [];
  const gather = (rules: readonly Rule[]): void => {
    for (const rule of rules) {
      if (!ruleMayMatch(rule, family)) continue;
      if (rule.kind === 'anchor' && rule.body) gather(rule.body);
      for (const spec of [...(rule.from.ports ?? []), ...(rule.to.ports ?? [])])
        specs.push({ ...(rule.protocols ? { protocols: rule.protocols } : {}), spec });
    }
  };
  for (const stack of net.stacks) if (stack.pf) gather(stack.pf.ruleset.filter);
  const other = probes.find((p) => p.other)?.port ?? OTHER_PORT;
  const keys = new Set<string>();
  for (const probe of probes) {
    if (probe.other || probe.port === undefined) continue;
    const port = probe.port;
    const told = specs.some(
      ({ protocols, spec }) =>
        (!protocols || protocols.includes(probe.proto)) && portMatches(spec, port) !== portMatches(spec, other),
    );
    if (told) keys.add(`${probe.proto}/${port}`);
  }
  return keys;
}

/** The probes of one family: "other ports" of tcp and udp, icmp, then each port boundary its rules name. */
export function probesFor(net: AuditNetwork, family: AddrFamily): Probe[] {
  const named = new Map<string, Set<number>>();
  for (const stack of net.stacks)
    if (stack.pf) collect([...stack.pf.ruleset.filter, ...stack.pf.ruleset.translation], family, named);
  let other = OTHER_PORT;
  while (named.get('tcp')?.has(other) || named.get('udp')?.has(other)) other++;
  const probes: Probe[] = [
    { proto: 'tcp', port: other, other: true },
    { proto: 'udp', port: other, other: true },
    { proto: 'icmp' },
  ];
  for (const proto of ['tcp', 'udp'] as const)
    for (const port of [...(named.get(proto) ?? [])].sort((a, b) => a - b)) probes.push({ proto, port });
  return probes;
}

export function probeName(probe: Probe): string {
  if (probe.proto === 'icmp') return 'icmp';
  return probe.other ? `${probe.proto} (other ports)` : `${probe.proto}/${probe.port}`;
}

/** "tcp/5432, udp/53": short lists of probes, with ports of one protocol kept together. */
export function probeList(probes: readonly Probe[]): string {
  return probes.map(probeName).join(', ');
}

/** One family's probes, and what the Auditor's fast paths need to know of them. */
export interface ProbeSet {
  all: readonly Probe[];
  /** Probes whose port only translation rules name (see filterPortKeys). */
  translationOnly: ReadonlySet<Probe>;
  /** The probes after the first that filter rules tell apart (all but translationOnly). */
  filterProbes: readonly Probe[];
  /** How many translationOnly probes each protocol has. */
  translationOnlyCount: ReadonlyMap<string, number>;
}

export function probeSet(net: AuditNetwork, family: AddrFamily): ProbeSet {
  const all = probesFor(net, family);
  const filterPorts = filterPortKeys(net, family, all);
  const translationOnly = new Set(
    all.filter((p) => p.proto !== 'icmp' && !p.other && !filterPorts.has(`${p.proto}/${p.port}`)),
  );
  const translationOnlyCount = new Map<string, number>();
  for (const p of translationOnly) translationOnlyCount.set(p.proto, (translationOnlyCount.get(p.proto) ?? 0) + 1);
  return {
    all,
    translationOnly,
    filterProbes: all.slice(1).filter((p) => !translationOnly.has(p)),
    translationOnlyCount,
  };
}

/**
 * Whether nat and binat on the way out translate every probe alike in every stack, so a trip's route
 * and nat are the same for every probe. rdr rules are left out: a trip asks them at each stack it
 * enters, and verdict() walks a probe in full when one applies.
 */
export function natIgnoresProbes(net: AuditNetwork): boolean {
  return net.stacks.every(
    (s) => !s.pf || (translationIgnoresProbes(s.pf.ruleset.translation) && !filterRulesTranslate(s.pf.ruleset.filter)),
  );
}

/**
 * A pass rule's nat-to / rdr-to applies when that rule decides, and which rule decides depends on the
 * probe (`pass proto icmp` after `pass out … nat-to` leaves icmp untranslated): such a ruleset's nat is
 * not the same for every probe.
 */
function filterRulesTranslate(rules: readonly Rule[]): boolean {
  return rules.some(
    (r) =>
      (r.kind === 'filter' && r.translations !== undefined) ||
      (r.kind === 'anchor' && !!r.body && filterRulesTranslate(r.body)),
  );
}

function translationIgnoresProbes(rules: readonly Rule[]): boolean {
  return rules.every(
    (r) =>
      r.kind === 'rdr' ||
      (r.kind === 'anchor' && r.keyword === 'rdr-anchor') ||
      (!r.protocols &&
        !r.from.ports &&
        !r.to.ports &&
        (r.kind !== 'anchor' || !r.body || translationIgnoresProbes(r.body))),
  );
}
