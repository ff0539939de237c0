'use client';

import type { AuditChange } from '../../core/audit/diff';
import { verdictWords } from '../../core/audit/verdict';

const KIND_TEXT = { gained: 'now reaches', lost: 'no longer reaches', changed: 'changes' } as const;

/**
 * " over IPv6": an IPv6 change always names its family; an IPv4 one does so only when the list also
 * holds IPv6 changes, so an IPv4-only design reads as before and a mixed list is never ambiguous.
 */
function over(change: AuditChange, dual: boolean): string {
  return change.family === 6 || dual ? ` over IPv${change.family}` : '';
}

/** The differential audit: which pairs a change opens (green) or closes (red), before → after, per family. */
export function AuditChanges({
  title,
  changes,
  count,
  testId,
}: {
  title: string;
  changes: AuditChange[];
  count: number;
  testId: string;
}) {
  const dual = changes.some((c) => c.family === 6);
  return (
    <details className="text-sm" open={count > 0 && count <= 12}>
      <summary
        className="cursor-pointer font-medium text-slate-700 dark:text-slate-200"
        data-testid={`${testId}-summary`}>
        {title}: {count === 0 ? 'no pair changes' : `${count} pair(s) change${dual ? ', counted per family' : ''}`}
      </summary>
      <ul className="mt-1 space-y-0.5 text-xs text-slate-700 dark:text-slate-300" data-testid={`${testId}-changes`}>
        {changes.map((c) => (
          <li key={`${c.source}>${c.destination}|${c.family}`} data-kind={c.kind} data-family={c.family}>
            <span
              className={
                c.kind === 'gained'
                  ? 'text-emerald-700 dark:text-emerald-300'
                  : c.kind === 'lost'
                    ? 'text-red-700 dark:text-red-300'
                    : ''
              }>
              {c.source} {KIND_TEXT[c.kind]} {c.destination}
              {over(c, dual)}
            </span>
            <span className="text-slate-500">
              {' '}
              ({verdictWords(c.before)} → {verdictWords(c.after)})
            </span>
          </li>
        ))}
        {count > changes.length ? <li>and {count - changes.length} more</li> : null}
      </ul>
    </details>
  );
}
