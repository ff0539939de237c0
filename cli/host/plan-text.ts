import type { z } from 'zod';
import { PHASES, type PlanCommand } from '../../core/plan/types';
import { shCommand } from '../../core/text/quote';
import type { CliPlanSchema } from '../../core/wire/cli-host';
import type { Style } from '../common/style';
import { verdictWords } from '../../core/audit/verdict';
import { plural } from '../common/words';

// A plan as text for a terminal or a CI log: what it does to reachability, the refusals with the
// option that would let each through, the notes, then every step grouped by phase in the order the
// agent runs them, with its exact command and its undo. The wording follows the dashboard's plan view
// (components/hosts/plan-view.tsx); the steps are numbered as the agent numbers them in progress.

export type CliPlan = z.output<typeof CliPlanSchema>;

/** A command as it would be typed on the host: `jexec JAIL` in front when it runs in a jail, words quoted for sh. */
export function commandText(command: Pick<PlanCommand, 'argv' | 'jail'>): string {
  const words = [...(command.jail ? ['jexec', command.jail] : []), ...command.argv];
  try {
    return shCommand(words, 'command');
  } catch {
    // A control character cannot be quoted for sh; JSON shows it without letting it reach the terminal.
    return words.map((w) => JSON.stringify(w)).join(' ');
  }
}

/** The option that lets a refusal through, as typed on the command line. */
export function overrideFlag(refusal: CliPlan['refusals'][number]): string | undefined {
  if (refusal.override === 'allowUplinkChanges') return '--allow-uplink-changes (can cut the host off)';
  if (refusal.override === 'adopt' && refusal.adoptKey !== undefined) return `--adopt ${refusal.adoptKey}`;
  return undefined;
}

function commandLines(command: PlanCommand, indent: string, style: Style): string[] {
  const captures = command.captures ? style.dim(`   → {${command.captures}}`) : '';
  const lines = [`${indent}${style.dim('$')} ${commandText(command)}${captures}`];
  if (command.stdin !== undefined)
    for (const line of command.stdin.replace(/\n$/, '').split('\n')) lines.push(`${indent}  ${style.dim('|')} ${line}`);
  return lines;
}

export function reachabilityLines(plan: CliPlan, style: Style): string[] {
  const { audit } = plan;
  const lines: string[] = [];
  if (audit.broken.length) {
    lines.push(
      style.red(
        style.bold(
          `This plan would break ${audit.broken.length === 1 ? 'an intent' : `${audit.broken.length} intents`}:`,
        ),
      ),
    );
    for (const intent of audit.broken) {
      lines.push(`  ${style.red('✗')} ${intent.text}`);
      for (const v of intent.violations.slice(0, 3))
        lines.push(`      ${v.pair}: ${verdictWords(v.found)} — ${v.reason}`);
      if (intent.violations.length > 3) lines.push(`      … and ${intent.violations.length - 3} more`);
    }
  }
  if (audit.changeCount === 0) lines.push('Reachability: unchanged.');
  else {
    lines.push(`Reachability: ${plural(audit.changeCount, 'pair')} change${audit.changeCount === 1 ? 's' : ''}`);
    // The family is named once a change is IPv6, as in the dashboard's list.
    const dual = audit.changes.some((c) => c.family === 6);
    for (const change of audit.changes) {
      const mark =
        change.kind === 'gained' ? style.green('+') : change.kind === 'lost' ? style.red('-') : style.yellow('~');
      lines.push(
        `  ${mark} ${change.source} → ${change.destination}${dual ? ` (IPv${change.family})` : ''}: ${verdictWords(change.before)} → ${verdictWords(change.after)}`,
      );
    }
    if (audit.changeCount > audit.changes.length)
      lines.push(`  … and ${audit.changeCount - audit.changes.length} more`);
  }
  for (const note of audit.notes) lines.push(style.yellow(`  ⚠ ${note}`));
  return lines;
}

export function refusalLines(plan: CliPlan, style: Style): string[] {
  if (!plan.refusals.length) return [];
  const lines = [style.red(style.bold(`Refused (${plan.refusals.length}):`))];
  for (const refusal of plan.refusals) {
    lines.push(`  ${style.red('✗')} ${refusal.subject}: ${refusal.reason}`);
    const flag = overrideFlag(refusal);
    if (flag) lines.push(`      allow it with ${flag}`);
    if (refusal.takeHostValues)
      lines.push(`      or take the host's values into the design: ${JSON.stringify(refusal.takeHostValues.values)}`);
    for (const step of refusal.heldBack ?? []) lines.push(style.dim(`      held back, not run: ${step.summary}`));
  }
  return lines;
}

/** The whole plan; `heading` says which design onto which host. */
export function planLines(plan: CliPlan, heading: string, style: Style): string[] {
  const lines = [style.bold(heading), '', ...reachabilityLines(plan, style)];
  const refusals = refusalLines(plan, style);
  if (refusals.length) lines.push('', ...refusals);
  if (plan.notes.length) lines.push('', 'Notes:', ...plan.notes.map((note) => `  - ${note}`));
  lines.push('');
  if (plan.steps.length === 0) {
    lines.push(
      plan.refusals.length
        ? style.red('No step can run until the refusals above are resolved.')
        : style.green('Nothing to do: the host already matches the design.'),
    );
    return lines;
  }
  lines.push('Steps, by phase in the order they run:');
  const numbered = plan.steps.map((step, index) => ({ step, index }));
  for (const phase of PHASES) {
    const steps = numbered.filter(({ step }) => step.phase === phase);
    if (!steps.length) continue;
    lines.push(style.bold(`${phase} (${steps.length})`));
    for (const { step, index } of steps) {
      lines.push(`  ${String(index + 1).padStart(3)}. ${step.summary}`);
      lines.push(...commandLines(step.command, '       ', style));
      for (const undo of step.inverse) lines.push(`       ${style.dim('undo:')} ${commandText(undo)}`);
    }
  }
  const refused = plan.refusals.length ? `, ${plural(plan.refusals.length, 'refusal')}` : '';
  lines.push('', `${plural(plan.steps.length, 'step')}${refused}.`);
  return lines;
}

/** A plan that may not be applied as it is: it has refusals, or it would break an intent. */
export function planBlocked(plan: CliPlan): boolean {
  return plan.refusals.length > 0 || plan.audit.broken.length > 0;
}
