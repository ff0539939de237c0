'use client';

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { PatchbayAnchors } from '../../core/audit/effective-pf';
import type { AuditReport, Explanation } from '../../core/audit/report';
import type { Topology } from '../../core/topology/schema';
import type { NodeMarks } from '../canvas/flow-types';
import { useAudit, type AuditState } from './use-audit';

// One audit per page. The panel reads all of it; the canvas reads only what it draws (badges and
// the lit path) from a context of its own, so a recompute starting or an answer arriving does not
// re-render the drawing.

type Shown = { title: string; explanation: Explanation } | null;

interface AuditContextValue extends AuditState {
  /** The pair being explained, lit on the canvas. */
  shown: Shown;
  show: (shown: Shown) => void;
}

interface AuditCanvasValue {
  shown: Shown;
  marks: ReadonlyMap<string, NodeMarks>;
}

const AuditContext = createContext<AuditContextValue | null>(null);
const AuditCanvasContext = createContext<AuditCanvasValue | null>(null);

function marksOf(report: AuditReport | null): Map<string, NodeMarks> {
  const out = new Map<string, NodeMarks>();
  if (!report) return out;
  const violating = new Set(report.violating);
  for (const [jail, badges] of Object.entries(report.badges))
    out.set(jail, [...(violating.has(jail) ? ['audit:violation'] : []), ...badges.map((b) => `audit:${b}`)]);
  return out;
}

export function AuditProvider({
  topology,
  baseline,
  patchbay = 'from-design',
  children,
}: {
  topology: Topology;
  baseline?: Topology;
  /** 'as-read' for a host as discovered: its Patchbay anchors as it runs them, not as a design would. */
  patchbay?: PatchbayAnchors;
  children: ReactNode;
}) {
  const audit = useAudit(topology, patchbay, baseline);
  const report = useRef(audit.report);
  report.current = audit.report;
  // An explanation belongs to the audit it was asked under: a newer audit puts out the lit path.
  const [stored, setStored] = useState<{ report: AuditReport | null; shown: NonNullable<Shown> } | null>(null);
  const shown = stored && stored.report === audit.report ? stored.shown : null;
  const show = useCallback((next: Shown) => setStored(next ? { report: report.current, shown: next } : null), []);
  const marks = useMemo(() => marksOf(audit.report), [audit.report]);
  const value = useMemo(() => ({ ...audit, shown, show }), [audit, shown, show]);
  const canvas = useMemo(() => ({ shown, marks }), [shown, marks]);
  return (
    <AuditContext.Provider value={value}>
      <AuditCanvasContext.Provider value={canvas}>{children}</AuditCanvasContext.Provider>
    </AuditContext.Provider>
  );
}

export function useAuditContext(): AuditContextValue | null {
  return useContext(AuditContext);
}

export function useAuditCanvas(): AuditCanvasValue | null {
  return useContext(AuditCanvasContext);
}
