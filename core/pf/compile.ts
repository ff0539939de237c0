import { inPrefix4, prefix4 } from '../net/ipv4';
import {
  ALLOW_DENY_ANCHOR,
  compileAllowDeny,
  compileIntentNat,
  compileIntentRules,
  INTENTS_ANCHOR,
} from './compile-intents';
import type { Topology } from '../topology/schema';

// The design's NAT and intents as pf rules in Patchbay's own anchors (never the user's pf.conf):
// the host's nat rules here, the intents in compile-intents.ts.
// Where the rules act: on the host, which routes the jails' traffic. Traffic two jails exchange over
// one bridge is filtered there only when net.link.bridge.pfil_member/pfil_bridge say so (docs/freebsd.md §9.3).

export const NAT_ANCHOR = 'patchbay/nat';

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
  const filter = compileAllowDeny(topology);
  if (filter.length) anchors.set(ALLOW_DENY_ANCHOR, filter);
  return anchors;
}
