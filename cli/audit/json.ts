import type { z } from 'zod';
import { exposedText, type ExposedPort } from '../../core/audit/exposed';
import { familyVerdictOfCode, verdictOfCode } from '../../core/audit/matrix';
import type { AuditReport } from '../../core/audit/report';
import { CLI_JSON_VERSION } from '../../core/wire/cli';
import { AuditReportOutputSchema, FamilyVerdictWordSchema, VerdictWordSchema } from '../../core/wire/cli-audit';
import type { CliStream } from '../common/io';
import type { DesignAudit } from './run-audit';

// The audit as --json prints it (core/wire/cli-audit.ts): the report's cell codes become named
// cells with verdict words, each Exposed entry carries core's sentence for it.
//
// A 1,000-jail matrix is a million cells. Building a million objects, checking each with zod and
// JSON.stringify-ing them took most of --json's time (and 87 MB indented), so the matrix is written
// row by row from strings: each name and verdict word is encoded once, the rest of the document is
// checked by the schema as before, and each cell code's word by the schema's enums. Up to COMPACT_CELLS cells the
// document is indented like every other subcommand's; beyond, it is one line (a person reads such a matrix with jq, not
// by scrolling).

export const COMPACT_CELLS = 10_000;

type ReportOutput = Omit<z.input<typeof AuditReportOutputSchema>, 'version'>;

function exposedEntry(entry: ExposedPort) {
  return { ...entry, text: exposedText(entry) };
}

/** Everything but the matrix, which writeReportJson streams. */
export function reportOutput(file: string, audit: DesignAudit, ok: boolean): Omit<ReportOutput, 'matrix'> {
  const { report, changes } = audit;
  return {
    command: 'audit',
    mode: 'report',
    file,
    ok,
    jails: report.jails,
    columns: report.columns.map((c) => ({
      label: c.label,
      kind: c.destination.kind === 'stack' ? 'jail' : (c.destination.kind as 'lan' | 'internet' | 'host'),
    })),
    ipv6: report.cells6 !== undefined,
    intents: report.intents,
    exposed: report.exposed.map(exposedEntry),
    notes: report.notes,
    probes: report.probes,
    ...(changes
      ? {
          changes: {
            against: changes.against,
            count: changes.pairs.length,
            pairs: changes.pairs,
            newlyBroken: changes.newlyBroken,
            newlyExposed: changes.newlyExposed.map(exposedEntry),
          },
        }
      : {}),
  };
}

/** A report's cells as JSON texts, in the schema's key order (jail, column, ipv4, ipv6); names encoded once. */
function cellTexts(report: AuditReport): (row: number) => string[] {
  const width = report.columns.length;
  const jails = report.jails.map((j) => JSON.stringify(j.name));
  const columns = report.columns.map((c) => JSON.stringify(c.label));
  // A cell can only hold a word the schema's enums accept: each code met is checked once.
  const words = (decode: (code: number) => string, schema: z.ZodType) => {
    const known = new Map<number, string | undefined>();
    return (code: number) => {
      if (!known.has(code)) {
        const word = decode(code);
        known.set(code, word === 'self' ? undefined : JSON.stringify(schema.parse(word)));
      }
      return known.get(code);
    };
  };
  const four = words(verdictOfCode, VerdictWordSchema);
  const six = words(familyVerdictOfCode, FamilyVerdictWordSchema);
  return (row) => {
    const start = `{"jail":${jails[row]!},"column":`;
    const cells: string[] = [];
    for (let col = 0; col < width; col++) {
      const at = row * width + col;
      const ipv4 = four(report.cells[at]!);
      if (ipv4 === undefined) continue;
      const ipv6 = report.cells6 && six(report.cells6[at]!);
      cells.push(`${start}${columns[col]!},"ipv4":${ipv4}${ipv6 ? `,"ipv6":${ipv6}` : ''}}`);
    }
    return cells;
  };
}

const PLACEHOLDER = '\u0000matrix\u0000';

/**
 * The report as one JSON document on `stream`, checked against AuditReportOutputSchema. Up to
 * `compactFrom` cells indented exactly as JSON.stringify(…, null, 2) prints it, beyond on one line.
 */
export function writeReportJson(
  stream: CliStream,
  output: Omit<ReportOutput, 'matrix'>,
  report: AuditReport,
  compactFrom = COMPACT_CELLS,
): void {
  const checked = AuditReportOutputSchema.parse({ version: CLI_JSON_VERSION, ...output, matrix: [] });
  const indent = report.jails.length * report.columns.length > compactFrom ? undefined : 2;
  // The matrix goes where the placeholder stands, so the document keeps the schema's key order.
  const text = JSON.stringify({ ...checked, matrix: [PLACEHOLDER] }, null, indent);
  const [before, after] = text.split(JSON.stringify(PLACEHOLDER)) as [string, string];
  const separator = indent ? ',\n    ' : ',';
  const texts = cellTexts(report);
  let written = 0;
  report.jails.forEach((_, row) => {
    const cells = texts(row);
    if (cells.length === 0) return;
    const chunk = (indent ? cells.map(indented) : cells).join(separator);
    stream.write(written++ === 0 ? `${before}${chunk}` : `${separator}${chunk}`);
  });
  // No cell at all: the empty array as JSON.stringify prints it.
  stream.write(written ? `${after}\n` : `${JSON.stringify(checked, null, indent)}\n`);
}

/** A cell as JSON.stringify(document, null, 2) prints it in the matrix: 4 spaces in. */
function indented(cell: string): string {
  return JSON.stringify(JSON.parse(cell), null, 2).replace(/\n/g, '\n    ');
}
