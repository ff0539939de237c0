import { exposedText } from '../../core/audit/exposed';
import { FULL_MATRIX_JAILS, legend, matrixText } from './matrix-text';
import { newlyReachesLan, type DesignAudit } from './run-audit';
import { plural } from '../common/words';
import { verdictWords } from '../../core/audit/verdict';

// `--format markdown`: the audit as a pull request comment (docs/ci.md). A heading, one summary
// line, then the opened and closed pairs with the rule that decides each, the broken intents and the
// newly exposed ports; the matrix folded away below.

/** Rows per table: a comment stays readable, and GitHub refuses comments over 65,536 characters. */
const TABLE_ROWS = 50;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

type Pair = NonNullable<DesignAudit['changes']>['pairs'][number];

function pairTable(title: string, pairs: Pair[]): string[] {
  if (pairs.length === 0) return [];
  // As the dashboard's list: the family is named once a change is IPv6, so IPv4-only designs read as before.
  const family = pairs.some((p) => p.family === 6);
  const header = ['From', 'To', ...(family ? ['Family'] : []), 'Before', 'After', 'Why', 'Deciding rule'];
  const rows = pairs
    .slice(0, TABLE_ROWS)
    .map((p) =>
      [
        cell(p.source),
        cell(p.destination) + (newlyReachesLan(p) ? ' ⚠️' : ''),
        ...(family ? [`IPv${p.family}`] : []),
        verdictWords(p.before),
        verdictWords(p.after),
        cell(p.reason ?? ''),
        p.rule ? cell(code(p.rule)) : '',
      ].join(' | '),
    );
  return [
    `### ${title} (${pairs.length})`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r} |`),
    ...(pairs.length > TABLE_ROWS
      ? ['', `…and ${pairs.length - TABLE_ROWS} more (\`patchbay audit --json\` lists every pair).`]
      : []),
    '',
  ];
}

export function markdownReport(file: string, audit: DesignAudit): string {
  const { report, changes } = audit;
  const broken = report.intents.filter((i) => !i.holds);
  const opened = changes?.pairs.filter((p) => p.kind === 'gained') ?? [];
  const closed = changes?.pairs.filter((p) => p.kind === 'lost') ?? [];
  const changed = changes?.pairs.filter((p) => p.kind === 'changed') ?? [];
  const newLan = opened.filter(newlyReachesLan);
  const lines = [`## Patchbay audit: \`${file}\`${changes ? ` against \`${changes.against}\`` : ''}`, ''];
  const parts = changes
    ? changes.pairs.length === 0
      ? ['no changes: no pair reaches more or less than before']
      : [
          `${plural(opened.length, 'pair')} opened`,
          `${closed.length} closed`,
          ...(changed.length ? [`${changed.length} changed`] : []),
          ...(newLan.length ? [`**${plural(newLan.length, 'new path')} to the LAN**`] : []),
        ]
    : [`${plural(report.jails.length, 'jail')}`];
  parts.push(
    broken.length
      ? `**${plural(broken.length, 'intent')} broken**`
      : report.intents.length
        ? `${plural(report.intents.length, 'intent')}, all hold`
        : 'no intents',
  );
  if (changes?.newlyExposed.length) parts.push(`${plural(changes.newlyExposed.length, 'port')} newly exposed`);
  lines.push(`${broken.length || newLan.length ? '❌' : '✅'} ${parts.join(' · ')}.`, '');
  lines.push(
    ...pairTable('Opened', opened),
    ...pairTable('Closed', closed),
    ...pairTable('Reaching differently', changed),
  );
  if (broken.length) {
    lines.push(`### Broken intents (${broken.length})`, '');
    for (const intent of broken) {
      const isNew = changes?.newlyBroken.includes(intent.id);
      lines.push(`- ❌ **${intent.text}**${isNew ? ' (newly broken)' : changes ? ' (already broken before)' : ''}`);
      for (const v of intent.violations) lines.push(`  - ${v.pair}: ${verdictWords(v.found)} — ${v.reason}`);
    }
    lines.push('');
  }
  const exposed = changes ? changes.newlyExposed : report.exposed;
  if (exposed.length) {
    lines.push(`### ${changes ? 'Newly exposed ports' : 'Exposed ports'} (${exposed.length})`, '');
    for (const entry of exposed)
      lines.push(`- ${exposedText(entry)}${entry.verdict === 'one-way' ? ' (one-way)' : ''}`);
    lines.push('');
  }
  if (report.notes.length) {
    lines.push('### Notes', '', ...report.notes.map((n) => `- ${n}`), '');
  }
  if (report.jails.length <= FULL_MATRIX_JAILS) {
    lines.push(
      '<details><summary>The matrix</summary>',
      '',
      '```',
      ...matrixText(report, Number.POSITIVE_INFINITY),
      legend(report.cells6 !== undefined),
      '```',
      '',
      '</details>',
      '',
    );
  }
  lines.push(`<sub>patchbay audit · probes: ${report.probes.join(', ')}</sub>`);
  return lines.join('\n');
}
