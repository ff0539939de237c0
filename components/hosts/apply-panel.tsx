'use client';

import { skipToken, useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, eventOf } from '../trpc-client';
import { afterHostChange, useInvalidate } from '../data/invalidation';
import { useTRPC } from '../data/trpc';
import { PRIMARY_BUTTON, BUTTON } from '../ui/styles';
import {
  ApplyProgress,
  NO_PROGRESS,
  foldApplyEvent,
  foldUnconfirmedRevert,
  type ProgressState,
  type UnconfirmedRevert,
} from './apply-progress';
import { errorText } from './error-text';
import type { LastRecovery } from './interrupted-banner';
import { PlanView, type PlanResult } from './plan-view';
import { RevertNotice } from './revert-notice';
import { useCountdown } from './use-countdown';
import { useTakeHostValues } from './use-take-host-values';

export interface Awaiting {
  id: string;
  deadline: string;
}

interface Props {
  hostId: string;
  designId: string | null;
  /** Foreign objects on the host, as adopt keys with a label. */
  foreign: { key: string; label: string }[];
  awaiting: Awaiting | null;
  /** The newest revert, recovery or dismissal on the host, as its state read says. */
  lastRecovery: LastRecovery | null;
}

/** Confirm windows on offer, in seconds; "" leaves it to the agent (--confirm-timeout, its longest). */
const CONFIRM_WINDOWS = [15, 30, 60, 120, 300] as const;

/** The revert of `applyId` for want of a confirmation, if `closing` is one. */
function revertOf(closing: LastRecovery | null | undefined, applyId: string | null): UnconfirmedRevert | null {
  if (!closing || !applyId || closing.id !== applyId || closing.type !== 'reverted') return null;
  return {
    at: closing.at,
    undone: closing.undone ?? [],
    failures: closing.failures ?? [],
    ...(closing.matchesPreApplyState !== undefined ? { matchesPreApplyState: closing.matchesPreApplyState } : {}),
  };
}

