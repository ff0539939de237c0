import { adminAuth } from '../../../../server/auth/admin';
import { noSessionResponse, sessionToken } from '../../../../server/auth/http';

/** The admin's live sessions, the most recently seen first; `current` marks this browser's. */
export function GET(request: Request) {
  const auth = adminAuth();
  const current = auth.session(sessionToken(request));
  if (!current) return noSessionResponse('Listing sessions');
  const sessions = auth.sessions.list().map((session) => ({ ...session, current: session.id === current.id }));
  return Response.json({ sessions }, { headers: { 'Cache-Control': 'no-store' } });
}
