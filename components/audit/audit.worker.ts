import type { AuditRequest } from './audit-messages';
import { answer } from './answer';

// The audit runs here, off the page's thread, so drawing stays smooth while it recomputes.
self.onmessage = (event: MessageEvent<AuditRequest>) => {
  self.postMessage(answer(event.data));
};
