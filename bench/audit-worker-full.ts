import type { AuditRequest, AuditResponse } from '../components/audit/audit-messages';
import { auditReport, explain } from '../core/audit/report';

// The editor's audit worker without its ReportSession, as it was before one: every report a full
// audit of the draft and of its saved version. bench/editor-audit.mjs serves it in place of
// public/audit-worker.js for the baseline of the same run.
self.onmessage = (event: MessageEvent<AuditRequest>) => {
  const request = event.data;
  let response: AuditResponse;
  try {
    response =
      request.kind === 'report'
        ? { id: request.id, kind: 'report', report: auditReport(request.topology, request.patchbay, request.baseline) }
        : {
            id: request.id,
            kind: 'explain',
            explanation: explain(request.topology, request.source, request.destination, request.patchbay),
          };
  } catch (error) {
    response = { id: request.id, kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(response);
};
