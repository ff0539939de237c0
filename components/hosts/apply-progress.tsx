'use client';

import type { ApplyEvent, ApplyProgressEvent, ApplyResult } from '../../core/wire/apply-progress';

/** An unconfirmed apply the agent reverted at its deadline, as the host's journal tells it. */
export interface UnconfirmedRevert {
  at: string;
  /** What was undone, newest first. */
  undone: string[];
  /** Steps whose undo failed (by index): they are still in force. */
  failures: { index: number; summary: string; reason: string }[];
  matchesPreApplyState?: boolean;
}

export type ProgressState = {
  steps: { summary: string; status: 'running' | 'done' | 'failed' | 'undone' }[];
  total: number;
  failure?: Extract<ApplyEvent, { type: 'failed' }>;
  reverted: Extract<ApplyEvent, { type: 'revert' }>[];
  result?: ApplyResult;
  error?: string;
  /** Set when nobody confirmed in time and the agent undid the apply. */
  unconfirmed?: UnconfirmedRevert;
};

export const NO_PROGRESS: ProgressState = { steps: [], total: 0, reverted: [] };

/** Folds one event of an apply into what the panel shows. */
export function foldApplyEvent(progress: ProgressState, event: ApplyProgressEvent): ProgressState {
  switch (event.type) {
    case 'step': {
      const steps = [...progress.steps];
      steps[event.index] = { summary: event.summary, status: 'running' };
      return { ...progress, steps, total: event.total };
    }
    case 'step-done': {
      const steps = [...progress.steps];
      steps[event.index] = { ...steps[event.index]!, status: 'done' };
      return { ...progress, steps };
    }
    case 'failed': {
      const steps = [...progress.steps];
      steps[event.index] = { summary: event.summary, status: 'failed' };
      return { ...progress, steps, failure: event };
    }
    case 'revert':
      return { ...progress, reverted: [...progress.reverted, event] };
    case 'result':
      return { ...progress, result: event.result };
    default:
      return progress;
  }
}

/**
 * The apply as it stands after the agent reverted it for want of a confirmation: its steps are no
 * longer done (undone, except those whose undo failed, which are still in force).
 */
export function foldUnconfirmedRevert(progress: ProgressState, revert: UnconfirmedRevert): ProgressState {
  const stillInForce = new Set(revert.failures.map((f) => f.index));
  return {
    ...progress,
    steps: progress.steps.map((step, index) =>
      step.status === 'done' && !stillInForce.has(index) ? { ...step, status: 'undone' } : step,
    ),
    unconfirmed: revert,
  };
}

const STEP_MARK = { done: '✓', failed: '✗', running: '…', undone: '↩' } as const;

/** Each step as it runs; on failure the step, FreeBSD's words and what was undone. */
export function ApplyProgress({ progress }: { progress: ProgressState }) {
  const done = progress.steps.filter((s) => s.status === 'done').length;
  return (
    <div className="space-y-2" data-testid="apply-progress">
      <div className="h-1.5 overflow-hidden rounded bg-slate-200 dark:bg-slate-700">
        <div
          className={`h-full ${progress.failure ? 'bg-red-500' : 'bg-violet-500'}`}
          style={{ width: `${progress.total ? (done / progress.total) * 100 : 0}%` }}
        />
      </div>
      <p className="text-xs text-slate-500" data-testid="apply-count">
        {progress.unconfirmed
          ? `${progress.steps.filter((s) => s.status === 'undone').length} of ${progress.total} steps undone; ${done} still in force`
          : `${done} of ${progress.total || '…'} steps done`}
      </p>
      <ol className="max-h-48 space-y-0.5 overflow-auto text-sm">
        {progress.steps.map((step, index) => (
          <li
            key={index}
            className={
              step.status === 'failed'
                ? 'font-semibold text-red-700 dark:text-red-300'
                : step.status === 'undone'
                  ? 'text-slate-400 line-through'
                  : ''
            }
            data-testid={`apply-step-${step.status}`}>
            <span className="mr-1">{STEP_MARK[step.status]}</span>
            {step.summary}
          </li>
        ))}
      </ol>
      {progress.failure && (
        <div
          className="space-y-1 rounded-md border border-red-200 bg-red-50 p-2 text-sm dark:border-red-900 dark:bg-red-950"
          data-testid="apply-failure">
          <p className="font-semibold text-red-800 dark:text-red-200">
            Step {progress.failure.index + 1} failed: {progress.failure.summary} (exit {progress.failure.code})
          </p>
          <pre className="whitespace-pre-wrap font-mono text-xs text-red-900 dark:text-red-100">
            {progress.failure.stderr.trim() || '(no message)'}
          </pre>
          <p className="text-xs font-semibold text-slate-700 dark:text-slate-200">Reverted, newest first:</p>
          <ul className="text-xs" data-testid="apply-reverted">
            {progress.reverted.length === 0 && <li>nothing had changed yet</li>}
            {progress.reverted.map((step, i) => (
              <li key={i}>
                {step.ok ? '↩' : '⚠'} {step.summary}
                {!step.ok && step.stderr ? ` — ${step.stderr.trim()}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      {progress.error && <p className="text-sm text-red-700 dark:text-red-300">{progress.error}</p>}
    </div>
  );
}
