import { familyOf, formatAddr, maxBits, parseAddr } from '../net/addr';
import { ipv4 } from '../net/ipv4';
import { isPairIntent, type Intent, type Topology } from '../topology/schema';
import { Auditor, type Destination, type PairVerdict, type Source, type Verdict } from './audit';
import { badgesOfRow, TWO_WAY, type Badge } from './badges';
import { probeName } from './probes';
import { audited, diffAudited, type AuditChange, type Audited } from './diff';
import type { PatchbayAnchors } from './effective-pf';
import { exposedPorts, type ExposedPort } from './exposed';
import { checkIntents, subjectJails } from './intent-check';
import { hasIpv6 } from './families';
import { auditMatrix } from './matrix';
import type { Trip } from './walk';

// What the views show, as plain serialisable data (it crosses from a web worker): the matrix,
// each jail's badges, every intent with its violations, and on demand one pair's explanation.

export type { Badge } from './badges';

export interface AuditReport {
  jails: { id: string; name: string }[];
  columns: { label: string; destination: Destination }[];
  /**
   * Row-major, one per jail × column: an index into VERDICTS, or SELF. A typed array, as the matrix
   * keeps it: spreading a million cells into numbers was half of a 1,000-jail report (profiled), and
   * the worker posts it to the page as one block of bytes.
   */
  cells: Uint8Array;
  /** The IPv6 verdicts laid out as `cells` (NO_IPV6 where a side has no IPv6), when the design has IPv6. */
  cells6?: Uint8Array;
  badges: Record<string, Badge[]>;
  /** Jails an intent is about that the audit finds it broken for. */
  violating: string[];
  intents: {
    id: string;
    text: string;
    holds: boolean;
    violations: { pair: string; found: Verdict; reason: string }[];
  }[];
  notes: string[];
  /** The Exposed view: what the LAN and the internet can open on each jail, and through which rules. */
  exposed: ExposedPort[];
  /** The kinds of traffic probed, e.g. "tcp (other ports)", "tcp/5432". */
  probes: string[];
  millis: number;
  /** Set when the audit was asked against a baseline (the last saved version of a draft). */
  sinceSaved?: { changes: AuditChange[]; count: number };
}

/** One hop in words; `blocked` marks where pf dropped the packet. */
export interface ExplainedStep {
  text: string;
  rule?: string;
  blocked?: true;
}

export interface Explanation {
  verdict: Verdict;
  summary: string;
  /** The family asked about. */
  family?: 4 | 6;
  /** Family 6: one side has no IPv6 address, nothing was asked. */
  noIpv6?: true;
  /** The address asked: "the internet" and "the LAN" are probed at an address chosen for the design. */
  address?: string;
  probe?: string;
  forward: ExplainedStep[];
  reply: ExplainedStep[];
  /** Interface ids the packet crossed (request and reply), for highlighting the path. */
  interfaces: string[];
  /** Segment ids it went into (LAN, internet). */
  segments: string[];
  /**
   * Set when the replies are lost only because they go to a jail's private address: nat on this
   * host NIC (the one the request left by) would bring them back.
   */
  natFix?: { egress: string; nic: string };
  /** A rule the audit could not evaluate in full that could change the verdict, and why. */
  uncertain?: { rule: string; reason: string };
  /** In a design with IPv6, the same pair asked in IPv6 (the IPv4 answer being this one). */
  ipv6?: Explanation;
}

export function intentText(topology: Topology, intent: Intent): string {
  const name = (kind: string, id: string) => {
    if (kind === 'stack') {
      const stack = topology.stacks.find((s) => s.id === id);
      return stack ? (stack.kind === 'host' ? 'the host' : stack.name) : id;
    }
    if (kind === 'network')
      return `everything on ${topology.stacks.flatMap((s) => s.interfaces).find((i) => i.id === id)?.name ?? id}`;
    return topology.segments.find((s) => s.id === id)?.name ?? id;
  };
  switch (intent.kind) {
    case 'isolated':
      return `${name(intent.subject.kind, intent.subject.id)} is isolated`;
    case 'internet-only':
      return `${name(intent.subject.kind, intent.subject.id)} reaches only the internet`;
    case 'lan-only':
      return `${name(intent.subject.kind, intent.subject.id)} reaches the LAN, never the internet`;
    case 'unreachable':
      return `nothing reaches ${name(intent.subject.kind, intent.subject.id)}`;
    case 'inbound-only': {
      const origin = intent.origin === 'lan' ? 'the LAN' : 'the internet';
      const subject = name(intent.subject.kind, intent.subject.id);
      if (intent.allow.length === 0) return `nothing of ${subject} is reachable from ${origin}`;
      return `only ${intent.allow.map((a) => `${a.protocol}/${a.port}`).join(', ')} of ${subject} is reachable from ${origin}`;
    }
    case 'may-reach':
    case 'allow':
    case 'deny': {
      const what =
        intent.protocol === 'any'
          ? ''
          : ` on ${intent.protocol}${intent.ports.length ? `/${intent.ports.join(',')}` : ''}`;
      const verb = { 'may-reach': 'may reach', allow: 'is allowed to reach', deny: 'never reaches' }[intent.kind];
      return `${name(intent.from.kind, intent.from.id)} ${verb} ${name(intent.to.kind, intent.to.id)}${what}`;
    }
  }
}

