import type { Topology } from '../topology/schema';
import { audited, diffAudited, withHostFilters, type AuditChange } from './diff';
import { checkIntents } from './intent-check';
import { intentText } from './report';

// What a plan does to reachability, said before it is applied: the pairs it opens and closes (IPv4
// and IPv6 apart, diff.ts), and every intent the network would break once it runs (with the host's
// own pf and sysctls kept).

export interface PlanAudit {
  /** The first changes, gained first; `changeCount` says how many there are in all. */
  changes: AuditChange[];
  changeCount: number;
  broken: { id: string; text: string; violations: { pair: string; found: string; reason: string }[] }[];
  notes: string[];
}

const SHOWN_CHANGES = 200;

/**
 * Discovery sees the host, not what lies beyond its NICs: the design's LAN and internet are put
 * in front of the host as read (by uplink name), so both sides are audited against the same world.
 */
function withDesignSegments(host: Topology, design: Topology): Topology {
  const names = new Map(
    design.stacks.filter((s) => s.kind === 'host').flatMap((s) => s.interfaces.map((i) => [i.id, i.name] as const)),
  );
  const hostStack = host.stacks.find((s) => s.kind === 'host');
  const segments = design.segments.flatMap((segment): Topology['segments'] => {
    if (segment.kind !== 'lan') return [segment];
    const uplink = hostStack?.interfaces.find((i) => i.name === names.get(segment.uplink));
    return uplink ? [{ ...segment, uplink: uplink.id }] : [];
  });
  const lans = new Set(segments.map((s) => s.id));
  return { ...host, segments: segments.filter((s) => s.kind === 'lan' || lans.has(s.via)) };
}

export function auditPlan(host: Topology, design: Topology): PlanAudit {
  const after = withHostFilters(design, host);
  const planned = audited({ topology: after, patchbay: 'from-design' });
  const changes = diffAudited(audited({ topology: withDesignSegments(host, design), patchbay: 'as-read' }), planned);
  const auditor = planned.auditor;
  const broken = checkIntents(auditor, after)
    .filter((r) => !r.holds)
    .map((r) => ({
      id: r.intent.id,
      text: intentText(after, r.intent),
      violations: r.violations.slice(0, 20).map((v) => ({ pair: v.pair, found: v.found, reason: v.reason })),
    }));
  return { changes: changes.slice(0, SHOWN_CHANGES), changeCount: changes.length, broken, notes: auditor.net.notes };
}
