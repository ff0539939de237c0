import { inPrefix4, prefix4 } from '../net/ipv4';
import { compileIntentNat, compileIntentRules, INTENTS_ANCHOR } from './compile-intents';
import { bridgeNetworks, stackAddresses } from './endpoint-addresses';
import type { Endpoint, Topology } from '../topology/schema';

// The design's NAT and policies as pf rules in Patchbay's own anchors (DESIGN.md: never the user's
// pf.conf). One rule per source and destination, because pfctl expands `{ lists }` into several
// rules when it prints them back and we compare listings rule by rule. Deny rules come first and
// every rule is `quick`, so the first match decides regardless of what else is loaded.
// Where the rules act: on the host, which routes the jails' traffic. Traffic two jails exchange over
// one bridge is filtered there only when net.link.bridge.pfil_member/pfil_bridge say so (docs/freebsd.md §9.3).

export const NAT_ANCHOR = 'patchbay/nat';
export const POLICY_ANCHOR = 'patchbay/policy';

function endpointAddresses(topology: Topology, endpoint: Endpoint): string[] | 'any' {
  if (endpoint.kind === 'stack') return stackAddresses(topology, endpoint.id);
  if (endpoint.kind === 'network') return bridgeNetworks(topology, endpoint.id);
  const segment = topology.segments.find((s) => s.id === endpoint.id);
  if (segment?.kind === 'internet') return 'any';
  return segment?.kind === 'lan' ? [segment.cidr, ...(segment.cidr6 ? [segment.cidr6] : [])] : [];
}

/** Anchor name → rules, for every anchor the design needs. An empty design needs none. */
export function compilePf(topology: Topology): Map<string, string[]> {
  const anchors = new Map<string, string[]>();
  const host = topology.stacks.find((s) => s.kind === 'host');
  const nat = (host?.nat ?? []).flatMap((rule) => {
    const egress = host?.interfaces.find((i) => i.id === rule.egress)?.name;
    return egress ? rule.sources.map((source) => `nat on ${egress} from ${source} to any -> (${egress})`) : [];
  });
  const natSources = (host?.nat ?? []).flatMap((rule) => rule.sources.flatMap((source) => prefix4(source) ?? []));
  const covered = (address: string) => {
    const a = prefix4(address);
    return a !== undefined && natSources.some((n) => n.bits <= a.bits && inPrefix4(a.address, n.address, n.bits));
  };
  nat.push(...compileIntentNat(topology, covered));
  if (nat.length) anchors.set(NAT_ANCHOR, nat);
  const intents = compileIntentRules(topology);
  if (intents.length) anchors.set(INTENTS_ANCHOR, intents);
  const ordered = [...topology.policies.filter((p) => p.action === 'deny'), ...topology.policies.filter((p) => p.action === 'allow')];
  const filter = ordered.flatMap((policy) => {
    const from = endpointAddresses(topology, policy.from);
    const to = endpointAddresses(topology, policy.to);
    const proto = policy.protocol === 'any' ? '' : ` proto ${policy.protocol}`;
    const ports = policy.ports.length && (policy.protocol === 'tcp' || policy.protocol === 'udp') ? policy.ports : [undefined];
    const head = policy.action === 'deny' ? 'block drop quick' : 'pass quick';
    return (from === 'any' ? ['any'] : from).flatMap((src) =>
      (to === 'any' ? ['any'] : to).flatMap((dst) => ports.map((port) => `${head}${proto} from ${src} to ${dst}${port ? ` port ${port}` : ''}`)),
    );
  });
  if (filter.length) anchors.set(POLICY_ANCHOR, filter);
  return anchors;
}
