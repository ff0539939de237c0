import type { Plan, PlanCommand, PlanStep } from '../../core/plan/types';
import type { ApplyEvent, ApplyResult } from '../../core/wire/apply-progress';
import type { Executor, RunResult } from '../executor/types';

// Runs a plan step by step. On the first failure it runs the inverses of the completed steps,
// newest first (a revert), and reports the failing step with FreeBSD's stderr and what was reverted.

export type { ApplyEvent, ApplyResult } from '../../core/wire/apply-progress';

/**
 * `{token}` → the captured name; `{token:b}` → its epair b end. Only a whole word (or a jail
 * `vnet.interface=` value) is a placeholder, so design text (a description saying "{new1}") is never
 * rewritten.
 */
export function substitute(argv: readonly string[], bindings: Record<string, string>): string[] {
  return argv.map((word) => {
    // jail(8) takes an interface as `vnet.interface=<name>`, so that prefix may stand before one.
    const placeholder = /^(vnet\.interface=)?\{([a-z0-9]+)(:b)?\}$/.exec(word);
    const name = placeholder ? bindings[placeholder[2]!] : undefined;
    if (!placeholder || name === undefined) return word;
    return `${placeholder[1] ?? ''}${placeholder[3] ? name.replace(/a$/, 'b') : name}`;
  });
}

/** A rename whose old and new names turned out equal is skipped: the kernel refuses it (EEXIST). */
function isNoOpRename(argv: string[]): boolean {
  return argv[0] === 'ifconfig' && argv.length === 4 && argv[2] === 'name' && argv[1] === argv[3];
}

export async function runCommand(
  executor: Executor,
  command: PlanCommand,
  bindings: Record<string, string>,
): Promise<RunResult> {
  const argv = substitute(command.argv, bindings);
  if (isNoOpRename(argv)) return { code: 0, stdout: '', stderr: '' };
  const result = await executor.run({
    argv,
    ...(command.jail !== undefined ? { jail: command.jail } : {}),
    ...(command.stdin !== undefined ? { stdin: command.stdin } : {}),
  });
  if (result.code === 0 && command.captures) bindings[command.captures] = result.stdout.trim().split('\n').pop() ?? '';
  return result;
}

/** Undoes completed steps, newest first; keeps going past a failing inverse and reports it. */
export async function revertSteps(
  executor: Executor,
  steps: readonly PlanStep[],
  bindings: Record<string, string>,
  onEvent: (e: ApplyEvent) => void = () => {},
) {
  const reverted: ApplyResult['reverted'] = [];
  for (let index = steps.length - 1; index >= 0; index--) {
    const step = steps[index]!;
    let failed: RunResult | undefined;
    for (const command of step.inverse) {
      const result = await runCommand(executor, command, bindings);
      if (result.code !== 0) failed ??= result;
    }
    const entry = { summary: step.summary, ok: !failed, ...(failed ? { stderr: failed.stderr.trim() } : {}) };
    reverted.push(entry);
    onEvent({ type: 'revert', index, ...entry });
  }
  return reverted;
}

/** `bindings` fills with captured names as steps run; pass your own to watch them (the journal does). */
export async function applyPlan(
  executor: Executor,
  plan: Pick<Plan, 'steps'>,
  onEvent: (e: ApplyEvent) => void = () => {},
  bindings: Record<string, string> = {},
): Promise<ApplyResult> {
  const total = plan.steps.length;
  for (const [index, step] of plan.steps.entries()) {
    onEvent({ type: 'step', index, total, summary: step.summary });
    const result = await runCommand(executor, step.command, bindings);
    if (result.code !== 0) {
      const failure = {
        index,
        summary: step.summary,
        argv: substitute(step.command.argv, bindings),
        code: result.code,
        stderr: result.stderr.trim(),
      };
      onEvent({ type: 'failed', index, summary: step.summary, code: result.code, stderr: failure.stderr });
      const reverted = await revertSteps(executor, plan.steps.slice(0, index), bindings, onEvent);
      onEvent({ type: 'done', ok: false });
      return { ok: false, completed: index, failure, reverted, bindings };
    }
    onEvent({ type: 'step-done', index, total });
  }
  onEvent({ type: 'done', ok: true });
  return { ok: true, completed: total, reverted: [], bindings };
}
