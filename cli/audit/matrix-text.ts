import { familyVerdictOfCode } from '../../core/audit/matrix';
import type { AuditReport } from '../../core/audit/report';
import type { FamilyVerdict } from '../../core/audit/verdict';
import { VERDICT_WORDS } from '../../core/audit/verdict';
import { SELF_SYMBOL, VERDICT_SYMBOL } from './words';

// The matrix as a text table: a row per jail, a column for the LAN, the internet, the host and each
// jail, a symbol per verdict. With IPv6 each cell holds two symbols, IPv4 then IPv6, as the
// dashboard's cell shows IPv4 left and IPv6 right. Jail columns are numbered when their names do
// not fit the width; beyond FULL_MATRIX_JAILS the jail-to-jail part is counted per row (a
// thousand columns help nobody in a terminal; --json has every cell).

export const FULL_MATRIX_JAILS = 40;

type Cell = FamilyVerdict | 'self';

function cellText(report: AuditReport, row: number, col: number): string {
  const at = row * report.columns.length + col;
  const symbol = (v: Cell) => (v === 'self' ? SELF_SYMBOL : VERDICT_SYMBOL[v]);
  const four = familyVerdictOfCode(report.cells[at]!);
  if (!report.cells6) return symbol(four);
  const six = familyVerdictOfCode(report.cells6[at]!);
  return four === 'self' ? SELF_SYMBOL.repeat(2) : `${symbol(four)}${symbol(six)}`;
}

function centre(text: string, width: number): string {
  const left = Math.floor((width - text.length) / 2);
  return `${' '.repeat(Math.max(0, left))}${text}`.padEnd(width);
}

/** The first column, and the last when `lastLeft`, are aligned left; the rest centred. */
function table(header: string[], rows: string[][], lastLeft = false): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const left = (i: number) => i === 0 || (lastLeft && i === header.length - 1);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (left(i) ? c.padEnd(widths[i]!) : centre(c, widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

export function legend(ipv6: boolean): string {
  const verdicts: FamilyVerdict[] = [
    'reachable',
    'partial',
    'one-way',
    'blocked',
    'no-route',
    ...(ipv6 ? (['no-ipv6'] as const) : []),
  ];
  const items = verdicts.map((v) => `${VERDICT_SYMBOL[v]} ${VERDICT_WORDS[v]}`);
  return `${items.join('  ')}  ${SELF_SYMBOL} itself${ipv6 ? '   (each cell: IPv4 then IPv6)' : ''}`;
}

/** `width`: the terminal's columns (or a default off a terminal). */
export function matrixText(report: AuditReport, width: number): string[] {
  if (report.jails.length === 0) return ['No jails: nothing to audit.'];
  if (report.jails.length > FULL_MATRIX_JAILS) return countedMatrix(report);
  const fixed = report.columns.slice(0, 3).map((c) => c.label);
  const named = ['from ↓ to →', ...report.columns.map((c) => c.label)];
  const rows = report.jails.map((jail, row) => [
    jail.name,
    ...report.columns.map((_, col) => cellText(report, row, col)),
  ]);
  const full = table(named, rows);
  if (Math.max(...full.map((l) => l.length)) <= width) return full;
  // Numbered: jail k's column is "k", its row starts "k name".
  const digits = String(report.jails.length).length;
  const numbered = report.jails.map((jail, row) => [
    `${String(row + 1).padStart(digits)} ${jail.name}`,
    ...rows[row]!.slice(1),
  ]);
  return table(['from ↓ to →', ...fixed, ...report.jails.map((_, k) => String(k + 1))], numbered);
}

function countedMatrix(report: AuditReport): string[] {
  const six = report.cells6 !== undefined;
  const width = report.columns.length;
  const counts = (cells: ArrayLike<number>, row: number) => {
    const tally = new Map<FamilyVerdict, number>();
    for (let col = 3; col < width; col++) {
      const v = familyVerdictOfCode(cells[row * width + col]!);
      if (v !== 'self') tally.set(v, (tally.get(v) ?? 0) + 1);
    }
    return [...tally].map(([v, n]) => `${n} ${VERDICT_SYMBOL[v]}`).join(', ');
  };
  const rows = report.jails.map((jail, row) => [
    jail.name,
    ...[0, 1, 2].map((col) => cellText(report, row, col)),
    six ? `IPv4 ${counts(report.cells, row)} · IPv6 ${counts(report.cells6!, row)}` : counts(report.cells, row),
  ]);
  const header = ['from ↓ to →', ...report.columns.slice(0, 3).map((c) => c.label), 'the other jails (counted)'];
  return table(header, rows, true);
}
