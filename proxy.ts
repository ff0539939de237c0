import { NextResponse, type NextRequest } from 'next/server';
import { hasValidSession } from './server/auth/auth-files';
import { gate, loginRequired } from './server/auth/gate';
import { SESSION_COOKIE } from './server/auth/session';
import { dataDirectory } from './server/storage/database';

// Every request but Next's static files passes here first (Next 16's proxy, formerly middleware,
// runs on Node.js): cross-site API writes are refused, and without a session, when a login is
// required, pages go to /login and API calls get 401. The decision itself is server/auth/gate.ts.

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const decision = gate(
    { method: request.method, pathname, search, headers: request.headers },
    { loginRequired: loginRequired(process.env), hasSession: () => hasValidSession(dataDirectory(), request.cookies.get(SESSION_COOKIE)?.value) },
  );
  if (decision.action === 'refuse') return NextResponse.json({ error: decision.error }, { status: decision.status });
  if (decision.action === 'redirect') return NextResponse.redirect(new URL(decision.to, request.url));
  return NextResponse.next();
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
