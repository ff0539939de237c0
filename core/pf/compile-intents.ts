import { bridgeNetworks, stackAddresses } from './endpoint-addresses';
import { PRIVATE_RANGES } from '../net/ipv4';
import type { Endpoint, Intent, PairIntent, Subject, Topology } from '../topology/schema';

// Intents as pf rules, and the nat they need. allow and deny (version 1's policies) go to an anchor
// of their own, compiled exactly as before so hosts keep the rules they run; the rest go to the
// intents anchor. Every rule is `quick`,
// so the first match decides and the order below is the meaning:
//   1. may-reach exceptions to jails, bridges and the LAN (they win over isolation);
//   2. inbound blocks: nothing reaches an isolated or unreachable subject;
//   3. outbound blocks: isolated reaches nothing, internet-only never private ranges, the LAN or the
//      host's own addresses;
//   4. passes that keep state: internet-only and unreachable subjects to anywhere (so replies come
//      back through the blocks above), lan-only to the LAN and private nets then nothing else, and
//      may-reach to the internet.
// The rules act where pf sees the traffic: on the host for routed traffic, and for bridged traffic
// between jails only while net.link.bridge.pfil_member/pfil_bridge are on; the audit checks that.

export const INTENTS_ANCHOR = 'patchbay/intents';
/** allow and deny intents; the name predates them (version 1 called them policies) and hosts run it. */
export const ALLOW_DENY_ANCHOR = 'patchbay/policy';

/** IPv4 and IPv6 alike: allow and deny rules name every address an endpoint has. */
function endpointAddresses(topology: Topology, endpoint: Endpoint): string[] | 'any' {
  if (endpoint.kind === 'stack') return stackAddresses(topology, endpoint.id);
  if (endpoint.kind === 'network') return bridgeNetworks(topology, endpoint.id);
  const segment = topology.segments.find((s) => s.id === endpoint.id);
  if (segment?.kind === 'internet') return 'any';
  return segment?.kind === 'lan' ? [segment.cidr, ...(segment.cidr6 ? [segment.cidr6] : [])] : [];
}

/**
 * The allow and deny intents' anchor. One rule per source and destination, because pfctl expands
 * `{ lists }` into several rules when it prints them back and listings are compared rule by rule.
 * Every deny comes first and every rule is `quick`, so the first match decides whatever else is loaded.
 */
export function compileAllowDeny(topology: Topology): string[] {
  const pairs = topology.intents.filter(
    (i): i is Extract<PairIntent, { kind: 'allow' | 'deny' }> => i.kind === 'allow' || i.kind === 'deny',
  );
  const ordered = [...pairs.filter((i) => i.kind === 'deny'), ...pairs.filter((i) => i.kind === 'allow')];
  return ordered.flatMap((intent) => {
    const from = endpointAddresses(topology, intent.from);
    const to = endpointAddresses(topology, intent.to);
    const proto = intent.protocol === 'any' ? '' : ` proto ${intent.protocol}`;
    const ports =
      intent.ports.length && (intent.protocol === 'tcp' || intent.protocol === 'udp') ? intent.ports : [undefined];
    const head = intent.kind === 'deny' ? 'block drop quick' : 'pass quick';
    // A source and a destination of different families make a rule pfctl refuses, and with it the
    // whole anchor ("rule expands to no valid combination", sbin/pfctl/parse.y expand_rule()).
    const family = (address: string) => (address === 'any' ? undefined : address.includes(':') ? 6 : 4);
    return (from === 'any' ? ['any'] : from).flatMap((src) =>
      (to === 'any' ? ['any'] : to)
        .filter((dst) => family(src) === undefined || family(dst) === undefined || family(src) === family(dst))
        .flatMap((dst) => ports.map((port) => `${head}${proto} from ${src} to ${dst}${port ? ` port ${port}` : ''}`)),
    );
  });
}

/** The IPv4 addresses or networks an endpoint stands for; 'any' for the internet. */
export function endpointHosts(topology: Topology, endpoint: Endpoint | Subject): string[] | 'any' {
  if (endpoint.kind === 'stack') return stackAddresses(topology, endpoint.id, 4);
  if (endpoint.kind === 'network') return bridgeNetworks(topology, endpoint.id, 4);
  const segment = topology.segments.find((s) => s.id === endpoint.id);
  if (segment?.kind === 'internet') return 'any';
  return segment?.kind === 'lan' ? [segment.cidr] : [];
}

function lanNetworks(topology: Topology): string[] {
  return topology.segments.flatMap((s) => (s.kind === 'lan' ? [s.cidr] : []));
}

