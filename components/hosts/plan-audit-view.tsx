'use client';

import type { PlanAudit } from '../../core/audit/plan-audit';
import { AuditChanges } from '../audit/audit-changes';
import { IntentViolations } from '../audit/intent-violations';

/** Before Apply: the intents the plan would break, and which pairs it opens and closes. */
export function PlanAuditView({ audit }: { audit: PlanAudit }) {
  return (
    <div className="space-y-2" data-testid="plan-audit">
      {audit.broken.length > 0 ? (
        <div
          className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          role="alert"
          data-testid="plan-broken-intents">
          <p className="font-semibold">
            This plan would break {audit.broken.length === 1 ? 'an intent' : `${audit.broken.length} intents`}:
          </p>
          <ul className="mt-1 space-y-1">
            {audit.broken.map((intent) => (
              <li key={intent.id}>
                <strong>{intent.text}</strong>
                <IntentViolations violations={intent.violations} limit={3} className="pl-4 text-xs" />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <AuditChanges title="Reachability" changes={audit.changes} count={audit.changeCount} testId="plan-audit" />
      {audit.notes.length ? (
        <ul className="text-xs text-amber-800 dark:text-amber-200">
          {audit.notes.map((n) => (
            <li key={n}>⚠ {n}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
