import { hasValidSession } from '../../../../server/auth/auth-files';
import { loginRequired } from '../../../../server/auth/gate';
import { cookieValue } from '../../../../server/auth/session';
import { dataDirectory } from '../../../../server/storage/database';

/** Whether this browser is logged in (the header shows the logout button only then). */
export function GET(request: Request) {
  const loggedIn = hasValidSession(dataDirectory(), cookieValue(request.headers.get('cookie')));
  return Response.json({ loggedIn, loginRequired: loginRequired(process.env) }, { headers: { 'Cache-Control': 'no-store' } });
}
