'use client';

import { useQuery } from '@tanstack/react-query';
import { postAuth } from './post-auth';
import { LOGGED_IN_KEY, readLoggedIn } from './session-reads';

// In the header, shown only to a logged-in browser: the link to the session list, and logging out
// (of this browser's session only). The session cookie is HttpOnly, so the page asks the server
// whether it has one instead of looking. Both live here so the header asks once.

const HEADER_ITEM =
  'rounded px-2.5 py-1 text-sm text-slate-300 hover:bg-slate-800 hover:text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-400';

export function LogoutButton() {
  const loggedIn = useQuery({ queryKey: LOGGED_IN_KEY, queryFn: () => readLoggedIn() }).data === true;
  if (!loggedIn) return null;

  const logout = async () => {
    await postAuth('/api/auth/logout');
    // A full page load, not router.push: it drops every query cached under the ended session.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign('/login');
  };
  return (
    <>
      <a
        href="/sessions"
        className={HEADER_ITEM}
        title="Every browser logged in to this dashboard"
        data-testid="sessions-link">
        Sessions
      </a>
      <button
        type="button"
        onClick={() => void logout()}
        className={HEADER_ITEM}
        title="End this browser's session"
        data-testid="logout">
        Log out
      </button>
    </>
  );
}
