import type { z } from 'zod';
import type { RecoveryStatusSchema } from '../../core/wire/answers';
import type { ApplyProgressEvent, ApplyResult } from '../../core/wire/apply-progress';
import type { AgentEndpoint } from '../../server/storage/hosts';
import type { CommandContext } from '../common/command';
import { CliError } from '../common/errors';
import { EXIT } from '../common/exit-codes';
import { agentCall, applyEvents } from '../common/host-options';
import { progress } from '../common/progress';
import { plural } from '../common/words';
import { commandText } from './plan-text';

// An apply once it has started, as the dashboard's apply panel follows it (components/hosts/
// apply-panel.tsx): the agent's progress stream to its result; then the confirmation, or the agent's
// own revert when nobody confirms in time. The agent holds the safety net (it reverts by itself at
// the deadline), so whatever happens here, a host nobody confirmed goes back to how it was.

export type Revert = NonNullable<z.output<typeof RecoveryStatusSchema>['lastRecovery']>;

const SELF_CHECK_TIMEOUT_MS = 10_000;
const REVERT_POLL_MS = 1_000;
/** After the deadline, how long the revert may take before the CLI stops waiting for it. */
const REVERT_GRACE_MS = 120_000;

/** Every event up to the result, with a progress bar on a terminal (one line per step elsewhere). */
export async function followApply(
  endpoint: AgentEndpoint,
  applyId: string,
  ctx: CommandContext,
): Promise<{ events: ApplyProgressEvent[]; result: ApplyResult }> {
  const events: ApplyProgressEvent[] = [];
  const bar = progress(ctx.io.stderr);
  const controller = new AbortController();
  try {
    for await (const event of applyEvents(endpoint, applyId, controller.signal)) {
      events.push(event);
      if (event.type === 'step') bar.update(event.index + 1, event.total, event.summary);
      if (event.type === 'result') return { events, result: event.result };
    }
  } finally {
    bar.finish();
    controller.abort();
  }
  throw new CliError(
    `the agent at ${endpoint.url} ended apply ${applyId}'s progress without its result.`,
    EXIT.unreachable,
  );
}

/** A failed apply: the failing command, FreeBSD's words, and each step the agent undid. */
export function failureLines(result: ApplyResult, ctx: CommandContext): string[] {
  const { style } = ctx;
  const lines: string[] = [];
  const failure = result.failure;
  if (failure) {
    lines.push(style.red(style.bold(`Step ${failure.index + 1} failed: ${failure.summary}`)));
    lines.push(`  $ ${commandText({ argv: failure.argv })}`);
    lines.push(`  exit ${failure.code}${failure.stderr.trim() ? `: ${failure.stderr.trim()}` : ''}`);
  } else lines.push(style.red(style.bold('The apply failed.')));
  lines.push(...revertedLines(result.reverted, ctx));
  return lines;
}

function revertedLines(reverted: ApplyResult['reverted'], ctx: CommandContext): string[] {
  const { style } = ctx;
  if (!reverted.length) return ['Nothing had been changed yet: the host is as it was.'];
  const failed = reverted.filter((r) => !r.ok);
  const lines = [`Rolled back ${reverted.length - failed.length} of ${reverted.length} completed steps, newest first:`];
  for (const step of reverted)
    lines.push(
      step.ok
        ? `  ${style.green('↺')} ${step.summary}`
        : `  ${style.red('✗')} ${step.summary}: its undo failed${step.stderr ? `: ${step.stderr.trim()}` : ''}`,
    );
  lines.push(
    failed.length
      ? style.red(`${plural(failed.length, 'undo')} failed: the host is NOT back as it was.`)
      : 'The host is back as it was.',
  );
  return lines;
}

/** The self-check before `--yes` confirms: fresh calls that the host still answers and still waits for us. */
export async function selfCheck(
  endpoint: AgentEndpoint,
  applyId: string,
): Promise<{ ok: true } | { ok: false; why: string; tooLate?: boolean }> {
  try {
    const info = await agentCall(endpoint, (agent) => agent.host.info.query(), SELF_CHECK_TIMEOUT_MS);
    const state = await agentCall(endpoint, (agent) => agent.state.read.query(), SELF_CHECK_TIMEOUT_MS);
    if (state.awaitingConfirmation?.id !== applyId)
      return { ok: false, why: `${info.hostname} no longer waits for this apply's confirmation`, tooLate: true };
    return { ok: true };
  } catch (error) {
    return { ok: false, why: (error as Error).message };
  }
}

/** When the agent will revert the apply unless confirmed, as it says (state.read); undefined if it no longer waits. */
export async function confirmDeadline(endpoint: AgentEndpoint, applyId: string): Promise<string | undefined> {
  const state = await agentCall(endpoint, (agent) => agent.state.read.query(), SELF_CHECK_TIMEOUT_MS);
  return state.awaitingConfirmation?.id === applyId ? state.awaitingConfirmation.deadline : undefined;
}

/** Seconds left until `deadline`, at least 1 and at most `window` (the clocks of two machines may differ). */
export function secondsLeft(deadline: string | undefined, window: number, now = Date.now()): number {
  if (!deadline) return window;
  return Math.min(window, Math.max(1, Math.round((Date.parse(deadline) - now) / 1000)));
}

/** plan.confirm; false when the agent no longer waits for it (its deadline passed and it reverted). */
export async function confirmApply(endpoint: AgentEndpoint, applyId: string): Promise<boolean> {
  try {
    await agentCall(endpoint, (agent) => agent.plan.confirm.mutate({ applyId }));
    return true;
  } catch (error) {
    if (error instanceof CliError && error.exit === EXIT.problems) return false;
    throw error;
  }
}

/** Waits for the agent's revert of an unconfirmed apply to show in its journal, and returns it. */
export async function waitForRevert(
  endpoint: AgentEndpoint,
  applyId: string,
  waitSeconds: number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<Revert> {
  const giveUp = Date.now() + waitSeconds * 1000 + REVERT_GRACE_MS;
  for (;;) {
    const status = await agentCall(endpoint, (agent) => agent.state.recovery.query(), SELF_CHECK_TIMEOUT_MS);
    const last = status.lastRecovery;
    if (last && last.id === applyId && last.type === 'reverted') return last;
    if (Date.now() > giveUp)
      throw new CliError(
        `apply ${applyId} was not confirmed, and the agent has not said it reverted it; ` +
          "see its journal (dashboard: the host's page).",
        EXIT.applyFailed,
      );
    await sleep(REVERT_POLL_MS);
  }
}

export function revertLines(revert: Revert, ctx: CommandContext): string[] {
  const { style } = ctx;
  const undone = revert.undone ?? [];
  const failures = revert.failures ?? [];
  const lines = [`The agent reverted the apply (${plural(undone.length, 'step')} undone, newest first):`];
  for (const summary of undone) lines.push(`  ${style.green('↺')} ${summary}`);
  for (const failure of failures) lines.push(`  ${style.red('✗')} ${failure.summary}: ${failure.reason}`);
  if (revert.matchesPreApplyState === false || failures.length)
    lines.push(style.red('The host is NOT back as it was: see the differences in its journal.'));
  else lines.push('The host is back as it was.');
  return lines;
}
