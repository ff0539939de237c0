// The session cookie. The token in it is random; what it stands for (expiry, last seen, which
// browser) is in the sessions table (session-store.ts), so one session can be ended on its own.

export const SESSION_COOKIE = 'patchbay_session';
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

/**
 * The Set-Cookie value: HttpOnly (page scripts never see it), SameSite=Strict (no other site's page
 * sends it), Secure when the dashboard is reached over https. `token: null` clears the cookie.
 */
export function sessionCookie(token: string | null, options: { secure: boolean; maxAgeMs?: number }): string {
  const maxAge = token === null ? 0 : Math.floor((options.maxAgeMs ?? SESSION_LIFETIME_MS) / 1000);
  return [
    `${SESSION_COOKIE}=${token ?? ''}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAge}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

/** The cookie of a Cookie header by name (Next's helpers are not available everywhere this runs). */
export function cookieValue(cookieHeader: string | null, name = SESSION_COOKIE): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** https when the request says so, or a TLS-terminating reverse proxy in front says so. */
export function isHttps(url: string, forwardedProto: string | null): boolean {
  return new URL(url).protocol === 'https:' || forwardedProto?.split(',')[0]?.trim() === 'https';
}
