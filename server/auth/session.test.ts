import { describe, expect, it } from 'vitest';
import { cookieValue, isHttps, SESSION_LIFETIME_MS, sessionCookie } from './session';

describe('the session cookie', () => {
  it('sets an HttpOnly, SameSite=Strict cookie, Secure only over https, and clears it', () => {
    expect(sessionCookie('tok', { secure: false })).toBe(
      `patchbay_session=tok; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_LIFETIME_MS / 1000}`,
    );
    expect(sessionCookie('tok', { secure: true })).toMatch(/; Secure$/);
    expect(sessionCookie(null, { secure: false })).toBe(
      'patchbay_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0',
    );
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
