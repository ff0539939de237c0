import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// A session is a signed expiry, nothing more: the proxy checks it with one HMAC and no storage.
// Token: `<expires at, ms since epoch>.<random nonce>.<HMAC-SHA256 of both>`, base64url.
// Logging out replaces the secret (see auth-files.ts), which ends every session at once.

export const SESSION_COOKIE = 'patchbay_session';
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

export type SessionCheck = { valid: true; expiresAt: number } | { valid: false; reason: 'missing' | 'malformed' | 'bad-signature' | 'expired' };

function signature(secret: Buffer, expiresAt: string, nonce: string): Buffer {
  return createHmac('sha256', secret).update(`patchbay-session.v1.${expiresAt}.${nonce}`).digest();
}

export function signSession(secret: Buffer, now = Date.now(), lifetimeMs = SESSION_LIFETIME_MS): string {
  const expiresAt = String(now + lifetimeMs);
  const nonce = randomBytes(16).toString('base64url');
  return `${expiresAt}.${nonce}.${signature(secret, expiresAt, nonce).toString('base64url')}`;
}

export function verifySession(secret: Buffer, token: string | undefined, now = Date.now()): SessionCheck {
  if (!token) return { valid: false, reason: 'missing' };
  const match = /^(\d{1,16})\.([\w-]{22})\.([\w-]{43})$/.exec(token);
  if (!match) return { valid: false, reason: 'malformed' };
  const [, expiresAt, nonce, presented] = match as unknown as [string, string, string, string];
  // Constant time, so the response time says nothing about how much of a forged signature was right.
  if (!timingSafeEqual(Buffer.from(presented, 'base64url'), signature(secret, expiresAt, nonce))) return { valid: false, reason: 'bad-signature' };
  if (Number(expiresAt) <= now) return { valid: false, reason: 'expired' };
  return { valid: true, expiresAt: Number(expiresAt) };
}

/**
 * The Set-Cookie value: HttpOnly (page scripts never see it), SameSite=Strict (no other site's page
 * sends it), Secure when the dashboard is reached over https. `token: null` clears the cookie.
 */
export function sessionCookie(token: string | null, options: { secure: boolean; maxAgeMs?: number }): string {
  const maxAge = token === null ? 0 : Math.floor((options.maxAgeMs ?? SESSION_LIFETIME_MS) / 1000);
  return [`${SESSION_COOKIE}=${token ?? ''}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAge}`, ...(options.secure ? ['Secure'] : [])].join('; ');
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
