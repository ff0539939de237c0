import { explain } from '../../core/audit/report';
import { ReportSession } from '../../core/audit/report-session';
import type { AuditRequest, AuditResponse } from './audit-messages';

// One session per place the audit runs (the worker, or the page without one): each report after
// an edit re-audits only what the edit changed, and the saved version is audited once.
const session = new ReportSession();

/** One question answered, in the worker or, without one, on the page. */
export function answer(request: AuditRequest): AuditResponse {
  try {
    if (request.kind === 'report')
      return {
        id: request.id,
        kind: 'report',
        report: session.report(request.topology, request.patchbay, request.baseline),
      };
    return {
      id: request.id,
      kind: 'explain',
      explanation: explain(request.topology, request.source, request.destination, request.patchbay),
    };
  } catch (error) {
    return { id: request.id, kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}
