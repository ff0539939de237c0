import { NextResponse, type NextRequest } from 'next/server';
import { parseAllowedHosts, ALLOWED_HOSTS_ENV, type AllowListParse } from './server/auth/allowed-hosts';
import { gate, isApiPath, loginRequired } from './server/auth/gate';
import { securityHeaders } from './server/auth/security-headers.mjs';
import { SESSION_COOKIE } from './server/auth/session';
import { sessionStore } from './server/auth/session-store';

// Every request but Next's static files passes here first (Next 16's proxy, formerly middleware,
// runs on Node.js): a Host the dashboard does not answer to is refused (DNS rebinding), cross-site
// API writes are refused, and without a session, when a login is required, pages go to /login and
// API calls get 401. The decision itself is server/auth/gate.ts. Every answer carries the security
// headers (server/auth/security-headers.mjs).

const HEADERS = securityHeaders({ development: process.env.NODE_ENV === 'development' });

// Parsed once per value of the variable, not once per request.
let allowList: { value: string | undefined; parsed: AllowListParse } | undefined;
function allowedHosts(): AllowListParse {
  const value = process.env[ALLOWED_HOSTS_ENV];
  if (allowList && allowList.value === value) return allowList.parsed;
  const parsed = parseAllowedHosts(value);
  if (!parsed.ok) console.error(`Patchbay: ${parsed.error}`);
  allowList = { value, parsed };
  return parsed;
}

function refuse(pathname: string, status: number, error: string): NextResponse {
  // A page gets plain text a person can read in the browser; an API caller gets JSON.
  if (isApiPath(pathname)) return NextResponse.json({ error }, { status });
  return new NextResponse(`${error}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

function decide(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  const hosts = allowedHosts();
  if (!hosts.ok) return refuse(pathname, 500, `Patchbay is misconfigured: ${hosts.error}`);
  const decision = gate(
    { method: request.method, pathname, search, headers: request.headers },
    {
      allowedHosts: hosts.entries,
      loginRequired: loginRequired(process.env),
      hasSession: () => sessionStore().isValid(request.cookies.get(SESSION_COOKIE)?.value),
    },
  );
  if (decision.action === 'refuse') return refuse(pathname, decision.status, decision.error);
  if (decision.action === 'redirect') return NextResponse.redirect(new URL(decision.to, request.url));
  return NextResponse.next();
}

export function proxy(request: NextRequest) {
  const response = decide(request);
  for (const [name, value] of Object.entries(HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
