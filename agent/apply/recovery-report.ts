import type { Topology } from '../../core/topology/schema';
import { semanticView } from '../../core/topology/semantic-view';
import type { Executor } from '../executor/types';
import { readHashed } from './host-state';
import type { RecoveryFailure } from './journal';

// What a recovery or revert did, said honestly: which inverses failed or were not run, and whether
// the host read afterwards is the host the plan was made from (its state hash, the one the journal
// recorded). "ok" only when both hold. The same words go to the journal and to the agent's log.

export interface RecoveryReport {
  ok: boolean;
  /** Steps looked at, undone, and found not on the host (so nothing to undo). */
  considered: number;
  undone: number;
  notOnHost: number;
  failures: RecoveryFailure[];
  matchesPreApplyState: boolean;
  /** What differs from the host before the apply, in words; empty when it matches. */
  differences: string[];
  /** One line for the journal and the log. */
  detail: string;
}

export interface StepTally {
  considered: number;
  undone: number;
  notOnHost: number;
  failures: RecoveryFailure[];
}

const SHOWN_AT_MOST = 3;

/** Reads the host, compares it with the state before the apply, and words the outcome. */
export async function reportAfterUndo(
  executor: Executor,
  tally: StepTally,
  before: { actualHash: string; topology?: Topology },
): Promise<RecoveryReport> {
  const after = await readHashed(executor);
  const matchesPreApplyState = after.hash === before.actualHash;
  const differences = matchesPreApplyState ? [] : describeDifferences(after.topology, before.topology);
  const ok = matchesPreApplyState && tally.failures.length === 0;
  return {
    ok,
    ...tally,
    matchesPreApplyState,
    differences,
    detail: reportDetail(tally, matchesPreApplyState, differences),
  };
}

/** Object by object, by name, what is not as it was: "host/ixl0 differs (description)", "jail www is gone". */
function describeDifferences(now: Topology, before: Topology | undefined): string[] {
  if (!before) return [];
  const [after, was] = [semanticView(now), semanticView(before)];
  const label = (stack: string) => (stack === '(host)' ? 'host' : `jail ${stack}`);
  const differing = (a: object, b: object, skip: string[] = []) =>
    [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
      (k) =>
        !skip.includes(k) &&
        JSON.stringify((a as Record<string, unknown>)[k]) !== JSON.stringify((b as Record<string, unknown>)[k]),
    );
  const out: string[] = [];
  for (const stack of new Set([...Object.keys(was), ...Object.keys(after)])) {
    const [x, y] = [after[stack], was[stack]];
    if (!x || !y) {
      out.push(`${label(stack)} ${x ? 'is on the host but was not before' : 'was on the host before and is gone'}`);
      continue;
    }
    const fields = differing(x, y, ['interfaces']);
    if (fields.length) out.push(`${label(stack)} differs (${fields.join(', ')})`);
    for (const name of new Set([...Object.keys(y.interfaces), ...Object.keys(x.interfaces)])) {
      const [i, j] = [x.interfaces[name], y.interfaces[name]];
      const where = stack === '(host)' ? `host/${name}` : `${stack}/${name}`;
      if (!i || !j)
        out.push(`${where} ${i ? 'is on the host but was not before' : 'was on the host before and is gone'}`);
      else if (differing(i, j).length) out.push(`${where} differs (${differing(i, j).join(', ')})`);
    }
  }
  return out;
}

export function reportDetail(tally: StepTally, matchesPreApplyState: boolean, differences: readonly string[]): string {
  const failedInverses = tally.failures.filter((f) => f.reason.startsWith('its inverse failed')).length;
  const notRun = tally.failures.length - failedInverses;
  const parts: string[] = [];
  if (tally.failures.length === 0)
    parts.push(`${tally.undone} of ${tally.considered} step(s) undone, ${tally.notOnHost} already not on the host`);
  else {
    const listed = tally.failures.slice(0, SHOWN_AT_MOST).map((f) => `step ${f.index + 1} (${f.summary}): ${f.reason}`);
    const more = tally.failures.length > SHOWN_AT_MOST ? `; and ${tally.failures.length - SHOWN_AT_MOST} more` : '';
    const counts = [
      failedInverses > 0 || notRun === 0 ? `${failedInverses} of ${tally.considered} inverse(s) failed` : '',
      notRun > 0 ? `${notRun} step(s) not undone` : '',
    ]
      .filter(Boolean)
      .join(', ');
    parts.push(`${counts}: ${listed.join('; ')}${more}`);
  }
  if (matchesPreApplyState) parts.push('the host matches the state before the apply');
  else {
    const shown = differences.slice(0, SHOWN_AT_MOST).join(', ');
    const rest = differences.length > SHOWN_AT_MOST ? ` and ${differences.length - SHOWN_AT_MOST} more` : '';
    parts.push(
      `the host does not match the state before the apply${shown ? ` (${shown}${rest})` : ' (its routes, forwarding, pf anchors or ownership marks differ)'}`,
    );
  }
  return parts.join('; ');
}

/** Each failure and the outcome on the agent's stderr, where an operator watching the service looks. */
export function logReport(what: string, id: string, report: RecoveryReport) {
  if (report.ok) return;
  for (const failure of report.failures)
    console.error(
      `patchbay-agent: ${what} of apply ${id}: step ${failure.index + 1} (${failure.summary}): ${failure.reason}`,
    );
  console.error(`patchbay-agent: ${what} of apply ${id}: ${report.detail}`);
}
