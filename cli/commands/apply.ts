import { ApplyOutputSchema } from '../../core/wire/cli-host';
import { ConfirmSeconds } from '../../core/wire/inputs';
import { stringOption, type Command, type CommandContext, type Parsed } from '../common/command';
import { loadDesign } from '../common/design-file';
import { plural } from '../common/words';
import { UsageError } from '../common/errors';
import { EXIT, type ExitCode } from '../common/exit-codes';
import { agentCall, HOST_OPTIONS, HOST_USAGE, hostEndpoint } from '../common/host-options';
import {
  confirmApply,
  confirmDeadline,
  failureLines,
  followApply,
  revertLines,
  secondsLeft,
  selfCheck,
  waitForRevert,
  type Revert,
} from '../host/apply-flow';
import { makePlan, PLAN_OPTIONS, PLAN_USAGE, planChoices } from '../host/make-plan';
import { planLines } from '../host/plan-text';

const DEFAULT_CONFIRM = '60s';

/** "60s", "2m", "90" (seconds) → seconds, within the agent's bounds (core/wire/inputs.ts ConfirmSeconds). */
export function parseConfirmWindow(text: string): number {
  const match = /^([0-9]{1,6})(s|m)?$/.exec(text.trim());
  if (!match)
    throw new UsageError(`--confirm-within "${text.slice(0, 40)}" is not a time like 60s, 2m or 90 (seconds).`);
  const seconds = Number(match[1]) * (match[2] === 'm' ? 60 : 1);
  const checked = ConfirmSeconds.safeParse(seconds);
  if (!checked.success) throw new UsageError(`--confirm-within ${text}: ${checked.error.issues[0]!.message}.`);
  return checked.data;
}

type Unconfirmed = 'declined' | 'no-answer' | 'self-check-failed' | 'too-late';

/** Asks the person at the terminal; a "y" confirms, anything else (or no answer in time) does not. */
async function askToConfirm(ctx: CommandContext, seconds: number): Promise<true | Unconfirmed> {
  const timeout = AbortSignal.timeout(seconds * 1000);
  try {
    const answer = await ctx.io.ask!(`Host still reachable? Confirm within ${seconds}s [y/N] `, timeout);
    return /^\s*y(es)?\s*$/i.test(answer ?? '') ? true : 'declined';
  } catch {
    ctx.note('');
    return 'no-answer';
  }
}

const WHY: Record<Unconfirmed, string> = {
  declined: 'Not confirmed (declined)',
  'no-answer': 'Not confirmed (no answer in time)',
  'self-check-failed': 'Not confirmed: the self-check failed',
  'too-late': 'Not confirmed in time',
};

export const applyCommand: Command = {
  name: 'apply',
  summary: 'plan a design onto a host and apply it, with progress, a confirmation, and the rollback',
  usage: `Usage: patchbay apply DESIGN.json --host URL --token-file FILE [--confirm-within 60s] [--yes]
                      [--adopt KEY…] [--allow-uplink-changes] [--json]

Makes the plan (as patchbay plan), shows it, and applies it: the agent runs the steps one by one
(a progress bar on a terminal, one line per step elsewhere). If a step fails, the agent undoes the
steps already done, newest first; the failing command, FreeBSD's message and the undone steps are
printed. If all went well, the change must be confirmed within the window (default ${DEFAULT_CONFIRM}; 10s to
3600s, and never longer than the agent's own --confirm-timeout), or the agent reverts it by itself:
- on a terminal you are asked "Host still reachable?": answer y to keep the change;
- with --yes the CLI first checks that the host still answers (host.info, state.read), then confirms.
Without a terminal, --yes is required (checked before anything is sent).

Exit 0 when the change was confirmed, or the host already matched; 1 when the design has errors or
the plan has refusals (nothing is applied), or the agent refused; 2 usage; 3 the host could not be
reached; 4 a step failed and the agent rolled back, or the change was not confirmed and was reverted.

  --confirm-within TIME   60s, 2m or 90 (seconds)
  --yes                   confirm without asking, after the self-check

${HOST_USAGE}

${PLAN_USAGE}`,
  options: {
    ...HOST_OPTIONS,
    ...PLAN_OPTIONS,
    'confirm-within': { type: 'string' },
    yes: { type: 'boolean', default: false },
  },
  async run(parsed, ctx) {
    const [name, ...extra] = parsed.positionals;
    if (!name || extra.length)
      throw new UsageError('apply takes one design file: patchbay apply DESIGN.json --host URL --token-file FILE');
    const confirmSeconds = parseConfirmWindow(stringOption(parsed, 'confirm-within') ?? DEFAULT_CONFIRM);
    const yes = parsed.values.yes === true;
    if (!yes && !ctx.io.ask)
      throw new UsageError(
        'apply asks for a confirmation on a terminal, and there is none: pass --yes to confirm after a self-check.',
      );
    return applyDesign(parsed, ctx, name, confirmSeconds, yes);
  },
};

