import { csrfRefusal } from './csrf';

// What the proxy does with a request, decided without any I/O: the cross-site check on every
// state-changing /api request (always on), then the login check when a login is required.

export type GateDecision = { action: 'pass' } | { action: 'refuse'; status: 401 | 403; error: string } | { action: 'redirect'; to: string };

export interface GateRequest {
  method: string;
  pathname: string;
  search: string;
  headers: { get(name: string): string | null };
}

/** Set by scripts/start-demo.mjs when the dashboard listens on anything but loopback. */
export function loginRequired(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.PATCHBAY_REQUIRE_LOGIN === '1';
}

/** What anyone may reach without a session: the login page and the endpoints that log in and out. */
export function isPublicPath(pathname: string): boolean {
  return pathname === '/login' || pathname.startsWith('/api/auth/');
}

export function gate(request: GateRequest, options: { loginRequired: boolean; hasSession: () => boolean }): GateDecision {
  const isApi = request.pathname === '/api' || request.pathname.startsWith('/api/');
  if (isApi) {
    const refusal = csrfRefusal(request.method, request.headers);
    if (refusal) return { action: 'refuse', status: 403, error: refusal };
  }
  if (!options.loginRequired || isPublicPath(request.pathname) || options.hasSession()) return { action: 'pass' };
  if (isApi) return { action: 'refuse', status: 401, error: 'Login required: log in at /login first.' };
  return { action: 'redirect', to: `/login?next=${encodeURIComponent(request.pathname + request.search)}` };
}
