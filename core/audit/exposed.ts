import { familyOf, formatAddr, parsePrefix, scopeOf, type Addr } from '../net/addr';
import type { AddressAtom, Rule } from '../pf/ruleset';
import { primaryAddress, routableAddresses6, type Auditor, type Destination, type Source } from './audit';
import { interfaceAddresses } from './targets';
import type { AuditNetwork, AuditStack } from './network';
import { probeName } from './probes';
import { walk, type Place, type Probe, type RuleRef, type Step, type Trip } from './walk';

// The Exposed view: for each jail, what the LAN and the internet can open on it, and which rules
// decide. A packet from outside reaches a jail two ways: straight to the jail's own address (a vnet
// jail on a bridge to the LAN, or a public address), or to one of the host's addresses where an rdr
// rule (rdr, binat, rdr-to) sends it on to the jail. So the candidates for a jail are
//   - every probe of the audit in the address's family (probesFor: each port a rule of that family
//     names, and one "other" port per protocol) sent to the jail's own address, and
//   - for each rdr rule whose target is one of the jail's addresses, each port the rule takes
//     (its `to ... port`, or every probe port when it names none), sent to each host address the
//     rule can match;
// each is walked from the LAN and from the internet, and kept when it is delivered to the jail.
// The rdr rule and the filter rule are read off the kept trips' steps: the step the walk marks as
// the rdr, and the first pf step after it in the same stack (or, without rdr, the last pf step
// before delivery: the jail's own filter, or the host's for a shared-IP jail).
// Both families are asked: a jail's global IPv6 address is reachable from outside unless pf blocks
// it (no NAT66 unless a rule says so), and an rdr to an IPv6 target forwards IPv6 ports.

export type Origin = 'lan' | 'internet';

export interface ExposedPort {
  /** The jail's stack id (a shared-IP jail's own id, though it runs in the host's stack). */
  jail: string;
  name: string;
  origin: Origin;
  /** The LAN the packet came from (origin 'lan'), or the LAN the internet reaches the host through. */
  lan?: string;
  family: 4 | 6;
  protocol: 'tcp' | 'udp';
  /** The port the jail receives on (after any rdr). */
  port: number;
  /** The probe stands for every port no rule names ("tcp (other ports)"). */
  other?: true;
  /** What the outside asked for: an address (the host's, or the jail's own) and a port. */
  address: string;
  /** The address is the jail's parent's, which the jail may use (`ip4 = inherit`), not one of its own. */
  inherited?: true;
  askedPort: number;
  /** reachable: the reply comes back too; one-way: the packet arrives, the reply is lost. */
  verdict: 'reachable' | 'one-way';
  rdr?: RuleRef & { stack: string; text: string };
  filter: { rule?: RuleRef; text: string };
  /** Set when a rule on the way could not be evaluated in full. */
  uncertain?: string;
}

/** A jail as outsiders see it: the stack packets for it end in, and the addresses that are its own. */
export interface JailTarget {
  id: string;
  name: string;
  stack: AuditStack;
  addresses: Addr[];
  /** The addresses are its parent's (`ip4 = inherit`). */
  inherited?: true;
}

/**
 * The jails of the network: a vnet jail is its own stack; a shared-IP jail (JailStack.sharedIp) is
 * its IPv4 addresses in its parent's stack (jail(8): a non-vnet jail binds only to `ip4.addr`).
 */
export function jailTargets(net: AuditNetwork): JailTarget[] {
  const targets: JailTarget[] = [];
  const host = net.stacks.find((s) => s.kind === 'host');
  for (const stack of net.topology.stacks) {
    if (stack.kind !== 'jail') continue;
    if (stack.sharedIp) {
      const parent = (stack.parent && net.stackById.get(stack.parent)) || host;
      const listed = [stack.sharedIp.ip4, stack.sharedIp.ip6].flatMap((list) => (list === 'inherit' ? [] : list));
      const addresses = listed.flatMap((a) => {
        const p = parsePrefix(a.address);
        return p ? [p.address] : [];
      });
      // A place of its own sharing its parent's stack (shared-jails.ts).
      const own = net.stackById.get(stack.id) ?? parent;
      if (own && addresses.length) targets.push({ id: stack.id, name: stack.name, stack: own, addresses });
      // `inherit`: it may listen on every address of its parent in that family, where what arrives is
      // delivered in the parent's stack: whatever the parent exposes there may be this jail's.
      const network = own?.shares;
      const inherited = network ? inheritedAddresses(network, own.inherits) : [];
      if (network && inherited.length)
        targets.push({ id: stack.id, name: stack.name, stack: network, addresses: inherited, inherited: true });
      continue;
    }
    const audit = net.stackById.get(stack.id);
    if (!audit) continue;
    const primary = primaryAddress(audit);
    // Its first IPv4 address (as pair() asks) and every global or unique-local IPv6 one: link-local
    // addresses never come from outside the link, and the LAN's hosts are asked by routable address.
    const addresses: Addr[] = [...(primary !== undefined ? [primary] : []), ...routableAddresses6(audit)];
    if (addresses.length) targets.push({ id: stack.id, name: audit.label, stack: audit, addresses });
  }
  return targets;
}

