'use client';

import type { Topology } from '../core/topology/schema';
import { useAuditContext } from './audit/audit-context';
import { AuditPanel } from './audit/audit-panel';
import { IntentsPanel } from './audit/intents-panel';

// The audit of a design that is only shown, never edited (the demo on the home page): the same
// panels as the editor's, without the means to change the design. Both read the page's AuditProvider.

/** The design's intents, each with whether the audit finds it holding. */
export function AuditedIntents({ topology }: { topology: Topology }) {
  const audit = useAuditContext();
  return <IntentsPanel topology={topology} report={audit?.report ?? null} />;
}

/** The reachability matrix; pressing a cell explains the pair and lights its path on the drawing. */
export function ReadOnlyAudit({ topology }: { topology: Topology }) {
  return <AuditPanel topology={topology} />;
}
