'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { api } from '../trpc-client';
import { useTRPC } from '../data/trpc';
import { BUTTON } from '../ui/styles';
import { errorText } from './error-text';
import { InterruptedBanner } from './interrupted-banner';

type Journal = Awaited<ReturnType<typeof api.hosts.journal.query>>;
type Apply = Journal['applies'][number];

const OUTCOME_CLASS: Record<string, string> = {
  confirmed: 'bg-emerald-600',
  'awaiting-confirmation': 'bg-violet-600',
  failed: 'bg-red-600',
  reverted: 'bg-amber-500',
  recovered: 'bg-amber-500',
  dismissed: 'bg-slate-500',
  interrupted: 'bg-red-600',
  running: 'bg-slate-500',
};

/** How a revert, recovery or dismissal of this apply ended, under its outcome. */
function Closing({ apply }: { apply: Apply }) {
  const closing = apply.closing;
  if (!closing) return null;
  const failures = closing.failures ?? [];
  const troubled = failures.length > 0 || closing.matchesPreApplyState === false;
  return (
    <div
      className={`mt-1 text-xs ${troubled ? 'text-amber-800 dark:text-amber-200' : 'text-slate-500'}`}
      data-testid="journal-closing">
      {closing.type === 'dismissed'
        ? `dismissed by ${closing.who}: ${closing.detail ?? ''}`
        : `${closing.type} by ${closing.who}: ${closing.detail ?? ''}`}
    </div>
  );
}

/** Every apply on a host, newest first: who, when, what, and how it ended; an interrupted one to recover or dismiss. */
export function JournalView({ hostId }: { hostId: string }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState<string | null>(null);
  const read = useQuery(trpc.hosts.journal.queryOptions({ id: hostId }));
  const journal = read.data ?? null;
  // Whether an apply waits to be recovered, and how the last recovery went (the host itself is not read).
  const status = useQuery(trpc.hosts.recovery.queryOptions({ id: hostId }));
  const failure = read.error ?? status.error;
  const error = failure ? errorText(failure) : null;
  const recovery = status.data
    ? { interrupted: status.data.interruptedApply ?? null, last: status.data.lastRecovery ?? null }
    : null;
  return (
    <div className="mx-auto w-full max-w-5xl space-y-4 overflow-auto p-6">
      <div className="flex items-center gap-3">
        <h1 className="text-xl font-semibold">Journal{journal ? ` — ${journal.host.name}` : ''}</h1>
        <a href={`/hosts/${hostId}`} className={`${BUTTON} ml-auto`}>
          Back to the host
        </a>
      </div>
      {error && <p className="text-sm text-red-700 dark:text-red-300">{error}</p>}
      {recovery && (
        <InterruptedBanner hostId={hostId} interrupted={recovery.interrupted} lastRecovery={recovery.last} />
      )}
      {journal && journal.applies.length === 0 && (
        <p className="text-sm text-slate-500">Nothing has been applied to this host yet.</p>
      )}
      {journal && journal.applies.length > 0 && (
        <table className="w-full text-left text-sm" data-testid="journal">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-1">When</th>
              <th>Who</th>
              <th>What</th>
              <th>Steps</th>
              <th>Outcome</th>
            </tr>
          </thead>
          <tbody>
            {journal.applies.map((apply) => (
              <tr
                key={apply.id}
                className="cursor-pointer border-t border-slate-200 align-top hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
                onClick={() => setOpen(open === apply.id ? null : apply.id)}
                data-testid="journal-row">
                <td className="py-1.5 pr-3 whitespace-nowrap">{new Date(apply.at).toLocaleString()}</td>
                <td className="pr-3">{apply.who}</td>
                <td className="pr-3">
                  {apply.summary}
                  {open === apply.id && (
                    <ol className="mt-1 list-decimal pl-5 text-xs text-slate-600 dark:text-slate-300">
                      {apply.stepSummaries.map((summary, i) => (
                        <li
                          key={i}
                          className={apply.failure?.index === i ? 'font-semibold text-red-700 dark:text-red-300' : ''}>
                          {summary}
                        </li>
                      ))}
                    </ol>
                  )}
                  {apply.failure && (
                    <div className="text-xs text-red-700 dark:text-red-300">
                      step {apply.failure.index + 1} failed: {apply.failure.stderr.trim()}
                    </div>
                  )}
                </td>
                <td className="pr-3">
                  {apply.completed}/{apply.steps}
                </td>
                <td>
                  <span
                    className={`rounded px-1.5 py-0.5 text-xs font-semibold text-white ${OUTCOME_CLASS[apply.outcome] ?? 'bg-slate-500'}`}>
                    {apply.outcome}
                  </span>
                  <Closing apply={apply} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
