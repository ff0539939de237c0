import { describe, expect, it } from 'vitest';
import { familyVerdictOfCode, verdictOfCode } from '../../core/audit/matrix';
import { auditDesign as bigAuditDesign } from '../../core/testing/audit-design';
import { CLI_JSON_VERSION } from '../../core/wire/cli';
import { AuditReportOutputSchema } from '../../core/wire/cli-audit';
import { memoryIo } from '../common/io';
import { bastilleWithInherit } from '../../core/testing/bastille-design';
import { dualStackDesign } from '../testing/audit-designs';
import { reportOutput, writeReportJson } from './json';
import { auditDesign } from './run-audit';

// The streamed matrix prints what building every cell and JSON.stringify-ing the document would:
// byte for byte when indented, the same value on one line beyond the compact threshold.

function plainDocument(topology: Parameters<typeof auditDesign>[0]) {
  const audit = auditDesign(topology);
  const { report } = audit;
  const width = report.columns.length;
  const matrix = report.jails.flatMap((jail, row) =>
    report.columns.flatMap((column, col) => {
      const ipv4 = verdictOfCode(report.cells[row * width + col]!);
      if (ipv4 === 'self') return [];
      const six = report.cells6 && familyVerdictOfCode(report.cells6[row * width + col]!);
      return [{ jail: jail.name, column: column.label, ipv4, ...(six && six !== 'self' ? { ipv6: six } : {}) }];
    }),
  );
  const output = reportOutput('d.json', audit, true);
  // Parsed, the document takes the schema's key order, where the matrix follows ipv6.
  const document = AuditReportOutputSchema.parse({ version: CLI_JSON_VERSION, ...output, matrix });
  return { audit, output, document };
}

describe('the audit report as JSON', () => {
  it('is indented exactly as JSON.stringify prints it, IPv4 and dual-stack', () => {
    // The Bastille host with an inherit jail: its Exposed entries say `inherited`, which the schema takes.
    for (const topology of [bigAuditDesign(2, 3), dualStackDesign(), bastilleWithInherit()]) {
      const { audit, output, document } = plainDocument(topology);
      const io = memoryIo({ cwd: '/' });
      writeReportJson(io.stdout, output, audit.report);
      expect(io.out()).toBe(`${JSON.stringify(document, null, 2)}\n`);
    }
  });

  it('is one line beyond the compact threshold, with the same value', () => {
    const { audit, output, document } = plainDocument(bigAuditDesign(3, 4));
    const io = memoryIo({ cwd: '/' });
    writeReportJson(io.stdout, output, audit.report, 10);
    expect(io.out()).toBe(`${JSON.stringify(document)}\n`);
    expect(io.out().split('\n')).toHaveLength(2);
  });
});
