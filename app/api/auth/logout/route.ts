import { adminAuth } from '../../../../server/auth/admin';
import { clearedCookie, noSessionResponse, sessionToken } from '../../../../server/auth/http';

/** Ends this browser's session, and only it (other sessions: /api/auth/sessions/revoke). */
export function POST(request: Request) {
  if (!adminAuth().logout(sessionToken(request))) return noSessionResponse('Logging out');
  return Response.json({ ok: true }, { headers: clearedCookie(request) });
}
