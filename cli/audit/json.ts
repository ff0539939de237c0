import type { z } from 'zod';
import { exposedText, type ExposedPort } from '../../core/audit/exposed';
import { familyVerdictOfCode, verdictOfCode } from '../../core/audit/matrix';
import type { AuditReport } from '../../core/audit/report';
import type { AuditReportOutputSchema } from '../../core/wire/cli-audit';
import type { DesignAudit } from './run-audit';

// The audit as --json prints it (core/wire/cli-audit.ts): the report's cell codes become named
// cells with verdict words, each Exposed entry carries core's sentence for it.

type ReportOutput = Omit<z.input<typeof AuditReportOutputSchema>, 'version'>;

function exposedEntry(entry: ExposedPort) {
  return { ...entry, text: exposedText(entry) };
}

export function namedCells(report: AuditReport): ReportOutput['matrix'] {
  const width = report.columns.length;
  const cells: ReportOutput['matrix'] = [];
  report.jails.forEach((jail, row) => {
    report.columns.forEach((column, col) => {
      const ipv4 = verdictOfCode(report.cells[row * width + col]!);
      if (ipv4 === 'self') return;
      const six = report.cells6 && familyVerdictOfCode(report.cells6[row * width + col]!);
      cells.push({ jail: jail.name, column: column.label, ipv4, ...(six && six !== 'self' ? { ipv6: six } : {}) });
    });
  });
  return cells;
}

export function reportOutput(file: string, audit: DesignAudit, ok: boolean): ReportOutput {
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
    matrix: namedCells(report),
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
