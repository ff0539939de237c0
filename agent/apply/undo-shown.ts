import type { PlanStep } from '../../core/plan/types';
import type { Executor, RunResult } from '../executor/types';
import { probeHost } from './host-probe';
import type { RecoveryFailure } from './journal';
import { runCommand } from './apply-plan';
import { stepEffect, type StepEffect } from './step-effect';

// Undo, newest first, only what the host still shows. Used when the agent cannot trust that the
// host is as the journal left it: after a crash (recovery) and when a confirmation ran out while
// the agent was down (the start-up revert). Each step's effect is looked up on the host just before
// its turn, because undoing one step (a rename back) is what makes an older step's effect (the
// kernel name it created) visible again.

export interface UndoInput {
  steps: readonly PlanStep[];
  /** Steps the journal shows as done. */
  completed: number;
  bindings: Record<string, string>;
  /**
   * Also look at step `completed`: the agent may have died after its command ran and before the
   * journal entry was written. Its inverse runs only if the host shows its whole effect.
   */
  includeInFlight: boolean;
}

export interface UndoOutcome {
  /** Steps whose inverse ran and succeeded, newest first. */
  undone: number[];
  /** Steps whose effect was not on the host, so there was nothing to undo. */
  notOnHost: number[];
  failures: RecoveryFailure[];
  /** How many steps were looked at. */
  considered: number;
}

export async function undoWhatTheHostShows(executor: Executor, input: UndoInput): Promise<UndoOutcome> {
  const { steps, completed } = input;
  // Inverses that re-create an object capture new kernel names: keep the journal's copy intact.
  const bindings = { ...input.bindings };
  const indexes: number[] = [];
  const inFlight = steps[completed];
  // A step that captures a name cannot be judged without the name, which only its journal entry holds.
  if (input.includeInFlight && inFlight && !inFlight.command.captures) indexes.push(completed);
  for (let index = Math.min(completed, steps.length) - 1; index >= 0; index--) indexes.push(index);
  const outcome: UndoOutcome = { undone: [], notOnHost: [], failures: [], considered: indexes.length };
  /** For completed steps judged so far: whether their effect was on the host. */
  const seen = new Map<number, boolean>();
  const host = probeHost(executor);
  for (const index of indexes) {
    const step = steps[index]!;
    const effect = await stepEffect(step, bindings, host).catch((error: unknown): StepEffect => ({
      state: 'unknown',
      why: `the host could not be read: ${error instanceof Error ? error.message : String(error)}`,
    }));
    const journalled = index < completed;
    if (effect.state === 'unknown') {
      outcome.failures.push({ index, summary: step.summary, reason: `not undone: ${effect.why}` });
      continue;
    }
    if (effect.state === 'shown' && journalled && noneOfItsLaterChangesShown(steps, index, seen)) {
      seen.set(index, false);
      outcome.failures.push({
        index,
        summary: step.summary,
        reason:
          'left alone: the object is on the host, but none of the later changes this apply made to it are, so it may not be the one this apply made (the host may have restarted or been changed by hand)',
      });
      continue;
    }
    if (journalled) seen.set(index, effect.state === 'shown');
    if (effect.state === 'absent') {
      outcome.notOnHost.push(index);
      continue;
    }
    const failed = await runInverse(executor, step, bindings);
    if (failed) outcome.failures.push({ index, summary: step.summary, reason: `its inverse failed: ${failed}` });
    else outcome.undone.push(index);
  }
  return outcome;
}

/** Runs every inverse command (one failing does not stop the rest); the first failure's message. */
async function runInverse(
  executor: Executor,
  step: PlanStep,
  bindings: Record<string, string>,
): Promise<string | undefined> {
  let failed: string | undefined;
  for (const command of step.inverse) {
    let result: RunResult;
    try {
      result = await runCommand(executor, command, bindings);
    } catch (error) {
      result = { code: -1, stdout: '', stderr: error instanceof Error ? error.message : String(error) };
    }
    if (result.code !== 0) failed ??= result.stderr.trim() || `exit code ${result.code}`;
  }
  return failed;
}

/**
 * A step that made an object (an interface, a jail) whose later changes by this apply were all
 * judged and none is on the host: what stands there under that name is most likely not ours (a host
 * restarted from its own configuration holds a bridge0 of its own), so it is not destroyed.
 */
function noneOfItsLaterChangesShown(
  steps: readonly PlanStep[],
  index: number,
  seen: ReadonlyMap<number, boolean>,
): boolean {
  const actsOn = laterChangesTo(steps[index]!);
  if (!actsOn) return false;
  const later = [...seen.keys()].filter((j) => j > index && actsOn(steps[j]!));
  return later.length > 0 && later.every((j) => !seen.get(j));
}

function laterChangesTo(step: PlanStep): ((later: PlanStep) => boolean) | undefined {
  const { argv, jail, captures } = step.command;
  if (argv[0] === 'ifconfig' && argv[2] === 'create') {
    if (captures) {
      const tokens = [`{${captures}}`, `{${captures}:b}`];
      return (later) =>
        later.command.argv.some((word) => tokens.some((token) => word === token || word === `vnet.interface=${token}`));
    }
    const [, name = ''] = argv;
    return (later) =>
      later.command.argv[0] === 'ifconfig' &&
      (later.command.jail ?? '') === (jail ?? '') &&
      later.command.argv.includes(name);
  }
  if (argv[0] === 'jail' && argv[1] === '-c') {
    const path = argv[2]?.replace(/^name=/, '') ?? '';
    const inside = (p: string | undefined) => p !== undefined && (p === path || p.startsWith(`${path}.`));
    return (later) => {
      const [command, , target, into] = later.command.argv;
      return (
        inside(later.command.jail) ||
        (command === 'ifconfig' && later.command.argv[2] === 'vnet' && inside(into)) ||
        (command === 'jail' && inside(target?.replace(/^name=/, '')))
      );
    };
  }
  return undefined;
}
