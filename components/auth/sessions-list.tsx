'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { BUTTON, DANGER_BUTTON } from '../ui/styles';
import { describeAgo, describeUserAgent } from './describe-session';
import { postAuth } from './post-auth';
import { readSessions, SESSIONS_KEY, type Session } from './session-reads';

// Every browser logged in to this dashboard, from GET /api/auth/sessions: end one (a lost laptop, a
// browser you do not recognise), or all of them at once.

const time = (at: number) => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function SessionRow({ session, onRevoke }: { session: Session; onRevoke: () => void }) {
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3" data-testid="session-row">
      <div className="mr-auto min-w-0 space-y-0.5">
        <div className="flex items-center gap-2">
          <span className="font-medium text-slate-900 dark:text-slate-100" title={session.userAgent}>
            {describeUserAgent(session.userAgent)}
          </span>
          {session.current && (
            <span
              className="rounded bg-violet-100 dark:bg-violet-950 px-1.5 py-0.5 text-xs font-medium text-violet-800 dark:text-violet-300"
              data-testid="session-current">
              This browser
            </span>
          )}
        </div>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          from <span className="font-mono">{session.clientAddress}</span> · logged in {time(session.createdAt)} · last
          seen {describeAgo(session.lastSeenAt, Date.now())} · ends {time(session.expiresAt)}
        </p>
      </div>
      <button type="button" className={BUTTON} onClick={onRevoke} data-testid="session-revoke">
        {session.current ? 'Log out' : 'Revoke'}
      </button>
    </li>
  );
}

export function SessionsList() {
  const queryClient = useQueryClient();
  const loaded = useQuery({ queryKey: SESSIONS_KEY, queryFn: () => readSessions() }).data ?? {
    state: 'loading' as const,
  };
  const [message, setMessage] = useState<string | null>(null);

  const revoke = async (body: { id: string } | { all: true }, done: string) => {
    const reply = await postAuth('/api/auth/sessions/revoke', body);
    // A full page load drops every query cached under the ended session.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    if (reply.ok && reply.endedThisSession) return window.location.assign('/login');
    setMessage(reply.ok ? done : (reply.error ?? null));
    await queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
  };

  return (
    <div className="mx-auto w-full max-w-4xl space-y-6 p-6">
      <div className="flex flex-wrap items-center gap-2">
        <div className="mr-auto space-y-1">
          <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-100">Sessions</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Every browser logged in as the admin. Revoking a session logs that browser out at its next request.
          </p>
        </div>
        {loaded.state === 'ready' && (
          <button
            type="button"
            className={DANGER_BUTTON}
            onClick={() => void revoke({ all: true }, '')}
            data-testid="sessions-revoke-all">
            Log out everywhere
          </button>
        )}
      </div>
      {message && (
        <p
          className="rounded-md bg-slate-100 dark:bg-slate-800 px-3 py-2 text-sm text-slate-700 dark:text-slate-300"
          role="status">
          {message}
        </p>
      )}
      {loaded.state === 'loading' && <p className="text-sm text-slate-500">Loading…</p>}
      {loaded.state === 'logged-out' && (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="sessions-error">
          {loaded.error}{' '}
          <a href="/login?next=%2Fsessions" className="text-violet-700 dark:text-violet-400 hover:underline">
            Log in
          </a>
        </p>
      )}
      {loaded.state === 'ready' && (
        <ul
          className="divide-y divide-slate-200 dark:divide-slate-700 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900"
          data-testid="sessions-list">
          {loaded.sessions.map((session) => (
            <SessionRow
              key={session.id}
              session={session}
              onRevoke={() =>
                void revoke(
                  { id: session.id },
                  `Revoked the session of ${describeUserAgent(session.userAgent)} from ${session.clientAddress}.`,
                )
              }
            />
          ))}
        </ul>
      )}
    </div>
  );
}
