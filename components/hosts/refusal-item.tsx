'use client';

import { useState } from 'react';
import type { HostValues } from '../../core/plan/types';
import { BUTTON } from '../ui/styles';
import { errorText } from './error-text';
import type { api } from '../trpc-client';

export type PlanRefusal = Awaited<ReturnType<typeof api.hosts.plan.mutate>>['refusals'][number];

export interface RefusalFixes {
  /** Saves the design with the host's values and plans again. */
  takeHostValues?: (fix: HostValues) => Promise<void>;
  /** Adopts one foreign object (by adopt key) and plans again: safe, the uplink guard still holds. */
  allow?: (adoptKey: string) => Promise<void>;
}

/**
 * One refusal: what it is about and why, the steps it holds back (shown struck through, never run),
 * and the one-click ways out: take the host's value into the design, or allow (adopt) where that is
 * safe. Allowing uplink changes stays the checkbox below the plan: it can cut the host off.
 */
export function RefusalItem({ refusal, fixes }: { refusal: PlanRefusal; fixes: RefusalFixes }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (fix: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fix();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  const take = refusal.takeHostValues;
  const adoptKey = refusal.override === 'adopt' ? refusal.adoptKey : undefined;
  return (
    <li className="space-y-1" data-testid="plan-refusal">
      <p>
        <strong>{refusal.subject}</strong>: {refusal.reason}
        {refusal.override === 'allowUplinkChanges' && ' (or allow uplink changes below, which can cut the host off)'}
      </p>
      {refusal.heldBack && refusal.heldBack.length > 0 && (
        <div className="pl-2 text-xs">
          <p className="font-semibold">Held back, not run:</p>
          <ol className="list-decimal pl-5" data-testid="held-back">
            {refusal.heldBack.map((step, index) => (
              <li key={index} className="line-through decoration-red-400">
                {step.summary}
              </li>
            ))}
          </ol>
        </div>
      )}
      {(take || adoptKey) && (
        <div className="flex flex-wrap gap-2">
          {take && fixes.takeHostValues && (
            <button
              type="button"
              className={BUTTON}
              disabled={busy}
              onClick={() => void run(() => fixes.takeHostValues!(take))}
              data-testid="take-host-value">
              Take the host&apos;s value
            </button>
          )}
          {adoptKey && fixes.allow && (
            <button
              type="button"
              className={BUTTON}
              disabled={busy}
              onClick={() => void run(() => fixes.allow!(adoptKey))}
              data-testid="allow-refused">
              Allow (adopt {refusal.subject})
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="text-xs" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