async function applyDesign(
  parsed: Parsed,
  ctx: CommandContext,
  name: string,
  confirmSeconds: number,
  yes: boolean,
): Promise<ExitCode> {
  const endpoint = hostEndpoint(parsed, ctx.io);
  const choices = planChoices(parsed);
  const { topology } = loadDesign(ctx.io, name);
  const { plan, hostname } = await makePlan(endpoint, topology, choices);
  const base = {
    command: 'apply' as const,
    file: name,
    host: { url: endpoint.url, ...(hostname ? { hostname } : {}) },
    planId: plan.id,
    plan,
    confirmSeconds,
  };
  for (const line of planLines(plan, `Apply: ${name} onto ${hostname ?? endpoint.url} (${endpoint.url})`, ctx.style))
    ctx.print(line);
  const notStarted = { ...base, applyId: null, events: [], result: null, confirmed: false };
  if (plan.refusals.length) {
    ctx.emit(ApplyOutputSchema, { ...notStarted, outcome: 'refused' });
    ctx.print(ctx.style.red('Nothing was applied: the plan has refusals (each names the option that allows it).'));
    return EXIT.problems;
  }
  if (plan.steps.length === 0) {
    ctx.emit(ApplyOutputSchema, { ...notStarted, outcome: 'already-matches' });
    ctx.print(ctx.style.green('Nothing applied: the host already matches the design.'));
    return EXIT.ok;
  }

  const { applyId } = await agentCall(
    endpoint,
    (agent) => agent.plan.startApply.mutate({ planId: plan.id, confirmSeconds }),
    60_000,
  );
  ctx.print('');
  const { events, result } = await followApply(endpoint, applyId, ctx);
  const started = { ...base, applyId, events, result };
  if (!result.ok) {
    ctx.emit(ApplyOutputSchema, { ...started, confirmed: false, outcome: 'rolled-back' });
    for (const line of failureLines(result, ctx)) ctx.print(line);
    return EXIT.applyFailed;
  }
  ctx.print(`Applied ${plural(result.completed, 'step')}.`);

  let unconfirmed: Unconfirmed | undefined;
  let deadline: string | undefined;
  if (yes) {
    const check = await selfCheck(endpoint, applyId);
    if (check.ok) ctx.print('Self-check: the host still answers (host.info, state.read).');
    else {
      ctx.print(ctx.style.red(`Self-check failed: ${check.why}.`));
      unconfirmed = check.tooLate ? 'too-late' : 'self-check-failed';
    }
  } else {
    deadline = await confirmDeadline(endpoint, applyId);
    const answer = deadline === undefined ? 'too-late' : await askToConfirm(ctx, secondsLeft(deadline, confirmSeconds));
    if (answer !== true) unconfirmed = answer;
  }
  if (!unconfirmed && (await confirmApply(endpoint, applyId))) {
    ctx.emit(ApplyOutputSchema, { ...started, confirmed: true, outcome: 'confirmed' });
    ctx.print(ctx.style.green('Confirmed: the change stays.'));
    return EXIT.ok;
  }
  unconfirmed ??= 'too-late';
  deadline ??= await confirmDeadline(endpoint, applyId).catch(() => undefined);
  ctx.print(
    `${WHY[unconfirmed]}: the agent reverts the change by itself${deadline ? ` at ${deadline}` : ''}; waiting…`,
  );
  const revert: Revert = await waitForRevert(endpoint, applyId, secondsLeft(deadline, confirmSeconds));
  ctx.emit(ApplyOutputSchema, {
    ...started,
    confirmed: false,
    outcome: 'reverted',
    unconfirmed,
    revert,
    ...(deadline ? { deadline } : {}),
  });
  for (const line of revertLines(revert, ctx)) ctx.print(line);
  return EXIT.applyFailed;
}
