import { adminAuth } from '../../../../server/auth/admin';
import { loginRequired } from '../../../../server/auth/gate';
import { sessionToken } from '../../../../server/auth/http';

/** Whether this browser is logged in (the header shows the logout button only then). */
export function GET(request: Request) {
  const loggedIn = adminAuth().isLoggedIn(sessionToken(request));
  return Response.json(
    { loggedIn, loginRequired: loginRequired(process.env) },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