/** A parent's addresses an `inherit` jail is reached at: as targets.ts asks its parent. */
function inheritedAddresses(parent: AuditStack, families: ReadonlySet<4 | 6> | undefined): Addr[] {
  const v4 = interfaceAddresses(parent).filter((a): a is number => typeof a === 'number');
  return [...(families?.has(4) ? v4 : []), ...(families?.has(6) ? routableAddresses6(parent) : [])];
}

interface RdrRule {
  stack: AuditStack;
  rule: Rule;
  target: Addr;
  /** The ports the rule takes from outside, by protocol; undefined: every port. */
  ports?: number[];
  protocols: ('tcp' | 'udp')[];
}

/** `-> (em0)` on an inet6 rule takes em0's IPv6 address (pf_map_addr() keeps the packet's family). */
function targetOf(stack: AuditStack, atom: AddressAtom | undefined, family: 4 | 6 = 4): Addr | undefined {
  if (!atom) return undefined;
  if (atom.kind === 'cidr' && atom.bits === (atom.family === 4 ? 32 : 128)) return atom.net;
  if (atom.kind === 'interface') {
    const own = stack.interfaces.find((i) => i.name === atom.name)?.addresses.map((a) => a.address) ?? [];
    return own.find((a) => (family === 4 ? typeof a === 'number' : typeof a === 'bigint' && scopeOf(a) === 'global'));
  }
  return undefined;
}

/** The rdr rules of a stack, nested anchors included, with the address each redirects to. */
function rdrRules(stack: AuditStack): RdrRule[] {
  const found: RdrRule[] = [];
  const visit = (rules: readonly Rule[]) => {
    for (const rule of rules) {
      if (rule.kind === 'anchor') {
        if (rule.body) visit(rule.body);
        continue;
      }
      const targets =
        rule.kind === 'rdr' || rule.kind === 'binat'
          ? rule.negated
            ? []
            : [rule.target]
          : rule.kind === 'filter'
            ? (rule.translations ?? []).filter((t) => t.kind === 'rdr-to' || t.kind === 'binat-to').map((t) => t.target)
            : [];
      for (const atom of targets) {
        const target = targetOf(stack, atom, rule.family ?? 4);
        if (target === undefined) continue;
        const protocols = (rule.protocols ?? ['tcp', 'udp']).filter(
          (p): p is 'tcp' | 'udp' => p === 'tcp' || p === 'udp',
        );
        const ports = rule.to.ports?.map((p) => p.low);
        found.push({ stack, rule, target, protocols, ...(ports ? { ports } : {}) });
      }
    }
  };
  if (stack.pf) {
    visit(stack.pf.ruleset.translation);
    visit(stack.pf.ruleset.filter);
  }
  return found;
}

/**
 * The addresses of `stack` a packet from outside can be sent to: the ones on NICs plugged into a LAN,
 * of the rdr target's family (pf_map_addr() never maps a packet to the other family), link-local ones
 * left out (an outside sender would need the link's zone; the internet never reaches them).
 */
function outsideAddresses(stack: AuditStack, target: Addr): Addr[] {
  return stack.interfaces
    .filter((i) => i.lan && i.up)
    .flatMap((i) => i.addresses.map((a) => a.address))
    .filter((a) => typeof a === typeof target && (typeof a === 'number' || ['global', 'private'].includes(scopeOf(a))));
}

interface Candidate {
  address: Addr;
  probe: Probe;
}

function candidates(auditor: Auditor, jail: JailTarget, rdrs: RdrRule[]): Candidate[] {
  const list: Candidate[] = [];
  for (const address of jail.addresses)
    for (const probe of auditor.probesOf(familyOf(address))) if (probe.proto !== 'icmp') list.push({ address, probe });
  for (const rdr of rdrs) {
    if (!jail.addresses.includes(rdr.target)) continue;
    for (const address of outsideAddresses(rdr.stack, rdr.target)) {
      for (const proto of rdr.protocols) {
        const ports =
          rdr.ports ??
          auditor
            .probesOf(familyOf(address))
            .filter((p) => p.proto === proto)
            .map((p) => p.port!);
        for (const port of ports) list.push({ address, probe: { proto, port } });
      }
    }
  }
  return list;
}

