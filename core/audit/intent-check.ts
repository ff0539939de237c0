import { isPairIntent, type Endpoint, type Intent, type Subject, type Topology } from '../topology/schema';
import { formatAddr, scopeOf } from '../net/addr';
import {
  primaryAddress,
  REACHES,
  routableAddresses6,
  type Auditor,
  type Destination,
  type Source,
  type Verdict,
} from './audit';
import { hasIpv6 } from './families';
import { exposedPorts, exposedRules, exposedText, type ExposedPort } from './exposed';
import type { AuditStack } from './network';

// Whether each intent holds in the audited network, and where it does not: the pairs that break it,
// each with the verdict found and the reason. One-way counts as reaching: the packet arrives.
// Every pair is judged in IPv4 and, where both ends have IPv6, in IPv6 as well: a jail kept off the
// LAN by IPv4 rules still reaches it over IPv6 when no inet6 rule stops it (no NAT66 hides it).

export interface Violation {
  intent: string;
  /** "tor-relay → LAN", in words. */
  pair: string;
  source: Source;
  destination: Destination;
  expected: 'reachable' | 'unreachable';
  found: Verdict;
  reason: string;
  /** The family the violation was found in; `pair` then ends "over IPv6". */
  family: 4 | 6;
}

export interface IntentResult {
  intent: Intent;
  holds: boolean;
  violations: Violation[];
}

/** Jails a subject stands for: the jail itself, or every jail wired to the bridge. */
export function subjectJails(auditor: Auditor, subject: Subject | Endpoint): AuditStack[] {
  if (subject.kind === 'stack') {
    const stack = auditor.net.stackById.get(subject.id);
    return stack ? [stack] : [];
  }
  if (subject.kind !== 'network') return [];
  const bridge = auditor.net.interfaceById.get(subject.id);
  return auditor.net.stacks.filter(
    (s) => s.kind === 'jail' && s.interfaces.some((i) => i.peer?.bridge === bridge || i.bridge === bridge),
  );
}

function describe(auditor: Auditor, end: Source | Destination): string {
  if (end.kind === 'stack') return auditor.net.stackById.get(end.id)?.label ?? end.id;
  if (end.kind === 'lan')
    return auditor.net.lans.find((l) => l.id === end.id)?.name ?? auditor.net.lans[0]?.name ?? 'LAN';
  if (end.kind === 'internet') return 'the internet';
  if (end.kind === 'host') return 'the host';
  return end.address;
}

/** `exposed`: the Exposed view when the caller has it already (inbound-only intents read it). */
export function checkIntents(auditor: Auditor, topology: Topology, exposedView?: ExposedPort[]): IntentResult[] {
  const jails = auditor.net.stacks.filter((s) => s.kind === 'jail');
  const host = auditor.net.stacks.find((s) => s.kind === 'host');
  const lan = auditor.net.lans[0];
  let exposed = exposedView;
  const families: (4 | 6)[] = hasIpv6(auditor.net) ? [4, 6] : [4];
  return topology.intents.map((intent) => {
    const violations: Violation[] = [];
    const expect = (
      source: Source,
      destination: Destination,
      expected: Violation['expected'],
      probe?: Extract<Destination, { kind: 'address' }>['probe'],
    ) => {
      for (const family of families) {
        if (family === 6 && !pairHas6(auditor, source, destination)) continue;
        const aimed = probe && destination.kind === 'stack';
        const address = aimed ? addressOf(auditor, destination.id, family) : '';
        // A jail without IPv6 has no IPv6 question; one without IPv4 stays a violation ("not an address").
        if (aimed && family === 6 && !address) continue;
        // The LAN, the internet and the host are asked on the intent's probe too: compile-intents.ts
        // writes `port 22` whatever the destination, so tcp/22 alone decides "may reach LAN on tcp/22".
        const target: Destination = aimed
          ? { kind: 'address', address, probe }
          : probe && destination.kind !== 'stack' && destination.kind !== 'address'
            ? { ...destination, probe }
            : destination;
        const verdict = auditor.pair(source, target, { family });
        // "No IPv6 here": one end has nothing to ask in IPv6, so the intent is judged in IPv4 alone.
        if (verdict.noIpv6) continue;
        const reaches = expected === 'reachable' ? verdict.verdict === 'reachable' : !REACHES.has(verdict.verdict);
        if (!reaches)
          violations.push({
            intent: intent.id,
            pair: `${describe(auditor, source)} → ${describe(auditor, destination)}${over(family)}`,
            source,
            destination,
            expected,
            found: verdict.verdict,
            reason: verdict.summary,
            family,
          });
      }
    };
    const outside = (jail: AuditStack): Destination[] => [
      ...(lan ? [{ kind: 'lan' as const, id: lan.id }] : []),
      ...(auditor.net.hasInternet ? [{ kind: 'internet' as const }] : []),
      ...(host ? [{ kind: 'host' as const }] : []),
      ...jails.filter((j) => j !== jail).map((j) => ({ kind: 'stack' as const, id: j.id })),
    ];
    const senders = (jail: AuditStack): Source[] => [
      ...(lan ? [{ kind: 'lan' as const, id: lan.id }] : []),
      ...(auditor.net.hasInternet ? [{ kind: 'internet' as const }] : []),
      ...(host ? [{ kind: 'stack' as const, id: host.id }] : []),
      ...jails.filter((j) => j !== jail).map((j) => ({ kind: 'stack' as const, id: j.id })),
    ];
    if (isPairIntent(intent)) {
      // allow is held to what may-reach is; deny to the opposite, on the same probes.
      const expected = intent.kind === 'deny' ? 'unreachable' : 'reachable';
      const probes =
        intent.protocol === 'any'
          ? [undefined]
          : intent.ports.length
            ? intent.ports.map((port) => ({ proto: intent.protocol as 'tcp' | 'udp', port }))
            : [{ proto: intent.protocol, ...(intent.protocol === 'icmp' ? {} : { port: 443 }) }];
      for (const source of endpointSources(auditor, intent.from)) {
        for (const destination of endpointDestinations(auditor, intent.to)) {
          for (const probe of probes) expect(source, destination, expected, probe as never);
        }
      }
    } else if (intent.kind === 'inbound-only') {
      exposed ??= exposedPorts(auditor);
      violations.push(...inboundViolations(auditor, intent, exposed));
    } else {
      for (const jail of subjectJails(auditor, intent.subject)) {
        const me: Source = { kind: 'stack', id: jail.id };
        const others = outside(jail);
        if (intent.kind === 'isolated') {
          for (const d of others) expect(me, d, 'unreachable');
          for (const s of senders(jail)) expect(s, { kind: 'stack', id: jail.id }, 'unreachable');
        } else if (intent.kind === 'unreachable') {
          for (const s of senders(jail)) expect(s, { kind: 'stack', id: jail.id }, 'unreachable');
        } else if (intent.kind === 'internet-only') {
          for (const d of others) expect(me, d, d.kind === 'internet' ? 'reachable' : 'unreachable');
        } else {
          for (const d of others)
            if (d.kind === 'lan' || d.kind === 'internet')
              expect(me, d, d.kind === 'lan' ? 'reachable' : 'unreachable');
        }
      }
    }
    return { intent, holds: violations.length === 0, violations };
  });
}

