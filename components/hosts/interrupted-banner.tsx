'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { api } from '../trpc-client';
import { afterHostChange, useInvalidate } from '../data/invalidation';
import { useTRPC } from '../data/trpc';
import { BUTTON, DANGER_BUTTON, INPUT, PRIMARY_BUTTON } from '../ui/styles';
import { errorText } from './error-text';

type HostState = Awaited<ReturnType<typeof api.hosts.state.query>>;
export type InterruptedApply = NonNullable<HostState['interruptedApply']>;
export type LastRecovery = NonNullable<HostState['lastRecovery']>;

const REASON_MAX = 500;
/** A recovery of thousands of steps can fail thousands of times; the page lists the first ones. */
const FAILURES_SHOWN = 20;

/** How the last revert, recovery or dismissal went, in words, and whether it needs attention. */
export function describeRecovery(last: LastRecovery): {
  tone: 'ok' | 'warning';
  title: string;
  failures: string[];
  more: number;
} {
  const when = `${last.who}, ${new Date(last.at).toLocaleString()}`;
  const failures = (last.failures ?? []).map((f) => `step ${f.index + 1} (${f.summary}): ${f.reason}`);
  const shown = { failures: failures.slice(0, FAILURES_SHOWN), more: Math.max(0, failures.length - FAILURES_SHOWN) };
  if (last.type === 'dismissed')
    return { tone: 'ok', title: `Interrupted apply dismissed (${when}): ${last.detail ?? ''}`, ...shown };
  const what = last.type === 'recovered' ? 'Recovery of the interrupted apply' : 'Revert of the unconfirmed apply';
  const clean = failures.length === 0 && last.matchesPreApplyState !== false;
  const outcome = clean
    ? last.matchesPreApplyState
      ? 'the host is back as it was before the apply'
      : 'done'
    : last.matchesPreApplyState === false
      ? 'the host does not match the state before the apply'
      : 'some steps were not undone';
  return { tone: clean ? 'ok' : 'warning', title: `${what} (${when}): ${outcome}`, ...shown };
}

interface Props {
  hostId: string;
  interrupted: InterruptedApply | null;
  lastRecovery: LastRecovery | null;
}

/**
 * An apply the agent never finished blocks every new apply on the host. This offers the two ways
 * out, recover (undo what the host still shows of it) or dismiss (keep the host as it is, with a
 * reason for the journal), and shows what the last revert, recovery or dismissal reported.
 */
export function InterruptedBanner({ hostId, interrupted, lastRecovery }: Props) {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  // A recovery or dismissal changes the host and its journal: both are read again wherever shown.
  const hostChanged = { onSuccess: () => invalidate((t) => afterHostChange(t, hostId)) };
  const recover = useMutation(trpc.hosts.recover.mutationOptions(hostChanged));
  const dismiss = useMutation(trpc.hosts.dismiss.mutationOptions(hostChanged));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');

  const act = async (call: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await call();
      setDismissing(false);
      setReason('');
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="space-y-2" data-testid="interrupted-banner">
      {interrupted && (
        <div
          className="space-y-2 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          role="alert">
          <p>
            An apply by <span className="font-semibold">{interrupted.who}</span> (
            {new Date(interrupted.at).toLocaleString()}) was interrupted after {interrupted.completed} of{' '}
            {interrupted.steps} step(s) when the agent stopped. The host may be half changed, so new applies are refused
            until it is recovered or dismissed.
          </p>
          <p className="text-xs">
            Recover reads the host and undoes, newest first, each step it still shows, then says whether the host is
            back as it was. Dismiss keeps the host as it is.
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <button
              type="button"
              className={PRIMARY_BUTTON}
              disabled={busy}
              onClick={() => void act(() => recover.mutateAsync({ id: hostId }))}
              data-testid="recover">
              {busy && !dismissing ? 'Recovering…' : 'Recover'}
            </button>
            {!dismissing && (
              <button
                type="button"
                className={BUTTON}
                disabled={busy}
                onClick={() => setDismissing(true)}
                data-testid="dismiss-open">
                Dismiss…
              </button>
            )}
          </div>
          {dismissing && (
            <form
              className="flex flex-wrap items-center gap-2"
              onSubmit={(event) => {
                event.preventDefault();
                void act(() => dismiss.mutateAsync({ id: hostId, reason: reason.trim() }));
              }}>
              <label className="min-w-64 flex-1">
                <span className="sr-only">Why dismiss instead of recover</span>
                <input
                  className={INPUT}
                  value={reason}
                  maxLength={REASON_MAX}
                  placeholder="Why keep the host as it is (goes into the journal)"
                  onChange={(e) => setReason(e.target.value)}
                  data-testid="dismiss-reason"
                />
              </label>
              <button
                type="submit"
                className={DANGER_BUTTON}
                disabled={busy || reason.trim() === ''}
                data-testid="dismiss">
                Dismiss
              </button>
              <button type="button" className={BUTTON} disabled={busy} onClick={() => setDismissing(false)}>
                Cancel
              </button>
            </form>
          )}
          {error && <p className="text-xs font-semibold">{error}</p>}
        </div>
      )}
      {lastRecovery && <RecoveryOutcome last={lastRecovery} />}
    </div>
  );
}

function RecoveryOutcome({ last }: { last: LastRecovery }) {
  const { tone, title, failures, more } = describeRecovery(last);
  const colours =
    tone === 'ok'
      ? 'border-slate-200 text-slate-700 dark:border-slate-700 dark:text-slate-300'
      : 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100';
  return (
    <div className={`space-y-1 rounded-md border p-3 text-sm ${colours}`} data-testid="last-recovery">
      <p className="font-semibold">{title}</p>
      {last.type !== 'dismissed' && last.detail && <p className="text-xs">{last.detail}</p>}
      {failures.length > 0 && (
        <ul className="list-disc pl-5 font-mono text-xs" data-testid="recovery-failures">
          {failures.map((failure, i) => (
            <li key={i}>{failure}</li>
          ))}
          {more > 0 && <li>and {more} more (the agent's log and the journal have them all)</li>}
        </ul>
      )}
    </div>
  );
}
