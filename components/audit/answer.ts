import { auditReport, explain } from '../../core/audit/report';
import type { AuditRequest, AuditResponse } from './audit-messages';

/** One question answered, in the worker or, without one, on the page. */
export function answer(request: AuditRequest): AuditResponse {
  try {
    if (request.kind === 'report') return { id: request.id, kind: 'report', report: auditReport(request.topology, request.patchbay, request.baseline) };
    return { id: request.id, kind: 'explain', explanation: explain(request.topology, request.source, request.destination, request.patchbay) };
  } catch (error) {
    return { id: request.id, kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}
