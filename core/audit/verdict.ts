import type { AddrFamily } from '../net/addr';
import { probeList } from './probes';
import type { Probe, RuleRef, Trip } from './walk';

// Verdicts: for a source and a destination, whether traffic gets there and back, with the reason.
//   reachable  every probe arrives and its reply comes back
//   partial    some kinds of traffic do (the summary names which)
//   one-way    the packet arrives but the reply has no way back (no nat, no return route, no state)
//   blocked    pf drops it; the rule is named
//   no-route   no route, no forwarding, nothing answering on the wire

export type Verdict = 'reachable' | 'partial' | 'one-way' | 'blocked' | 'no-route';

/**
 * An IPv6 answer may also be "no IPv6 here": one side has no IPv6 address (or the LAN no IPv6
 * prefix), so there is nothing to ask. Kept apart from a real "no route" (issue 17, defect 8).
 */
export type FamilyVerdict = Verdict | 'no-ipv6';

/**
 * Who sends: a jail or the host (by stack id), a host on a LAN segment, or one on the internet.
 * A stack may pin what `ping -S ADDRESS` (ping(8)) and a route forced through one interface
 * (route(8) `-ifp IF` / `-iface IF`) pin: `address`, one of the stack's own, is the packet's source
 * instead of the outgoing interface's; `egress` (an interface's id or name in that stack) is the
 * interface it leaves by, whatever the routing table prefers (see the walk's `egress`).
 */
export type Source =
  | { kind: 'stack'; id: string; address?: string | undefined; egress?: string | undefined }
  | { kind: 'lan'; id: string }
  | { kind: 'internet' };

export interface ProbeVerdict {
  probe: Probe;
  verdict: Exclude<Verdict, 'partial'>;
  reason: string;
  rule?: RuleRef;
  forward: Trip;
  reply?: Trip;
}

export interface PairVerdict {
  verdict: Verdict;
  /** One sentence a user can act on. */
  summary: string;
  /** The address the destination was probed at. */
  address?: string;
  /** The family asked about (4 unless asked for 6). */
  family?: AddrFamily;
  /** Family 6 only: one side has no IPv6 address, so nothing was asked (the verdict says no-route). */
  noIpv6?: true;
  /** The probe the explanation follows: the first that failed, or the first when all passed. */
  explained?: ProbeVerdict;
  /** A rule the audit could not evaluate in full that could change this verdict (the first met). */
  uncertain?: { rule: RuleRef; reason: string };
}

export const VERDICTS: readonly Verdict[] = ['reachable', 'partial', 'one-way', 'blocked', 'no-route'];

/**
 * Each verdict in words, as the dashboard, the CLI and a PR comment all say it: one table, so a
 * terminal never prints "one-way → no-route" where the matrix says "one-way → no route".
 */
export const VERDICT_WORDS: Readonly<Record<FamilyVerdict, string>> = {
  reachable: 'reachable',
  partial: 'partly reachable',
  'one-way': 'one-way',
  blocked: 'blocked by pf',
  'no-route': 'no route',
  'no-ipv6': 'no IPv6 here',
};

/** A verdict in words; 'absent' when a pair exists on one side of a comparison only. */
export function verdictWords(verdict: string): string {
  return verdict === 'absent' ? 'not there' : (VERDICT_WORDS[verdict as FamilyVerdict] ?? verdict);
}

/** Verdicts where packets arrive (one-way included): what isolation and the diff count as reaching. */
export const REACHES: ReadonlySet<string> = new Set<Verdict>(['reachable', 'partial', 'one-way']);

/** What one address's probes say together, as `summarize` says it. */
export function addressVerdict(results: readonly ProbeVerdict[]): Verdict {
  const passed = results.filter((r) => r.verdict === 'reachable').length;
  return tallyVerdict(
    { passed, firstFailure: results.find((r) => r.verdict !== 'reachable')?.verdict },
    results.length,
  );
}

/**
 * Whether one address's verdict beats another's when a destination has several (the host has one
 * per interface): VERDICTS' order, reachable first. Verdicts, not counts of probes: how many probes
 * a kind of traffic gets depends on how many ports some rule names, maybe a rule of the other
 * family, and counting them let an inet6 rule flip an IPv4 answer (diff.property.test.ts).
 */
export function better(verdict: Verdict, than: Verdict): boolean {
  return VERDICTS.indexOf(verdict) < VERDICTS.indexOf(than);
}

export function summarize(results: ProbeVerdict[], address: string): PairVerdict {
  const passed = results.filter((r) => r.verdict === 'reachable');
  const failed = results.filter((r) => r.verdict !== 'reachable');
  if (failed.length === 0)
    return { verdict: 'reachable', summary: results[0]!.reason, address, explained: results[0]! };
  const first = failed[0]!;
  if (passed.length === 0) return { verdict: first.verdict, summary: first.reason, address, explained: first };
  const summary =
    passed.length <= failed.length
      ? `reachable only on ${probeList(passed.map((r) => r.probe))}`
      : `reachable except ${probeList(failed.map((r) => r.probe))}: ${first.reason}`;
  return { verdict: 'partial', summary, address, explained: first };
}

/** One address's probes counted: how many came back, and the first failure in probe order. */
export interface Tally {
  passed: number;
  firstFailure?: Exclude<Verdict, 'partial'> | undefined;
}

/** What one address's probes say together: all came back, some did, or the first failure. */
export function tallyVerdict(tally: Tally, probes: number): Verdict {
  if (tally.passed === probes) return 'reachable';
  return tally.passed > 0 ? 'partial' : tally.firstFailure!;
}
