'use client';

import type { UnconfirmedRevert } from './apply-progress';
import { localClock } from './countdown';

/** "Reverted at 21:04:12, not confirmed", with what the agent undid and whether the host is back. */
export function RevertNotice({ revert }: { revert: UnconfirmedRevert }) {
  const clean = revert.failures.length === 0 && revert.matchesPreApplyState !== false;
  return (
    <div
      className={`space-y-1 rounded-md border p-3 text-sm ${clean ? 'border-amber-300 bg-amber-50 dark:border-amber-700 dark:bg-amber-950' : 'border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950'}`}
      role="status"
      data-testid="revert-notice">
      <p className="font-semibold">Reverted at {localClock(revert.at)}, not confirmed</p>
      <p className="text-xs">
        Nobody confirmed the apply in time, so the agent undid it
        {revert.matchesPreApplyState === true
          ? ': the host is back as it was before.'
          : revert.matchesPreApplyState === false
            ? ', but the host does not match its state before the apply.'
            : '.'}
      </p>
      <p className="text-xs font-semibold">Undone, newest first:</p>
      <ul className="text-xs" data-testid="revert-undone">
        {revert.undone.length === 0 && <li>nothing</li>}
        {revert.undone.map((summary, index) => (
          <li key={index}>↩ {summary}</li>
        ))}
      </ul>
      {revert.failures.length > 0 && (
        <ul className="text-xs text-red-800 dark:text-red-200">
          {revert.failures.map((f) => (
            <li key={f.index}>
              ⚠ step {f.index + 1} ({f.summary}) is still in force: {f.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