const over = (family: 4 | 6): string => (family === 6 ? ' over IPv6' : '');

function addressOf(auditor: Auditor, stackId: string, family: 4 | 6): string {
  const stack = auditor.net.stackById.get(stackId);
  if (!stack) return '';
  const address = family === 4 ? primaryAddress(stack) : routableAddresses6(stack)[0];
  return address === undefined ? '' : formatAddr(address);
}

/**
 * Whether an IPv6 question makes sense for the pair: a jail whose only IPv6 addresses are unique-local
 * (fc00::/7) has none that crosses the internet (RFC 4193), so jail ↔ internet is judged in IPv4
 * alone; every other "no IPv6 here" is told by pair() itself (noIpv6).
 */
function pairHas6(auditor: Auditor, source: Source, destination: Destination): boolean {
  const jail = source.kind === 'stack' ? source.id : destination.kind === 'stack' ? destination.id : undefined;
  if (source.kind !== 'internet' && destination.kind !== 'internet') return true;
  const stack = jail === undefined ? undefined : auditor.net.stackById.get(jail);
  return !stack || routableAddresses6(stack).some((a) => scopeOf(a) === 'global');
}

function endpointSources(auditor: Auditor, endpoint: Endpoint): Source[] {
  if (endpoint.kind === 'segment') {
    const segment = auditor.net.topology.segments.find((s) => s.id === endpoint.id);
    return segment?.kind === 'internet' ? [{ kind: 'internet' }] : [{ kind: 'lan', id: endpoint.id }];
  }
  return subjectJails(auditor, endpoint).map((s) => ({ kind: 'stack', id: s.id }));
}

function endpointDestinations(auditor: Auditor, endpoint: Endpoint): Destination[] {
  if (endpoint.kind === 'segment') {
    const segment = auditor.net.topology.segments.find((s) => s.id === endpoint.id);
    return segment?.kind === 'internet' ? [{ kind: 'internet' }] : [{ kind: 'lan', id: endpoint.id }];
  }
  const stack = endpoint.kind === 'stack' ? auditor.net.stackById.get(endpoint.id) : undefined;
  if (stack?.kind === 'host') return [{ kind: 'host' }];
  return subjectJails(auditor, endpoint).map((s) => ({ kind: 'stack', id: s.id }));
}

/**
 * An inbound-only intent against the Exposed view: every port of its jails that `origin` can open
 * and `allow` does not list. `allow` names the port the jail receives on (tcp/22 behind a host's
 * port 2001 is tcp/22); "other ports" is never allowed, since it stands for ports nobody listed.
 */
function inboundViolations(
  auditor: Auditor,
  intent: Extract<Intent, { kind: 'inbound-only' }>,
  exposed: readonly ExposedPort[],
): Violation[] {
  const jails = new Set(subjectJails(auditor, intent.subject).map((j) => j.id));
  if (intent.subject.kind === 'stack') jails.add(intent.subject.id); // a shared-IP jail has no stack of its own
  return exposed
    .filter(
      (e) =>
        jails.has(e.jail) &&
        e.origin === intent.origin &&
        (e.other || !intent.allow.some((a) => a.protocol === e.protocol && a.port === e.port)),
    )
    .map((e) => {
      const source: Source = e.origin === 'lan' ? { kind: 'lan', id: e.lan! } : { kind: 'internet' };
      return {
        intent: intent.id,
        pair: exposedText(e),
        source,
        destination: { kind: 'address', address: e.address, probe: { proto: e.protocol, port: e.askedPort } },
        expected: 'unreachable' as const,
        found: e.verdict,
        reason: exposedRules(e),
        family: e.family,
      };
    });
}