/** Plan → apply → confirm, for the chosen design on this host. */
export function ApplyPanel({ hostId, designId, foreign, awaiting, lastRecovery }: Props) {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  /** The host changed (applied, confirmed, reverted): its state and journal are read again. */
  const onHostChanged = () => void invalidate((t) => afterHostChange(t, hostId));
  const planning = useMutation(trpc.hosts.plan.mutationOptions());
  const starting = useMutation(trpc.hosts.startApply.mutationOptions());
  const confirming = useMutation(trpc.hosts.confirm.mutationOptions({ onSettled: onHostChanged }));
  const [plan, setPlan] = useState<PlanResult | null>(null);
  const [adopt, setAdopt] = useState<string[]>([]);
  const [allowUplink, setAllowUplink] = useState(false);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ProgressState | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [confirmWindow, setConfirmWindow] = useState('');
  /** The apply this panel started, and whether it still waits for its confirmation. */
  const [watched, setWatched] = useState<{ id: string; waiting: boolean } | null>(null);
  const secondsLeft = useCountdown(awaiting?.deadline ?? null);
  const takeHostValues = useTakeHostValues(designId);

  // Once the host no longer says it waits for our apply (or its time is up), the journal says why:
  // read it every second until the revert shows, rather than at the next full read of the host.
  const expectingRevert =
    watched?.waiting === true &&
    !revertOf(lastRecovery, watched.id) &&
    (awaiting?.id !== watched.id || secondsLeft === 0);
  const recovery = useQuery(
    trpc.hosts.recovery.queryOptions(expectingRevert ? { id: hostId } : skipToken, { refetchInterval: 1_000 }),
  );
  const revert = watched?.waiting
    ? (revertOf(recovery.data?.lastRecovery, watched.id) ?? revertOf(lastRecovery, watched.id))
    : null;
  // The revert removed what the apply made: the host is read again, and its drawing and counters follow.
  const revertAt = revert?.at;
  useEffect(() => {
    if (revertAt) onHostChanged();
    // Once per revert; onHostChanged is a new function at every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revertAt]);

  const makePlan = async (options: { adopt?: string[] } = {}) => {
    if (!designId) return;
    const adopting = options.adopt ?? adopt;
    setBusy(true);
    setProgress(null);
    setWatched(null);
    setMessage(null);
    try {
      setPlan(
        await planning.mutateAsync({
          id: hostId,
          designId,
          ...(adopting.length ? { adopt: adopting } : {}),
          ...(allowUplink ? { allowUplinkChanges: true } : {}),
        }),
      );
    } catch (error) {
      setPlan(null);
      setMessage(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const follow = (applyId: string) => {
    const subscription = api.hosts.applyProgress.subscribe(
      { id: hostId, applyId },
      {
        onData: (value) => {
          const event = eventOf(value);
          setProgress((current) => foldApplyEvent(current ?? NO_PROGRESS, event));
          if (event.type === 'result') {
            subscription.unsubscribe();
            setBusy(false);
            setPlan(null);
            setWatched({ id: applyId, waiting: event.result.ok && event.result.completed > 0 });
            onHostChanged();
          }
        },
        onError: (error) => {
          setProgress((current) => ({ ...(current ?? NO_PROGRESS), error: errorText(error) }));
          setBusy(false);
          subscription.unsubscribe();
        },
      },
    );
  };

  // Starting is a POST (it changes the host); following the progress is a read.
  const apply = async () => {
    if (!plan) return;
    setBusy(true);
    setProgress(NO_PROGRESS);
    try {
      const { applyId } = await starting.mutateAsync({
        id: hostId,
        planId: plan.id,
        ...(confirmWindow ? { confirmSeconds: Number(confirmWindow) } : {}),
      });
      follow(applyId);
    } catch (error) {
      setProgress(null);
      setMessage(errorText(error));
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!awaiting) return;
    try {
      await confirming.mutateAsync({ id: hostId, applyId: awaiting.id });
      setMessage('Confirmed: the change stays.');
      setProgress(null);
      setWatched(null);
    } catch (error) {
      setMessage(errorText(error));
    }
  };

  return (
    <div className="space-y-3" data-testid="apply-panel">
      {awaiting && (
        <div
          className="space-y-2 rounded-md border border-violet-300 bg-violet-50 p-3 dark:border-violet-700 dark:bg-violet-950"
          data-testid="confirm-box">
          <p className="text-sm font-semibold">Applied. Is the host still reachable and working?</p>
          <p className="text-sm">
            Confirm within{' '}
            <span className="font-mono text-lg font-bold" data-testid="countdown">
              {secondsLeft ?? '…'}
            </span>{' '}
            s, or the agent reverts the change by itself.
          </p>
          <button type="button" className={PRIMARY_BUTTON} onClick={() => void confirm()} data-testid="confirm">
            Confirm
          </button>
        </div>
      )}
      {foreign.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-600 dark:text-slate-300">
            Adopt objects Patchbay did not make ({foreign.length})
          </summary>
          <ul className="mt-1 space-y-0.5">
            {foreign.map((item) => (
              <li key={item.key}>
                <label className="flex items-center gap-2 font-mono text-xs">
                  <input
                    type="checkbox"
                    checked={adopt.includes(item.key)}
                    onChange={(e) =>
                      setAdopt((list) => (e.target.checked ? [...list, item.key] : list.filter((k) => k !== item.key)))
                    }
                  />
                  {item.label}
                </label>
              </li>
            ))}
          </ul>
        </details>
      )}
      <label className="flex items-center gap-2 text-sm">
        Confirm within
        <select
          className="rounded-md border border-slate-300 bg-white px-1 py-0.5 text-sm dark:border-slate-600 dark:bg-slate-900"
          value={confirmWindow}
          onChange={(e) => setConfirmWindow(e.target.value)}
          data-testid="confirm-window">
          <option value="">the agent&apos;s limit</option>
          {CONFIRM_WINDOWS.map((seconds) => (
            <option key={seconds} value={seconds}>
              {seconds} s
            </option>
          ))}
        </select>
        or it reverts
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={allowUplink} onChange={(e) => setAllowUplink(e.target.checked)} /> Allow changes
        to the uplink (can cut the host off)
      </label>
      <div className="flex gap-2">
        <button
          type="button"
          className={BUTTON}
          disabled={!designId || busy}
          onClick={() => void makePlan()}
          data-testid="plan-button">
          Plan
        </button>
        <button
          type="button"
          className={PRIMARY_BUTTON}
          disabled={!plan || plan.steps.length === 0 || plan.refusals.length > 0 || busy || awaiting !== null}
          onClick={() => void apply()}
          data-testid="apply-button">
          Apply
        </button>
      </div>
      {!designId && <p className="text-xs text-slate-500">Choose a design above to plan it onto this host.</p>}
      {message && (
        <p className="whitespace-pre-line text-sm" role="status" data-testid="apply-message">
          {message}
        </p>
      )}
      {revert && <RevertNotice revert={revert} />}
      {plan && !progress && (
        <PlanView
          plan={plan}
          fixes={{
            takeHostValues: async (fix) => {
              const version = await takeHostValues(fix);
              await makePlan();
              setMessage(`Saved version ${version} of the design with the host's value, and planned again.`);
            },
            allow: async (key) => {
              const next = adopt.includes(key) ? adopt : [...adopt, key];
              setAdopt(next);
              await makePlan({ adopt: next });
            },
          }}
        />
      )}
      {progress && <ApplyProgress progress={revert ? foldUnconfirmedRevert(progress, revert) : progress} />}
    </div>
  );
}
