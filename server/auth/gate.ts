import { hostRefusal, isHostAllowed, type HostEntry } from './allowed-hosts';
import { csrfRefusal } from './csrf';

// What the proxy does with a request, decided without any I/O: first the Host allow-list (every
// path: pages, API and public files), then the cross-site check on every state-changing /api request
// (always on), then the login check when a login is required.

export type GateDecision =
  | { action: 'pass' }
  | { action: 'refuse'; status: 401 | 403 | 421; error: string }
  | { action: 'redirect'; to: string };

export interface GateRequest {
  method: string;
  pathname: string;
  search: string;
  headers: { get(name: string): string | null };
}

export interface GateOptions {
  /** Parsed PATCHBAY_ALLOWED_HOSTS, loopback included (allowed-hosts.ts). */
  allowedHosts: readonly HostEntry[];
  loginRequired: boolean;
  hasSession: () => boolean;
}

/** Set by scripts/start-demo.mjs when the dashboard listens on anything but loopback. */
export function loginRequired(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.PATCHBAY_REQUIRE_LOGIN === '1';
}

/**
 * What anyone may reach without a session: the login page and everything under /api/auth/. Of those,
 * logout and the session list check the session themselves (app/api/auth/*), since they need one
 * even when no login is required.
 */
export function isPublicPath(pathname: string): boolean {
  return pathname === '/login' || pathname.startsWith('/api/auth/');
}

export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

export function gate(request: GateRequest, options: GateOptions): GateDecision {
  // 421 Misdirected Request: RFC 9110 §15.5.20, "not able to produce a response for this authority".
  // It is about the name used, not about who asks, which 403 would suggest.
  const host = request.headers.get('host');
  if (!isHostAllowed(host, options.allowedHosts)) return { action: 'refuse', status: 421, error: hostRefusal(host) };
  const isApi = isApiPath(request.pathname);
  if (isApi) {
    const refusal = csrfRefusal(request.method, request.headers);
    if (refusal) return { action: 'refuse', status: 403, error: refusal };
  }
  if (!options.loginRequired || isPublicPath(request.pathname) || options.hasSession()) return { action: 'pass' };
  if (isApi) return { action: 'refuse', status: 401, error: 'Login required: log in at /login first.' };
  return { action: 'redirect', to: `/login?next=${encodeURIComponent(request.pathname + request.search)}` };
}
