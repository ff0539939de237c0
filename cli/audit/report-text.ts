import { exposedRules, exposedText } from '../../core/audit/exposed';
import type { Style } from '../common/style';
import { legend, matrixText } from './matrix-text';
import type { DesignAudit } from './run-audit';
import { newlyReachesLan } from './run-audit';
import { plural } from '../common/words';
import { verdictWords } from '../../core/audit/verdict';

// `patchbay audit DESIGN.json` for a person: the matrix, the intents, the Exposed view, the notes,
// and with --against the pairs that changed.

const CHANGE_MARK = { gained: '+', lost: '-', changed: '~' } as const;
const CHANGE_VERB = { gained: 'now reaches', lost: 'no longer reaches', changed: 'changes towards' } as const;
/** Changed pairs listed on a terminal; --json and --format markdown say how many more. */
const LISTED_CHANGES = 50;

export function reportText(file: string, audit: DesignAudit, options: { width: number; style: Style }): string[] {
  const { report, changes } = audit;
  const { style } = options;
  const lines = [
    style.bold(
      `${file}: ${plural(report.jails.length, 'jail')}, ${plural(report.intents.length, 'intent')}, audited in ${report.millis} ms`,
    ),
    style.dim(`probes: ${report.probes.join(', ')}`),
    '',
    ...matrixText(report, options.width),
    style.dim(legend(report.cells6 !== undefined)),
    '',
  ];
  const broken = report.intents.filter((i) => !i.holds);
  if (report.intents.length === 0) lines.push('Intents: none (add some in the dashboard to have them checked).');
  else {
    const holding = report.intents.length - broken.length;
    lines.push(`Intents: ${holding} hold${holding === 1 ? 's' : ''}, ${broken.length} broken`);
    for (const intent of report.intents) {
      if (intent.holds) {
        lines.push(`  ${style.green('✓')} ${intent.text}`);
        continue;
      }
      lines.push(`  ${style.red('✗')} ${intent.text} ${style.red('— broken')}`);
      for (const v of intent.violations) lines.push(`      ${v.pair}: ${verdictWords(v.found)} (${v.reason})`);
    }
  }
  lines.push('');
  if (report.exposed.length === 0)
    lines.push('Exposed: nothing of any jail can be opened from the LAN or the internet.');
  else {
    lines.push(`Exposed: what the LAN and the internet can open (${report.exposed.length})`);
    for (const entry of report.exposed) {
      lines.push(`  ${exposedText(entry)}${entry.verdict === 'one-way' ? ' (one-way: the reply is lost)' : ''}`);
      lines.push(style.dim(`      ${exposedRules(entry)}`));
    }
  }
  if (report.notes.length) {
    lines.push('', 'Notes:');
    for (const note of report.notes) lines.push(`  - ${note}`);
  }
  if (changes) lines.push('', ...changesText(audit, style));
  return lines;
}

function changesText(audit: DesignAudit, style: Style): string[] {
  const changes = audit.changes!;
  const lines =
    changes.pairs.length === 0
      ? [`Changes since ${changes.against}: no changes (no pair reaches more or less than before).`]
      : [`Changes since ${changes.against}: ${plural(changes.pairs.length, 'pair')}`];
  const dual = changes.pairs.some((p) => p.family === 6);
  for (const pair of changes.pairs.slice(0, LISTED_CHANGES)) {
    const text = `${CHANGE_MARK[pair.kind]} ${pair.source} ${CHANGE_VERB[pair.kind]} ${pair.destination}${dual ? ` (IPv${pair.family})` : ''}: ${verdictWords(pair.before)} → ${verdictWords(pair.after)}`;
    // As the dashboard's list: opened green, closed red.
    const colour = pair.kind === 'gained' ? style.green : pair.kind === 'lost' ? style.red : (t: string) => t;
    lines.push(`  ${colour(text)}${newlyReachesLan(pair) ? style.bold('  [new path to the LAN]') : ''}`);
    if (pair.reason) lines.push(style.dim(`      ${pair.reason}${pair.rule ? ` · rule: ${pair.rule}` : ''}`));
  }
  if (changes.pairs.length > LISTED_CHANGES)
    lines.push(`  and ${changes.pairs.length - LISTED_CHANGES} more (--json lists every pair)`);
  if (changes.newlyBroken.length) {
    const texts = audit.report.intents.filter((i) => changes.newlyBroken.includes(i.id)).map((i) => i.text);
    lines.push(`  Newly broken: ${texts.join('; ')}`);
  }
  // The matrix's pairs start at jails: a port forward, which opens a jail to the outside, changes none.
  for (const entry of changes.newlyExposed) lines.push(`  Newly exposed: ${exposedText(entry)}`);
  return lines;
}
