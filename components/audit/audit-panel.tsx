'use client';

import { useCallback, useRef, useState } from 'react';
import type { Meaning } from '../../core/topology/meaning';
import { AskForm } from './ask-form';
import { AuditChanges } from './audit-changes';
import { useAuditContext } from './audit-context';
import { AuditMatrixTable, VerdictLegend, type Cell } from './audit-matrix';
import { ExplanationView } from './explanation-view';
import { lanNamesOf } from './exposed-section';
import { ExposedView } from './exposed-view';

/** The matrix, one pair's explanation (lit on the canvas), and questions about any address. */
export function AuditPanel({
  topology,
  onAddNat,
}: {
  topology: Meaning;
  /** The editor's nat action: with it, an explanation can offer nat as the fix. */
  onAddNat?: (egress: string) => void;
}) {
  const audit = useAuditContext();
  const [selected, setSelected] = useState<Cell | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The matrix's cells are memoised; a handler that changed identity on every render would redraw
  // all of them, so they get one stable function that calls the latest `choose`.
  const chooseLatest = useRef<(cell: Cell) => Promise<void>>(async () => {});
  const onSelect = useCallback((cell: Cell) => void chooseLatest.current(cell), []);
  if (!audit) return null;
  const { report } = audit;
  const choose = async (cell: Cell) => {
    if (!report) return;
    const jail = report.jails[cell.row]!;
    const column = report.columns[cell.col]!;
    setSelected(cell);
    try {
      audit.show({
        title: `${jail.name} → ${column.label}`,
        explanation: await audit.explain({ kind: 'stack', id: jail.id }, column.destination),
      });
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  chooseLatest.current = choose;
  return (
    <div className="space-y-3" data-testid="audit-panel">
      <p className="text-xs text-slate-500" aria-live="polite" data-testid="audit-status">
        {audit.error ? (
          <span className="text-red-700">Audit failed: {audit.error}</span>
        ) : audit.computing || !report ? (
          'Auditing…'
        ) : (
          `${report.jails.length} jail(s), ${report.probes.length} kinds of traffic, ${report.millis} ms`
        )}
      </p>
      {report ? (
        <>
          <div className={audit.computing ? 'opacity-50 transition-opacity' : ''} aria-busy={audit.computing}>
            <AuditMatrixTable report={report} selected={selected} onSelect={onSelect} />
          </div>
          <VerdictLegend ipv6={report.cells6 !== undefined} />
          <ExposedView
            exposed={report.exposed}
            lanNames={lanNamesOf(topology)}
            explain={audit.explain}
            onAnswer={(title, explanation) => {
              setSelected(null);
              setError(null);
              audit.show({ title, explanation });
            }}
            onError={setError}
          />
          {report.sinceSaved ? (
            <AuditChanges
              title="Since the last save"
              changes={report.sinceSaved.changes}
              count={report.sinceSaved.count}
              testId="draft-audit"
            />
          ) : null}
          {report.notes.length ? (
            <ul className="space-y-1 text-xs text-amber-800 dark:text-amber-200" data-testid="audit-notes">
              {report.notes.map((note) => (
                <li key={note}>⚠ {note}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      <AskForm
        topology={topology}
        explain={audit.explain}
        onAnswer={(title, explanation) => {
          setSelected(null);
          audit.show({ title, explanation });
        }}
      />
      {error ? (
        <p className="text-xs text-red-700" role="alert">
          {error}
        </p>
      ) : null}
      {audit.shown ? (
        <div className="space-y-1">
          <ExplanationView title={audit.shown.title} explanation={audit.shown.explanation} onAddNat={onAddNat} />
          <button
            type="button"
            className="text-xs text-slate-500 underline"
            onClick={() => {
              setSelected(null);
              audit.show(null);
            }}>
            Clear the path
          </button>
        </div>
      ) : null}
    </div>
  );
}
