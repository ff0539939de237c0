import { adminAuth } from '../../../../server/auth/admin';
import { secureRequest } from '../../../../server/auth/http';
import { sessionCookie } from '../../../../server/auth/session';

/** Ends every session and clears this browser's cookie. */
export function POST(request: Request) {
  adminAuth().logout();
  return Response.json({ ok: true }, { headers: { 'Set-Cookie': sessionCookie(null, { secure: secureRequest(request) }) } });
}
