'use client';

import { memo } from 'react';
import { familyVerdictOfCode, verdictOfCode } from '../../core/audit/matrix';
import type { AuditReport } from '../../core/audit/report';
import { NO_IPV6_LOOK, VERDICT_LOOK } from './verdict-style';

export interface Cell {
  row: number;
  col: number;
}

/** Sources (jails) by destinations (LAN, internet, host, every jail); a cell opens its explanation. */
export function AuditMatrixTable({
  report,
  selected,
  onSelect,
}: {
  report: AuditReport;
  selected: Cell | null;
  onSelect: (cell: Cell) => void;
}) {
  const width = report.columns.length;
  if (report.jails.length === 0)
    return <p className="text-sm text-slate-500">No jails yet: add one to see what it can reach.</p>;
  return (
    // Column headers run upwards, so a column is as narrow as its cells and eight jails fit the side
    // panel (sideways names made four overflow it); beyond that it scrolls both ways, and the
    // headers stick to the top and the left so a cell far down and right still says whose it is.
    <div
      className="max-h-[28rem] overflow-auto overscroll-contain rounded-md border border-slate-200 [scrollbar-width:thin] dark:border-slate-700"
      data-testid="audit-matrix">
      <table className="border-separate border-spacing-0 text-xs">
        <thead>
          <tr>
            <th className="sticky left-0 top-0 z-20 bg-slate-100 px-2 py-1 text-left align-bottom font-medium text-slate-500 dark:bg-slate-800">
              from ↓ to →
            </th>
            {report.columns.map((column, col) => (
              <th
                key={col}
                scope="col"
                className={`sticky top-0 z-10 bg-slate-100 px-0.5 py-1 align-bottom font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-200 ${col === 2 ? 'border-r border-slate-300 dark:border-slate-600' : ''}`}>
                <span
                  className="mx-auto block max-h-24 rotate-180 truncate [writing-mode:vertical-rl]"
                  title={column.label}>
                  {column.label}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.jails.map((jail, row) => (
            <tr key={jail.id}>
              <th
                scope="row"
                className="sticky left-0 z-10 max-w-[7rem] truncate border-r border-slate-200 bg-slate-50 px-2 py-0.5 text-left font-medium text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200"
                title={jail.name}>
                {jail.name}
              </th>
              {report.columns.map((column, col) => (
                <MatrixCell
                  key={col}
                  row={row}
                  col={col}
                  jailName={jail.name}
                  columnLabel={column.label}
                  verdict={verdictOfCode(report.cells[row * width + col]!)}
                  verdict6={report.cells6 ? familyVerdictOfCode(report.cells6[row * width + col]!) : undefined}
                  active={selected?.row === row && selected.col === col}
                  onSelect={onSelect}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface MatrixCellProps {
  row: number;
  col: number;
  jailName: string;
  columnLabel: string;
  verdict: ReturnType<typeof verdictOfCode>;
  /** The IPv6 verdict, when the design has IPv6: the cell shows both, IPv4 left and IPv6 right. */
  verdict6: ReturnType<typeof familyVerdictOfCode> | undefined;
  active: boolean;
  onSelect: (cell: Cell) => void;
}

/**
 * One cell, memoised on plain values: an edit changes a few of 40,000 cells at 200 jails, and
 * without this every cell's button was reconciled twice per edit (when the audit starts and when it
 * answers), which was most of the time from an edit to the updated matrix.
 */
const MatrixCell = memo(function MatrixCell({
  row,
  col,
  jailName,
  columnLabel,
  verdict,
  verdict6,
  active,
  onSelect,
}: MatrixCellProps) {
  if (verdict === 'self')
    return (
      <td className="px-1 text-center text-slate-300" aria-label={`${jailName} itself`}>
        ·
      </td>
    );
  const look = VERDICT_LOOK[verdict];
  if (verdict6 !== undefined && verdict6 !== 'self') {
    const look6 = verdict6 === 'no-ipv6' ? NO_IPV6_LOOK : VERDICT_LOOK[verdict6];
    const words = `IPv4: ${look.label} · IPv6: ${look6.label}`;
    return (
      <td className={`p-0.5 ${col === 2 ? 'border-r border-slate-300 dark:border-slate-600' : ''}`}>
        <button
          type="button"
          onClick={() => onSelect({ row, col })}
          aria-label={`${jailName} → ${columnLabel}: ${words}`}
          title={words}
          aria-pressed={active}
          data-verdict={verdict}
          data-verdict6={verdict6}
          className={`flex h-6 w-full min-w-[2.5rem] overflow-hidden rounded text-[11px] font-bold leading-6 ${active ? 'ring-2 ring-violet-600 ring-offset-1 dark:ring-offset-slate-900' : 'hover:brightness-110'}`}>
          <span className={`w-1/2 ${look.cell}`}>{look.letter}</span>
          <span className={`w-1/2 border-l border-white/60 ${look6.cell}`}>{look6.letter}</span>
        </button>
      </td>
    );
  }
  return (
    <td className={`p-0.5 ${col === 2 ? 'border-r border-slate-300 dark:border-slate-600' : ''}`}>
      <button
        type="button"
        onClick={() => onSelect({ row, col })}
        aria-label={`${jailName} → ${columnLabel}: ${look.label}`}
        aria-pressed={active}
        data-verdict={verdict}
        className={`block h-6 w-full min-w-[1.75rem] rounded text-[11px] font-bold leading-6 ${look.cell} ${active ? 'ring-2 ring-violet-600 ring-offset-1 dark:ring-offset-slate-900' : 'hover:brightness-110'}`}>
        {look.letter}
      </button>
    </td>
  );
});

export function VerdictLegend({ ipv6 = false }: { ipv6?: boolean }) {
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1 text-[11px] text-slate-600 dark:text-slate-300">
      {ipv6 ? (
        <li className="flex items-center gap-1">
          <span className="inline-flex h-4 w-7 overflow-hidden rounded text-[9px] font-bold leading-4" aria-hidden>
            <span className="w-1/2 bg-slate-300 text-center">4</span>
            <span className="w-1/2 border-l border-white bg-slate-200 text-center">6</span>
          </span>
          IPv4 left, IPv6 right
        </li>
      ) : null}
      {[...Object.entries(VERDICT_LOOK), ...(ipv6 ? [['no-ipv6', NO_IPV6_LOOK] as const] : [])].map(([key, look]) => (
        <li key={key} className="flex items-center gap-1">
          <span
            className={`inline-block h-4 w-4 rounded text-center text-[10px] font-bold leading-4 ${look.cell}`}
            aria-hidden>
            {look.letter}
          </span>
          {look.label}
        </li>
      ))}
    </ul>
  );
}
