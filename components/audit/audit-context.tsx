'use client';

import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { PatchbayAnchors } from '../../core/audit/effective-pf';
import type { Explanation } from '../../core/audit/report';
import type { Topology } from '../../core/topology/schema';
import type { NodeMarks } from '../canvas/flow-types';
import { useAudit, type AuditState } from './use-audit';

// One audit per page, shared by the canvas (badges, the lit path) and the audit panel.

export interface AuditContextValue extends AuditState {
  /** The pair being explained, lit on the canvas. */
  shown: { title: string; explanation: Explanation } | null;
  show: (shown: { title: string; explanation: Explanation } | null) => void;
  marks: ReadonlyMap<string, NodeMarks>;
}

const AuditContext = createContext<AuditContextValue | null>(null);

export function AuditProvider({ topology, patchbay = 'from-design', baseline, children }: { topology: Topology; patchbay?: PatchbayAnchors; baseline?: Topology; children: ReactNode }) {
  const audit = useAudit(topology, patchbay, baseline);
  const [shown, show] = useState<AuditContextValue['shown']>(null);
  // An explanation belongs to the design it was asked about: a new audit puts out the lit path.
  useEffect(() => show(null), [audit.report]);
  const marks = useMemo(() => {
    const out = new Map<string, NodeMarks>();
    if (!audit.report) return out;
    const violating = new Set(audit.report.violating);
    for (const [jail, badges] of Object.entries(audit.report.badges)) out.set(jail, [...(violating.has(jail) ? ['audit:violation'] : []), ...badges.map((b) => `audit:${b}`)]);
    return out;
  }, [audit.report]);
  const value = useMemo(() => ({ ...audit, shown, show, marks }), [audit, shown, marks]);
  return <AuditContext.Provider value={value}>{children}</AuditContext.Provider>;
}

export function useAuditContext(): AuditContextValue | null {
  return useContext(AuditContext);
}
