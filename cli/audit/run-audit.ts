import { audited, diffAudited } from '../../core/audit/diff';
import { exposedPorts, exposedText, type ExposedPort } from '../../core/audit/exposed';
import { checkIntents } from '../../core/audit/intent-check';
import type { MatrixProgress } from '../../core/audit/matrix';
import { reportOf, type AuditReport } from '../../core/audit/report';
import type { Topology } from '../../core/topology/schema';
import { changeWhy, type Change, type ChangeWhy } from './deciding-rule';

// The audit the CLI prints: core's report of the design, and with an older design (--against) the
// differential audit — every pair that changed, why, the intents newly broken, the ports newly
// exposed. The pf rules are Patchbay's anchors as the design compiles them, like the dashboard's
// draft audit.

/**
 * Pairs of each kind (opened, closed, reaching differently) given a reason and a deciding rule: the
 * tables show at most this many of each, --json has every pair.
 */
export const EXPLAINED_CHANGES = 100;

export interface DifferentialAudit {
  /** The older design's file, as given. */
  against: string;
  /** Every changed pair, opened first; the first EXPLAINED_CHANGES of each kind with their reason and rule. */
  pairs: (Change & Partial<ChangeWhy>)[];
  /** Intents broken now that held before, or were not in the older design. */
  newlyBroken: string[];
  newlyExposed: ExposedPort[];
}

export interface DesignAudit {
  report: AuditReport;
  changes?: DifferentialAudit;
}

/** Which design's matrix is being filled, for a progress bar: the file's name and the rows done. */
export type AuditProgress = (file: string) => MatrixProgress | undefined;

export function auditDesign(
  topology: Topology,
  baseline?: { file: string; topology: Topology },
  progress: AuditProgress = () => undefined,
  file = 'the design',
): DesignAudit {
  // auditReport(topology, 'from-design', base) in its parts: the matrix can say how far it is, and
  // sinceSaved keeps the first 100 changes (enough for a panel) while a CI gate must see every pair,
  // and the tables the old side's intents and Exposed view as well.
  const before = baseline && audited({ topology: baseline.topology, patchbay: 'from-design' }, progress(baseline.file));
  const started = performance.now();
  const now = audited({ topology, patchbay: 'from-design' }, progress(file));
  const report = reportOf(now, topology, undefined, started);
  if (!baseline || !before) return { report };
  // Of the older design only its intents and Exposed view are compared, not a whole report.
  const oldExposedView = exposedPorts(before.auditor);
  const oldIntents = checkIntents(before.auditor, baseline.topology, oldExposedView);
  const changes: Change[] = diffAudited(before, now);
  const held = new Set(oldIntents.filter((i) => i.holds).map((i) => i.intent.id));
  const oldIds = new Set(oldIntents.map((i) => i.intent.id));
  const oldExposed = new Set(oldExposedView.map(exposedText));
  const explained = { gained: 0, lost: 0, changed: 0 };
  return {
    report,
    changes: {
      against: baseline.file,
      // Per kind: markdown's "Reaching differently" table comes after a thousand closed pairs.
      pairs: changes.map((change) =>
        (explained[change.kind] += 1) <= EXPLAINED_CHANGES
          ? { ...change, ...changeWhy(change, now.auditor, before.auditor) }
          : change,
      ),
      newlyBroken: report.intents.filter((i) => !i.holds && (held.has(i.id) || !oldIds.has(i.id))).map((i) => i.id),
      newlyExposed: report.exposed.filter((e) => !oldExposed.has(exposedText(e))),
    },
  };
}

/** A pair that reaches the LAN now and did not before: what --fail-on-new-lan fails on. */
export function newlyReachesLan(change: Change): boolean {
  return change.kind === 'gained' && change.destination === 'LAN';
}