function hostAddresses(topology: Topology): string[] {
  const host = topology.stacks.find((s) => s.kind === 'host');
  return host ? stackAddresses(topology, host.id, 4) : [];
}

function subjectOf(intent: Intent): Subject | undefined {
  return 'subject' in intent ? intent.subject : undefined;
}

function cross(from: string[] | 'any', to: string[] | 'any', make: (from: string, to: string) => string): string[] {
  return (from === 'any' ? ['any'] : from).flatMap((f) => (to === 'any' ? ['any'] : to).map((t) => make(f, t)));
}

function mayReach(topology: Topology, intent: Extract<Intent, { kind: 'may-reach' }>): string[] {
  const proto = intent.protocol === 'any' ? '' : ` proto ${intent.protocol}`;
  const ports =
    intent.ports.length && (intent.protocol === 'tcp' || intent.protocol === 'udp') ? intent.ports : [undefined];
  return cross(endpointHosts(topology, intent.from), endpointHosts(topology, intent.to), (f, t) =>
    ports.map((port) => `pass quick${proto} from ${f} to ${t}${port ? ` port ${port}` : ''} keep state`).join('\n'),
  ).flatMap((lines) => lines.split('\n'));
}

/** The filter rules of the intents anchor, in evaluation order. */
export function compileIntentRules(topology: Topology): string[] {
  const exceptions: string[] = [];
  const inbound: string[] = [];
  const outbound: string[] = [];
  const passes: string[] = [];
  const never = [
    ...PRIVATE_RANGES.filter((r) => !r.startsWith('127.')),
    ...lanNetworks(topology),
    ...hostAddresses(topology),
  ];
  for (const intent of topology.intents) {
    if (intent.kind === 'may-reach') {
      const toInternet =
        intent.to.kind === 'segment' && topology.segments.find((s) => s.id === intent.to.id)?.kind === 'internet';
      (toInternet ? passes : exceptions).push(...mayReach(topology, intent));
      continue;
    }
    if (intent.kind === 'allow' || intent.kind === 'deny') continue;
    // A check only, like may-reach to a jail: which rules would make "only tcp/443 from the LAN" hold
    // depends on the host's rdr rules, which Patchbay does not write; the audit's Exposed view judges it.
    if (intent.kind === 'inbound-only') continue;
    const subject = endpointHosts(topology, subjectOf(intent)!);
    if (subject === 'any' || subject.length === 0) continue;
    for (const s of subject) {
      switch (intent.kind) {
        case 'isolated':
          inbound.push(`block drop quick from any to ${s}`);
          outbound.push(`block drop quick from ${s} to any`);
          break;
        case 'unreachable':
          inbound.push(`block drop quick from any to ${s}`);
          passes.push(`pass quick from ${s} to any keep state`);
          break;
        case 'internet-only':
          outbound.push(...[...new Set(never)].map((n) => `block drop quick from ${s} to ${n}`));
          passes.push(`pass quick from ${s} to any keep state`);
          break;
        case 'lan-only':
          passes.push(
            ...[...new Set([...lanNetworks(topology), ...PRIVATE_RANGES.filter((r) => !r.startsWith('127.'))])].map(
              (n) => `pass quick from ${s} to ${n} keep state`,
            ),
            `block drop quick from ${s} to any`,
          );
          break;
      }
    }
  }
  return [...exceptions, ...inbound, ...outbound, ...passes];
}

/**
 * nat for intents that send a jail's private address off the host: internet-only, lan-only and
 * may-reach to a segment, out of the LAN uplink, for sources no nat rule of the design covers yet.
 */
export function compileIntentNat(topology: Topology, covered: (address: string) => boolean): string[] {
  const host = topology.stacks.find((s) => s.kind === 'host');
  const lan = topology.segments.find(
    (s) => s.kind === 'lan' && topology.segments.some((i) => i.kind === 'internet' && i.via === s.id),
  );
  const uplink = lan?.kind === 'lan' ? host?.interfaces.find((i) => i.id === lan.uplink)?.name : undefined;
  if (!uplink) return [];
  const sources = new Set<string>();
  for (const intent of topology.intents) {
    const leaves =
      intent.kind === 'internet-only' ||
      intent.kind === 'lan-only' ||
      (intent.kind === 'may-reach' && intent.to.kind === 'segment');
    if (!leaves) continue;
    const from =
      intent.kind === 'may-reach' ? endpointHosts(topology, intent.from) : endpointHosts(topology, intent.subject);
    if (from === 'any') continue;
    for (const source of from) if (!covered(source)) sources.add(source);
  }
  return [...sources].map((source) => `nat on ${uplink} from ${source} to any -> (${uplink})`);
}
