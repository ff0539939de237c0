import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cookieValue, isHttps, SESSION_LIFETIME_MS, sessionCookie, signSession, verifySession } from './session';

const secret = randomBytes(32);
const NOW = Date.UTC(2026, 0, 1);

describe('sessions', () => {
  it('accepts a token it signed until it expires, then refuses it', () => {
    const token = signSession(secret, NOW);
    expect(verifySession(secret, token, NOW + 1000)).toEqual({ valid: true, expiresAt: NOW + SESSION_LIFETIME_MS });
    expect(verifySession(secret, token, NOW + SESSION_LIFETIME_MS - 1).valid).toBe(true);
    expect(verifySession(secret, token, NOW + SESSION_LIFETIME_MS)).toEqual({ valid: false, reason: 'expired' });
  });

  it('refuses a tampered token: a later expiry, another nonce, another signature', () => {
    const token = signSession(secret, NOW);
    const [expires, nonce, signature] = token.split('.') as [string, string, string];
    const later = `${Number(expires) + 1}.${nonce}.${signature}`;
    expect(verifySession(secret, later, NOW)).toEqual({ valid: false, reason: 'bad-signature' });
    const otherNonce = `${expires}.${nonce.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}.${signature}`;
    expect(verifySession(secret, otherNonce, NOW)).toEqual({ valid: false, reason: 'bad-signature' });
    const flipped = `${expires}.${nonce}.${signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`;
    expect(verifySession(secret, flipped, NOW)).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it('refuses a token signed with another secret (after logout replaced it)', () => {
    expect(verifySession(randomBytes(32), signSession(secret, NOW), NOW)).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it('refuses missing and malformed tokens without throwing', () => {
    expect(verifySession(secret, undefined, NOW)).toEqual({ valid: false, reason: 'missing' });
    for (const token of ['', 'x', '1.2.3', `${NOW}..`, `${signSession(secret, NOW)}.extra`, 'a'.repeat(5000)]) {
      expect(verifySession(secret, token, NOW), token.slice(0, 40)).toMatchObject({ valid: false });
    }
  });

  it('sets an HttpOnly, SameSite=Strict cookie, Secure only over https, and clears it', () => {
    expect(sessionCookie('tok', { secure: false })).toBe(`patchbay_session=tok; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_LIFETIME_MS / 1000}`);
    expect(sessionCookie('tok', { secure: true })).toMatch(/; Secure$/);
    expect(sessionCookie(null, { secure: false })).toBe('patchbay_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0');
  });

  it('reads the session cookie out of a Cookie header', () => {
    expect(cookieValue('a=1; patchbay_session=abc.def; b=2')).toBe('abc.def');
    expect(cookieValue('xpatchbay_session=nope')).toBeUndefined();
    expect(cookieValue(null)).toBeUndefined();
  });

  it('knows https from the URL or from a reverse proxy in front', () => {
    expect(isHttps('https://pb.example/api/auth/login', null)).toBe(true);
    expect(isHttps('http://pb.example/api/auth/login', 'https')).toBe(true);
    expect(isHttps('http://pb.example/api/auth/login', null)).toBe(false);
  });
});