const COLUMN_LABELS: Record<string, string> = { lan: 'LAN', internet: 'Internet', host: 'Host' };

/** With `baseline`, also which pairs changed since it (the draft against its last saved version). */
export function auditReport(
  topology: Topology,
  patchbay: PatchbayAnchors = 'from-design',
  baseline?: Topology,
): AuditReport {
  const started = performance.now();
  const auditor = new Auditor(topology, patchbay);
  return reportOf(
    { auditor, matrix: auditMatrix(auditor) },
    topology,
    baseline && (() => audited({ topology: baseline, patchbay })),
    started,
  );
}

/**
 * The report of a network already audited (by a full audit or an AuditSession); `baseline` gives
 * the saved version's audit when the report should say what changed since it.
 */
export function reportOf(
  now: Audited,
  topology: Topology,
  baseline?: () => Audited,
  started = performance.now(),
): AuditReport {
  const { auditor, matrix } = now;
  const width = matrix.destinations.length;
  const badges: Record<string, Badge[]> = {};
  matrix.sources.forEach((id, row) => {
    const six = matrix.cells6?.subarray(row * width, (row + 1) * width);
    badges[id] = badgesOfRow(matrix.cells.subarray(row * width, (row + 1) * width), six);
  });
  const exposed = exposedPorts(auditor);
  const checked = checkIntents(auditor, topology, exposed);
  const violating = new Set<string>();
  for (const result of checked) {
    if (result.holds) continue;
    const about = isPairIntent(result.intent) ? result.intent.from : result.intent.subject;
    for (const jail of subjectJails(auditor, about)) violating.add(jail.id);
  }
  const intents = checked.map((r) => ({
    id: r.intent.id,
    text: intentText(topology, r.intent),
    holds: r.holds,
    violations: r.violations.map((v) => ({ pair: v.pair, found: v.found, reason: v.reason })),
  }));
  const millis = Math.round(performance.now() - started);
  const changes = baseline ? diffAudited(baseline(), now) : undefined;
  return {
    ...(changes ? { sinceSaved: { changes: changes.slice(0, 100), count: changes.length } } : {}),
    jails: matrix.sources.map((id) => ({ id, name: auditor.net.stackById.get(id)!.label })),
    columns: matrix.destinations.map((d) => ({
      label: d.kind === 'stack' ? auditor.net.stackById.get(d.id)!.label : COLUMN_LABELS[d.kind]!,
      destination: d,
    })),
    // Copies: an AuditSession goes on to change its matrix in place when the next edit comes.
    cells: matrix.cells.slice(),
    ...(matrix.cells6 ? { cells6: matrix.cells6.slice() } : {}),
    badges,
    violating: [...violating],
    intents,
    notes: auditor.net.notes,
    exposed,
    probes: auditor.probeNames,
    millis,
  };
}

function steps(trip: Trip | undefined): Explanation['forward'] {
  return (trip?.steps ?? []).map((s) => ({
    text: s.text,
    ...(s.rule ? { rule: `${s.rule.anchor || 'main'}${s.rule.line ? `:${s.rule.line}` : ''}` } : {}),
    ...(s.blocked ? { blocked: true as const } : {}),
  }));
}

/** "10.0.0.7", "10.0.0.7:tcp/5432", "10.0.0.7:udp/53", "10.0.0.7:icmp" → a destination; undefined when malformed. */
export function parseTypedDestination(text: string): Extract<Destination, { kind: 'address' }> | { error: string } {
  const match = /^\s*([0-9.]+)(?::(tcp|udp|icmp)(?:\/([0-9]{1,5}))?)?\s*$/i.exec(text);
  if (!match)
    return { error: 'write an IPv4 address, optionally with :tcp/PORT, :udp/PORT or :icmp (like 10.0.0.7:tcp/5432)' };
  if (ipv4(match[1]!) === undefined)
    return { error: `"${match[1]}" is not an IPv4 address (four numbers 0-255, like 10.0.0.7)` };
  const proto = match[2]?.toLowerCase() as 'tcp' | 'udp' | 'icmp' | undefined;
  const port = match[3] === undefined ? undefined : Number(match[3]);
  if (port !== undefined && (port < 1 || port > 65535)) return { error: `port ${port} is outside 1-65535` };
  if (proto && proto !== 'icmp' && port === undefined) return { error: `${proto} needs a port, like :${proto}/443` };
  return {
    kind: 'address',
    address: match[1]!,
    ...(proto ? { probe: proto === 'icmp' ? { proto } : { proto, port: port! } } : {}),
  };
}