function origins(auditor: Auditor): { origin: Origin; source: Source; lan?: string }[] {
  const list: { origin: Origin; source: Source; lan?: string }[] = auditor.net.lans.map((lan) => ({
    origin: 'lan' as const,
    source: { kind: 'lan' as const, id: lan.id },
    lan: lan.id,
  }));
  if (auditor.net.hasInternet) list.push({ origin: 'internet', source: { kind: 'internet' } });
  return list;
}

/**
 * Delivered to the jail: in its stack at one of its addresses. A shared-IP jail may be modelled as its
 * parent's stack holding its address, or as a stack of its own that shares the parent's (sharedip
 * branch, core/audit/shared-jails.ts): both are accepted.
 */
function deliveredTo(trip: Trip, jail: JailTarget): boolean {
  const end = trip.outcome;
  if (end.kind !== 'delivered' || end.at.kind !== 'stack') return false;
  if (end.at.stack.id === jail.id) return true;
  return end.at.stack === jail.stack && jail.addresses.includes(trip.dst);
}

/** The rdr step and the filter step that decided a delivered trip (see the file's head). */
function decidingSteps(trip: Trip): { rdr?: Step; filter?: Step } {
  const rdrAt = trip.steps.findIndex((s) => s.kind === 'rdr');
  if (rdrAt >= 0) {
    const rdr = trip.steps[rdrAt]!;
    const filter = trip.steps.slice(rdrAt + 1).find((s) => s.kind === 'pf' && s.stack === rdr.stack);
    return { rdr, ...(filter ? { filter } : {}) };
  }
  for (let i = trip.steps.length - 1; i >= 0; i--) if (trip.steps[i]!.kind === 'pf') return { filter: trip.steps[i]! };
  return {};
}

export function exposedPorts(auditor: Auditor): ExposedPort[] {
  const { net } = auditor;
  const rdrs = net.stacks.flatMap(rdrRules);
  const from = origins(auditor);
  const exposed = new Map<string, ExposedPort>();
  for (const jail of jailTargets(net)) {
    const at: Place = { kind: 'stack', stack: jail.stack };
    const list = candidates(auditor, jail, rdrs);
    // The candidates by address (a handful per jail), each asked once per origin whether its probes
    // arrive. Looked up by a scan: Maps keyed by IPv6 bigints hash them on every lookup (profiled).
    const groups: { address: Addr; probes: Probe[]; known?: ReturnType<Auditor['arrivals']> }[] = [];
    const groupOf = (address: Addr) => groups.find((g) => g.address === address);
    for (const { address, probe } of list) {
      const group = groupOf(address);
      if (group) group.probes.push(probe);
      else groups.push({ address, probes: [probe] });
    }
    for (const { origin, source, lan } of from) {
      const place = auditor.place(source);
      if (!place) continue;
      // Cheap first: whether each probe arrives (one walk per address there and back, pf replayed
      // for the other probes); the trace only for what is exposed.
      for (const group of groups) group.known = auditor.arrivals(place, group.address, group.probes);
      for (const { address, probe } of list) {
        const known = groupOf(address)!.known;
        const fate = known?.fates.get(probe) ?? 'walk';
        if (fate === false) continue;
        let verdict: 'reachable' | 'one-way';
        let trip: Trip;
        if (fate === 'walk') {
          if (!deliveredTo(walk(net, place, address, probe, { reasons: false, pf: auditor.pf }), jail)) continue;
          const asked = auditor.probeOnce(place, address, probe, at, 'forward');
          if (asked.verdict !== 'reachable' && asked.verdict !== 'one-way') continue;
          [verdict, trip] = [asked.verdict, asked.forward];
        } else {
          if (!deliveredTo(known!.trip, jail)) continue;
          // The first probe's way, so its verdict; traced now for the rules it meets.
          [verdict, trip] = [fate, walk(net, place, address, probe, { trace: true, pf: auditor.pf })];
        }
        if (!deliveredTo(trip, jail)) continue;
        const port = trip.dport ?? probe.port!;
        const text = formatAddr(address);
        const key = `${jail.id}|${origin}|${lan ?? ''}|${probe.proto}|${port}|${text}|${probe.port}`;
        if (exposed.has(key)) continue;
        const { rdr, filter } = decidingSteps(trip);
        exposed.set(key, {
          jail: jail.id,
          name: jail.name,
          origin,
          ...(lan ? { lan } : {}),
          family: typeof address === 'bigint' ? 6 : 4,
          protocol: probe.proto as 'tcp' | 'udp',
          port,
          ...(probe.other ? { other: true as const } : {}),
          address: text,
          ...(jail.inherited && jail.addresses.includes(address) ? { inherited: true as const } : {}),
          askedPort: probe.port!,
          verdict,
          ...(rdr?.rule ? { rdr: { ...rdr.rule, stack: rdr.stack ?? '' } } : {}),
          filter: {
            ...(filter?.rule ? { rule: filter.rule } : {}),
            text: filter ? filterText(filter) : 'pf sees no rule on the way',
          },
          ...(trip.uncertain ? { uncertain: trip.uncertain.reason } : {}),
        });
      }
    }
  }
  return [...exposed.values()];
}

