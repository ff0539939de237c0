import { diffAudits } from '../../core/audit/diff';
import { auditReport, explain } from '../../core/audit/report';
import type { AuditRequest, AuditResponse } from './audit-messages';

/** One question answered, in the worker or, without one, on the page. */
export function answer(request: AuditRequest): AuditResponse {
  try {
    if (request.kind === 'report') {
      const report = auditReport(request.topology, request.patchbay);
      if (!request.baseline) return { id: request.id, kind: 'report', report };
      // The edited draft against the last saved version: which pairs the edits open or close.
      const changes = diffAudits({ topology: request.baseline, patchbay: request.patchbay }, { topology: request.topology, patchbay: request.patchbay });
      return { id: request.id, kind: 'report', report: { ...report, sinceSaved: { changes: changes.slice(0, 100), count: changes.length } } };
    }
    return { id: request.id, kind: 'explain', explanation: explain(request.topology, request.source, request.destination, request.patchbay) };
  } catch (error) {
    return { id: request.id, kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}