/**
 * The host NIC whose nat would make a one-way pair two-way: the request left the host through it,
 * and its reply died for want of a route back to a private address (walk.ts marks that needsNat).
 * Patchbay compiles nat for the host's pf only (core/pf/compile.ts), so a NIC inside a jail gets none.
 * The fix is offered only when the audit, asked again with that nat in the design, finds the pair
 * two-way: a host pf.conf without Patchbay's nat-anchor, for one, would ignore it.
 */
function natFixOf(
  pair: { topology: Topology; patchbay: PatchbayAnchors; source: Source; destination: Destination },
  verdict: PairVerdict,
): Explanation['natFix'] {
  // Only for a pair that is one-way as a whole: a partly reachable one (icmp decided by another
  // rule than tcp, say) is two-way already, and the nat would not change that.
  const chosen = verdict.explained;
  const back = chosen?.reply?.outcome;
  if (verdict.verdict !== 'one-way' || chosen?.verdict !== 'one-way' || back?.kind !== 'no-route' || !back.needsNat)
    return undefined;
  let fix: Explanation['natFix'];
  for (const { iface, direction } of chosen.forward.crossed)
    if (direction === 'tx' && iface.kind === 'physical' && iface.lan && iface.stack.kind === 'host')
      fix = { egress: iface.id, nic: iface.name };
  if (!fix) return undefined;
  const egress = fix.egress;
  const src = chosen.forward.src;
  const rule = { egress, sources: [`${formatAddr(src)}/${maxBits(familyOf(src))}`] };
  const withNat: Topology = {
    ...pair.topology,
    stacks: pair.topology.stacks.map((s) => (s.kind === 'host' ? { ...s, nat: [...s.nat, rule] } : s)),
  };
  const after = new Auditor(withNat, pair.patchbay).verdict(pair.source, pair.destination);
  return TWO_WAY.has(after) ? fix : undefined;
}

/**
 * One pair's explanation. In a design with IPv6 (and for a destination that is not a typed address,
 * whose family is its own) the IPv6 answer comes along as `ipv6`.
 */
export function explain(
  topology: Topology,
  source: Source,
  destination: Destination,
  patchbay: PatchbayAnchors = 'from-design',
  family: 4 | 6 = 4,
): Explanation {
  const auditor = new Auditor(topology, patchbay);
  // A pinned source address has one family: the question is asked in it alone.
  const pinned = source.kind === 'stack' && source.address?.trim() ? parseAddr(source.address.trim()) : undefined;
  if (pinned && destination.kind !== 'address')
    return explainIn(auditor, topology, source, destination, patchbay, typeof pinned.address === 'bigint' ? 6 : 4);
  const own = explainIn(auditor, topology, source, destination, patchbay, family);
  if (family === 4 && destination.kind !== 'address' && !pinned && hasIpv6(auditor.net))
    return { ...own, ipv6: explainIn(auditor, topology, source, destination, patchbay, 6) };
  return own;
}

function explainIn(
  auditor: Auditor,
  topology: Topology,
  source: Source,
  destination: Destination,
  patchbay: PatchbayAnchors,
  family: 4 | 6,
): Explanation {
  const verdict = auditor.pair(source, destination, { trace: true, family });
  const chosen = verdict.explained;
  const trips = [chosen?.forward, chosen?.reply].filter((t): t is Trip => t !== undefined);
  const segments = new Set<string>();
  for (const trip of trips) {
    const end = trip.outcome;
    if (end.kind === 'delivered' && end.at.kind === 'lan') segments.add(end.at.lan.id);
    if (end.kind === 'delivered' && end.at.kind === 'internet')
      for (const lan of auditor.net.lans) if (lan.internet) segments.add(lan.id);
    for (const step of trip.steps) if (step.segment) segments.add(step.segment);
  }
  const natFix = family === 4 ? natFixOf({ topology, patchbay, source, destination }, verdict) : undefined;
  if (chosen?.forward.outcome.kind === 'delivered' && chosen.forward.outcome.at.kind === 'internet') {
    for (const segment of topology.segments) if (segment.kind === 'internet') segments.add(segment.id);
  }
  return {
    verdict: verdict.verdict,
    summary: verdict.summary,
    family: verdict.family ?? family,
    ...(verdict.noIpv6 ? { noIpv6: true as const } : {}),
    ...(verdict.address ? { address: verdict.address } : {}),
    ...(chosen ? { probe: probeName(chosen.probe) } : {}),
    forward: steps(chosen?.forward),
    reply: steps(chosen?.reply),
    interfaces: [...new Set(trips.flatMap((t) => t.crossed.map((c) => c.iface.id)))],
    segments: [...segments],
    ...(natFix ? { natFix } : {}),
    ...(verdict.uncertain
      ? {
          uncertain: {
            rule: `${verdict.uncertain.rule.anchor ? `anchor ${verdict.uncertain.rule.anchor}` : 'main ruleset'} line ${verdict.uncertain.rule.line}: ${verdict.uncertain.rule.text}`,
            reason: verdict.uncertain.reason,
          },
        }
      : {}),
  };
}
