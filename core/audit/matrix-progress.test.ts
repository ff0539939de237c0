import { describe, expect, it } from 'vitest';
import { dualStackAuditDesign } from '../testing/audit-design-ipv6';
import { auditDesign } from '../testing/audit-design';
import type { Topology } from '../topology/schema';
import { Auditor } from './audit';
import { auditMatrix } from './matrix';

// The matrix says how far it is, row by row, for the CLI's progress bar; saying so changes nothing.

function rowsReported(topology: Topology) {
  const seen: [number, number][] = [];
  const matrix = auditMatrix(new Auditor(topology), undefined, (done, total) => seen.push([done, total]));
  return { matrix, seen };
}

describe('the matrix progress', () => {
  it('reports every row once, in order, of the one family an IPv4 design has', () => {
    const { matrix, seen } = rowsReported(auditDesign(3, 4));
    expect(seen.map(([done]) => done)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(new Set(seen.map(([, total]) => total))).toEqual(new Set([12]));
    expect(matrix.cells6).toBeUndefined();
  });

  it('counts both families of a dual-stack design, IPv6 after IPv4', () => {
    const { matrix, seen } = rowsReported(dualStackAuditDesign(2, 3));
    expect(matrix.cells6).toBeDefined();
    expect(seen.map(([done]) => done)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(seen.every(([, total]) => total === 12)).toBe(true);
  });

  it('changes no verdict', () => {
    const topology = dualStackAuditDesign(2, 3);
    const quiet = auditMatrix(new Auditor(topology));
    const { matrix } = rowsReported(topology);
    expect(matrix.cells).toEqual(quiet.cells);
    expect(matrix.cells6).toEqual(quiet.cells6);
  });
});
