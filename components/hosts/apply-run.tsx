'use client';

import { useEffect, useState } from 'react';
import type { ApplyEvent, ApplyProgressEvent, ApplyResult } from '../../core/wire/apply-progress';

export type RunState = { steps: { summary: string; status: 'running' | 'done' | 'failed' }[]; total: number; failure?: Extract<ApplyEvent, { type: 'failed' }>; reverted: Extract<ApplyEvent, { type: 'revert' }>[]; result?: ApplyResult; error?: string };

export const EMPTY_RUN: RunState = { steps: [], total: 0, reverted: [] };

/** Folds one event of an apply into what the panel shows. */
export function foldApplyEvent(run: RunState, event: ApplyProgressEvent): RunState {
  switch (event.type) {
    case 'step': {
      const steps = [...run.steps];
      steps[event.index] = { summary: event.summary, status: 'running' };
      return { ...run, steps, total: event.total };
    }
    case 'step-done': {
      const steps = [...run.steps];
      steps[event.index] = { ...steps[event.index]!, status: 'done' };
      return { ...run, steps };
    }
    case 'failed': {
      const steps = [...run.steps];
      steps[event.index] = { summary: event.summary, status: 'failed' };
      return { ...run, steps, failure: event };
    }
    case 'revert':
      return { ...run, reverted: [...run.reverted, event] };
    case 'result':
      return { ...run, result: event.result };
    default:
      return run;
  }
}

/** Each step as it runs; on failure the step, FreeBSD's words and what was undone. */
export function ApplyProgress({ run }: { run: RunState }) {
  const done = run.steps.filter((s) => s.status === 'done').length;
  return (
    <div className="space-y-2" data-testid="apply-progress">
      <div className="h-1.5 overflow-hidden rounded bg-slate-200 dark:bg-slate-700">
        <div className={`h-full ${run.failure ? 'bg-red-500' : 'bg-violet-500'}`} style={{ width: `${run.total ? (done / run.total) * 100 : 0}%` }} />
      </div>
      <p className="text-xs text-slate-500">
        {done} of {run.total || '…'} steps done
      </p>
      <ol className="max-h-48 space-y-0.5 overflow-auto text-sm">
        {run.steps.map((step, index) => (
          <li key={index} className={step.status === 'failed' ? 'font-semibold text-red-700 dark:text-red-300' : ''} data-testid={`apply-step-${step.status}`}>
            <span className="mr-1">{step.status === 'done' ? '✓' : step.status === 'failed' ? '✗' : '…'}</span>
            {step.summary}
          </li>
        ))}
      </ol>
      {run.failure && (
        <div className="space-y-1 rounded-md border border-red-200 bg-red-50 p-2 text-sm dark:border-red-900 dark:bg-red-950" data-testid="apply-failure">
          <p className="font-semibold text-red-800 dark:text-red-200">
            Step {run.failure.index + 1} failed: {run.failure.summary} (exit {run.failure.code})
          </p>
          <pre className="whitespace-pre-wrap font-mono text-xs text-red-900 dark:text-red-100">{run.failure.stderr.trim() || '(no message)'}</pre>
          <p className="text-xs font-semibold text-slate-700 dark:text-slate-200">Reverted, newest first:</p>
          <ul className="text-xs" data-testid="apply-reverted">
            {run.reverted.length === 0 && <li>nothing had changed yet</li>}
            {run.reverted.map((step, i) => (
              <li key={i}>
                {step.ok ? '↩' : '⚠'} {step.summary}
                {!step.ok && step.stderr ? ` — ${step.stderr.trim()}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      {run.error && <p className="text-sm text-red-700 dark:text-red-300">{run.error}</p>}
    </div>
  );
}

/** Seconds left until an unconfirmed apply reverts by itself. */
export function useCountdown(deadline: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!deadline) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [deadline]);
  return deadline ? Math.max(0, Math.ceil((Date.parse(deadline) - now) / 1000)) : null;
}
