'use client';

import type { PlanAudit } from '../../core/audit/plan-audit';
import { VERDICT_LOOK } from '../audit/verdict-style';

const KIND_TEXT = { gained: 'now reaches', lost: 'no longer reaches', changed: 'changes' } as const;

function verdictLabel(verdict: string): string {
  return verdict === 'absent' ? 'not there' : (VERDICT_LOOK[verdict as keyof typeof VERDICT_LOOK]?.label ?? verdict);
}

/** Before Apply: the intents the plan would break, and which pairs it opens and closes. */
export function PlanAuditView({ audit }: { audit: PlanAudit }) {
  return (
    <div className="space-y-2" data-testid="plan-audit">
      {audit.broken.length > 0 ? (
        <div className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100" role="alert" data-testid="plan-broken-intents">
          <p className="font-semibold">This plan would break {audit.broken.length === 1 ? 'an intent' : `${audit.broken.length} intents`}:</p>
          <ul className="mt-1 space-y-1">
            {audit.broken.map((intent) => (
              <li key={intent.id}>
                <strong>{intent.text}</strong>
                <ul className="pl-4 text-xs">
                  {intent.violations.slice(0, 3).map((v) => (
                    <li key={v.pair}>
                      {v.pair}: {verdictLabel(v.found)} — {v.reason}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <details className="text-sm" open={audit.changeCount > 0 && audit.changeCount <= 12}>
        <summary className="cursor-pointer font-medium text-slate-700 dark:text-slate-200" data-testid="plan-audit-summary">
          Reachability: {audit.changeCount === 0 ? 'no pair changes' : `${audit.changeCount} pair(s) change`}
        </summary>
        <ul className="mt-1 space-y-0.5 text-xs text-slate-700 dark:text-slate-300" data-testid="plan-audit-changes">
          {audit.changes.map((c) => (
            <li key={`${c.source}>${c.destination}`} data-kind={c.kind}>
              <span className={c.kind === 'gained' ? 'text-emerald-700 dark:text-emerald-300' : c.kind === 'lost' ? 'text-red-700 dark:text-red-300' : ''}>
                {c.source} {KIND_TEXT[c.kind]} {c.destination}
              </span>
              <span className="text-slate-500"> ({verdictLabel(c.before)} → {verdictLabel(c.after)})</span>
            </li>
          ))}
          {audit.changeCount > audit.changes.length ? <li>and {audit.changeCount - audit.changes.length} more</li> : null}
        </ul>
      </details>
      {audit.notes.length ? <ul className="text-xs text-amber-800 dark:text-amber-200">{audit.notes.map((n) => <li key={n}>⚠ {n}</li>)}</ul> : null}
    </div>
  );
}
