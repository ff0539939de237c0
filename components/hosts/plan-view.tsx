'use client';

import { useState } from 'react';
import type { Phase, PlanStep } from '../../core/plan/types';
import type { api } from '../trpc-client';
import { PlanAuditView } from './plan-audit-view';
import { RefusalItem, type RefusalFixes } from './refusal-item';

export type PlanResult = Awaited<ReturnType<typeof api.hosts.plan.mutate>>;

const GROUP_OF: Record<Phase, 'create' | 'change' | 'destroy'> = {
  'pf-remove': 'destroy',
  'route-remove': 'destroy',
  'member-remove': 'destroy',
  'address-remove': 'destroy',
  'move-out': 'destroy',
  'jail-remove': 'destroy',
  destroy: 'destroy',
  create: 'create',
  'jail-create': 'create',
  'move-in': 'create',
  'member-add': 'create',
  'route-add': 'create',
  rename: 'change',
  configure: 'change',
  sysctl: 'change',
  pf: 'change',
};
const GROUPS = [
  { id: 'create', title: 'Create', className: 'text-emerald-700 dark:text-emerald-300' },
  { id: 'change', title: 'Change', className: 'text-amber-700 dark:text-amber-300' },
  { id: 'destroy', title: 'Destroy', className: 'text-red-700 dark:text-red-300' },
] as const;

/** A step's command as it would be typed: `jexec <jail>` in front when it runs inside a jail. */
export function commandLine(step: PlanStep): string {
  return [...(step.command.jail ? ['jexec', step.command.jail] : []), ...step.command.argv]
    .map((word) => (/^[A-Za-z0-9_./:=,+@%-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`))
    .join(' ');
}

/** What a plan will do, grouped, with every warning, and the exact commands on demand. */
export function PlanView({ plan, fixes = {} }: { plan: PlanResult; fixes?: RefusalFixes }) {
  const [showCommands, setShowCommands] = useState(false);
  return (
    <div className="space-y-3" data-testid="plan">
      <PlanAuditView audit={plan.audit} />
      {plan.refusals.length > 0 && (
        <ul
          className="space-y-2 rounded-md border border-red-200 bg-red-50 p-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
          data-testid="plan-refusals">
          {plan.refusals.map((refusal) => (
            <RefusalItem key={`${refusal.subject}:${refusal.reason}`} refusal={refusal} fixes={fixes} />
          ))}
        </ul>
      )}
      {plan.notes.length > 0 && (
        <ul className="list-disc pl-5 text-xs text-slate-500">
          {plan.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {plan.steps.length === 0 && plan.refusals.length > 0 ? (
        // Everything was held back: the host does not match, it only may not be changed yet.
        <p className="text-sm text-red-700 dark:text-red-300" data-testid="plan-blocked">
          No step can run until the refusals above are resolved.
        </p>
      ) : plan.steps.length === 0 ? (
        <p className="text-sm text-emerald-700 dark:text-emerald-300" data-testid="plan-empty">
          Nothing to do: the host already matches the design.
        </p>
      ) : (
        <>
          <label className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-300">
            <input
              type="checkbox"
              checked={showCommands}
              onChange={(e) => setShowCommands(e.target.checked)}
              data-testid="show-commands"
            />{' '}
            Show the exact commands
          </label>
          {GROUPS.map((group) => {
            const steps = plan.steps
              .map((step, index) => ({ step, index }))
              .filter(({ step }) => GROUP_OF[step.phase] === group.id);
            if (steps.length === 0) return null;
            return (
              <div key={group.id}>
                <h3 className={`text-xs font-semibold uppercase ${group.className}`}>
                  {group.title} ({steps.length})
                </h3>
                <ol className="space-y-0.5 text-sm">
                  {steps.map(({ step, index }) => (
                    <li key={index} data-testid="plan-step">
                      <span className="mr-1 text-xs text-slate-400">{index + 1}.</span>
                      {step.summary}
                      {showCommands && (
                        <code className="block break-all pl-5 font-mono text-[11px] text-slate-500">
                          {commandLine(step)}
                        </code>
                      )}
                    </li>
                  ))}
                </ol>
              </div>
            );
          })}
        </>
      )}
    </div>
  );
}