function filterText(step: Step): string {
  return step.text.replace(/^pf in [^:]+: /, '');
}

/** How a list words its entries (the Exposed panel); lists and violations leave both out. */
export interface ExposedWording {
  /** The LANs' names by segment id: a LAN not called "LAN" is named ("from the LAN office"). */
  lanNames?: ReadonlyMap<string, string>;
  /**
   * The list holds IPv6 entries: IPv4 ones then say "(IPv4)" too, since one port may be open in one
   * family and closed in the other.
   */
  dual?: boolean;
}

/**
 * "web — tcp/22 from the LAN via 192.168.1.50:2001", for lists and violations; an IPv6 entry writes
 * its address in brackets before the port (RFC 3986) and says "(IPv6)", so the two families'
 * entries for one port are told apart. One argument, so it can be given to `map`.
 */
export function exposedText(entry: ExposedPort): string {
  return exposedLine(entry);
}

/** exposedText worded for a list: the Exposed panel passes its LAN names and whether it is dual-stack. */
export function exposedLine(entry: ExposedPort, wording: ExposedWording = {}): string {
  const { lanNames, dual } = wording;
  return `${entry.name} — ${exposedPortName(entry)} from ${exposedOrigin(entry, lanNames)}${exposedVia(entry, dual)}`;
}

/** "tcp/22", or "tcp (other ports)" for the probe that stands for every port no rule names. */
function exposedPortName(entry: ExposedPort): string {
  return entry.other ? `${entry.protocol} (other ports)` : `${entry.protocol}/${entry.port}`;
}

/** "the internet", "the LAN", or "the LAN office" when `lanNames` gives the LAN another name. */
function exposedOrigin(entry: ExposedPort, lanNames?: ReadonlyMap<string, string>): string {
  if (entry.origin === 'internet') return 'the internet';
  const name = entry.lan ? lanNames?.get(entry.lan) : undefined;
  return name && name !== 'LAN' ? `the LAN ${name}` : 'the LAN';
}

/**
 * " via 192.168.1.50:2001", " via [2001:db8::5]:2001 (IPv6)", or " at <address>" for other ports
 * (their port is one the audit picked, which says nothing); `dual` names IPv4 as well.
 */
export function exposedVia(entry: ExposedPort, dual = false): string {
  const six = entry.family === 6;
  const via =
    entry.rdr || !entry.other
      ? ` via ${six ? `[${entry.address}]` : entry.address}:${entry.askedPort}`
      : ` at ${entry.address}`;
  return `${via}${six || dual ? ` (IPv${entry.family})` : ''}`;
}

/** The pair an entry stands for, as the ask form would put it: its explanation is that pair's. */
export function exposedQuestion(entry: ExposedPort): { source: Source; destination: Destination } {
  return {
    source: entry.origin === 'lan' ? { kind: 'lan', id: entry.lan! } : { kind: 'internet' },
    destination: { kind: 'address', address: entry.address, probe: { proto: entry.protocol, port: entry.askedPort } },
  };
}

/** "LAN → 192.168.1.50:tcp/2001", "internet → [2001:db8::5]:tcp/2001": the title of an entry's explanation. */
export function exposedQuestionTitle(entry: ExposedPort): string {
  const address = entry.family === 6 ? `[${entry.address}]` : entry.address;
  return `${entry.origin === 'lan' ? 'LAN' : 'internet'} → ${address}:${entry.protocol}/${entry.askedPort}`;
}

/** "rdr: anchor rdr/web line 1: rdr pass on em0 … · filter: not filtered (rdr pass)". */
export function exposedRules(entry: ExposedPort): string {
  const rdr = entry.rdr
    ? `rdr: ${entry.rdr.anchor ? `anchor ${entry.rdr.anchor}` : 'main ruleset'}${entry.rdr.line ? ` line ${entry.rdr.line}` : ''}: ${entry.rdr.text}`
    : entry.inherited
      ? `no rdr (its parent's address: ip${entry.family} = inherit)`
      : "no rdr (the jail's own address)";
  return `${rdr} · filter: ${entry.filter.text}${entry.uncertain ? ` · uncertain: ${entry.uncertain}` : ''}`;
}

export { probeName };
