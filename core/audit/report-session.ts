import { inPrefix, parseAddr, parsePrefix, type Addr } from '../net/addr';
import { compilePf } from '../pf/compile';
import type { Stack, Topology } from '../topology/schema';
import { audited, type Audited } from './diff';
import type { PatchbayAnchors } from './effective-pf';
import type { AuditNetwork } from './network';
import { INTERNET_CANDIDATES4, INTERNET_CANDIDATES6 } from './probe-addresses';
import { reportOf, type AuditReport } from './report';
import { AuditSession } from './session';

// The editor's audit between edits: the report of each new version of a draft, re-auditing only
// the jail an edit touched (AuditSession) when that is sure to give what a full audit gives, and
// auditing the baseline (the saved version the report is compared with) once per version of it.
// report-session.property.test.ts holds every report to a fresh auditReport.

export type ReportPath = 'full' | 'incremental';

interface Current {
  patchbay: PatchbayAnchors;
  session: AuditSession;
  stacks: string[];
  /** Everything but the stacks and the drawing: any change here is a full audit. */
  rest: string;
  /** Patchbay's pf as the design compiles it: an edit that changes it changes every stack's filter. */
  compiled: string;
  /**
   * Where a translation sends traffic to an address (rdr, binat), or two stacks share an address,
   * the look-alike groups a full audit uses no longer give every pair's own answer, and only a full
   * audit gives what a full audit gives.
   */
  unusual: boolean;
}

const restOf = (topology: Topology) => JSON.stringify({ ...topology, stacks: null, layout: null });
const compiledOf = (topology: Topology) =>
  JSON.stringify([...compilePf(topology)].sort(([a], [b]) => a.localeCompare(b)));
const ownPart = (stack: Stack) => JSON.stringify({ ...stack, interfaces: null, name: null });

export class ReportSession {
  private current?: Current;
  private saved?: { key: unknown; patchbay: PatchbayAnchors; audited: Audited };
  /** How the last report was made (the tests and the bench check the fast path is taken). */
  lastPath: ReportPath = 'full';

  /**
   * `baselineKey` names the baseline's version: the same key means the same baseline, audited
   * before. Without a key the baseline is told apart by its content.
   */
  report(
    topology: Topology,
    patchbay: PatchbayAnchors = 'from-design',
    baseline?: Topology,
    baselineKey?: unknown,
  ): AuditReport {
    try {
      return this.attempt(topology, patchbay, baseline, baselineKey);
    } catch (error) {
      // An audit that threw half way may have left the session's network half edited.
      this.current = undefined;
      throw error;
    }
  }

  private attempt(
    topology: Topology,
    patchbay: PatchbayAnchors,
    baseline: Topology | undefined,
    baselineKey: unknown,
  ): AuditReport {
    const started = performance.now();
    const saved = baseline && (() => this.baseline(baseline, patchbay, baselineKey));
    if (this.update(topology, patchbay)) {
      this.lastPath = 'incremental';
      const { auditor, matrix } = this.current!.session;
      return reportOf({ auditor, matrix }, topology, saved, started);
    }
    this.lastPath = 'full';
    const session = new AuditSession(topology, patchbay);
    const net = session.auditor.net;
    this.current = {
      patchbay,
      session,
      stacks: topology.stacks.map((s) => JSON.stringify(s)),
      rest: restOf(topology),
      compiled: compiledOf(topology),
      unusual:
        sharedAddresses(net) ||
        net.stacks.some((s) =>
          s.pf?.ruleset.translation.some(function redirects(r): boolean {
            return r.kind === 'rdr' || r.kind === 'binat' || (r.kind === 'anchor' && (r.body ?? []).some(redirects));
          }),
        ),
    };
    return reportOf({ auditor: session.auditor, matrix: session.matrix }, topology, saved, started);
  }

  private baseline(topology: Topology, patchbay: PatchbayAnchors, key: unknown): Audited {
    const id = key ?? JSON.stringify(topology);
    if (this.saved?.key !== id || this.saved.patchbay !== patchbay)
      this.saved = { key: id, patchbay, audited: audited({ topology, patchbay }) };
    return this.saved.audited;
  }

  /** Brings the session to `topology` by re-auditing one jail; false when only a full audit is sure. */
  private update(topology: Topology, patchbay: PatchbayAnchors): boolean {
    const current = this.current;
    if (!current || current.patchbay !== patchbay || current.unusual) return false;
    if (topology.stacks.length !== current.stacks.length || restOf(topology) !== current.rest) return false;
    const stacks = topology.stacks.map((s) => JSON.stringify(s));
    const changed = stacks.flatMap((text, i) => (text === current.stacks[i] ? [] : [i]));
    if (changed.length === 0) return true;
    if (changed.length > 1) return false;
    const index = changed[0]!;
    const stack = topology.stacks[index]!;
    const before = JSON.parse(current.stacks[index]!) as Stack;
    if (stack.kind !== 'jail' || before.id !== stack.id || ownPart(before) !== ownPart(stack)) return false;
    if (!onlyItsOwn(current.session.auditor.net, before, stack)) return false;
    const compiled = compiledOf(topology);
    if (compiled !== current.compiled) return false;
    if (!current.session.updateJail(stack)) {
      this.current = undefined;
      return false;
    }
    current.stacks = stacks;
    return true;
  }
}

function sharedAddresses(net: AuditNetwork): boolean {
  const seen = new Set<Addr>();
  for (const stack of net.stacks) {
    // Every stack has its own 127.0.0.1 and ::1 on its loopback: not an address two stacks share.
    const own = stack.interfaces.filter((i) => i.kind !== 'loopback').flatMap((i) => i.addresses.map((p) => p.address));
    for (const address of new Set(own)) {
      if (seen.has(address)) return true;
      seen.add(address);
    }
  }
  return false;
}

const PROBE_CANDIDATES: Addr[] = [...INTERNET_CANDIDATES4, ...INTERNET_CANDIDATES6].map(
  (text) => parseAddr(text)!.address,
);

function addressesOf(stack: Stack): Set<Addr> {
  return new Set<Addr>(
    stack.interfaces
      .filter((i) => i.kind !== 'loopback')
      .flatMap((i) => i.addresses.map((text) => parsePrefix(text)?.address ?? -1)),
  );
}

/**
 * Whether the jail's addresses, before and after the edit, are its own business: no other stack has
 * them (traffic for one would stop at the other), no route points at them, and they are not on a LAN
 * or the internet's sample (where they would change the address "the LAN" or "the internet" is
 * probed at).
 */
function onlyItsOwn(net: AuditNetwork, before: Stack, after: Stack): boolean {
  const all = new Set([...addressesOf(before), ...addressesOf(after)]);
  if (all.has(-1)) return false;
  // The internet probe is chosen outside the design's networks: a jail network holding one of its
  // candidates could move it.
  for (const text of [before, after].flatMap((s) => s.interfaces.flatMap((i) => i.addresses))) {
    const prefix = parsePrefix(text);
    if (!prefix || PROBE_CANDIDATES.some((c) => inPrefix(c, prefix.address, prefix.bits))) return false;
  }
  for (const address of all) {
    if (net.lans.some((lan) => inPrefix(address, lan.net.address, lan.net.bits))) return false;
    for (const stack of net.stacks) {
      if (stack.id !== after.id && stack.local.has(address)) return false;
      if (stack.routes.some((r) => r.gateway === address)) return false;
    }
  }
  return true;
}
