import type { SessionInfo } from '../../server/auth/session-store';
// The two reads of /api/auth/* the header and the session list make, as TanStack Query query
// functions: never throwing, so a dashboard that cannot be reached is a state to show, not an error.

/** A session as the list shows it: the stored one, and whether it is this browser's. */
export interface Session extends SessionInfo {
  current: boolean;
}

export type Loaded = { state: 'logged-out'; error: string } | { state: 'ready'; sessions: Session[] };

export const LOGGED_IN_KEY = ['auth', 'session'] as const;
export const SESSIONS_KEY = ['auth', 'sessions'] as const;

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Whether this browser has a session (the cookie is HttpOnly, so the page asks the server). */
export async function readLoggedIn(fetcher: Fetch = fetch): Promise<boolean> {
  try {
    const session = (await (await fetcher('/api/auth/session', { cache: 'no-store' })).json()) as {
      loggedIn?: boolean;
    };
    return session.loggedIn === true;
  } catch {
    return false;
  }
}

/** Every browser logged in as the admin, or why they cannot be listed. */
export async function readSessions(fetcher: Fetch = fetch): Promise<Loaded> {
  try {
    const response = await fetcher('/api/auth/sessions', { cache: 'no-store' });
    const reply = (await response.json()) as { sessions?: Session[]; error?: string };
    return response.ok && reply.sessions
      ? { state: 'ready', sessions: reply.sessions }
      : { state: 'logged-out', error: reply.error ?? `The server answered ${response.status}.` };
  } catch {
    return { state: 'logged-out', error: 'The dashboard cannot be reached; is it running?' };
  }
}
