import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NextRequest } from 'next/server';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { proxy } from '../../proxy';
import { sessionStore } from './session-store';

// proxy.ts as Next calls it (it lives at the root, where vitest does not look for tests).

beforeAll(() => {
  process.env.PATCHBAY_DATA_DIR = join(mkdtempSync(join(tmpdir(), 'patchbay-proxy-')), 'data');
});
afterEach(() => vi.unstubAllEnvs());

const call = (method: string, url: string, headers: Record<string, string>) =>
  proxy(new NextRequest(url, { method, headers }));
const LOCAL = { host: 'localhost:3000', origin: 'http://localhost:3000', 'x-patchbay-csrf': '1' };

describe('the proxy', () => {
  it('refuses a DNS-rebinding write with 421 and a JSON error naming the Host (issue 14: it answered 200)', async () => {
    const response = call('POST', 'http://evil.example:3000/api/trpc/designs.create', {
      host: 'evil.example:3000',
      origin: 'http://evil.example:3000',
      'x-patchbay-csrf': '1',
    });
    expect(response.status).toBe(421);
    expect((await response.json()).error).toMatch(
      /^Request refused: Host "evil\.example:3000" is not a name this dashboard answers to .* PATCHBAY_ALLOWED_HOSTS/,
    );
  });

  it('refuses a page on a foreign Host with readable text', async () => {
    const response = call('GET', 'http://evil.example:3000/designs', { host: 'evil.example:3000' });
    expect(response.status).toBe(421);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toContain('add it to PATCHBAY_ALLOWED_HOSTS');
  });

  it('answers to names in PATCHBAY_ALLOWED_HOSTS, and says what is wrong with a bad list', async () => {
    vi.stubEnv('PATCHBAY_ALLOWED_HOSTS', 'patchbay.lan');
    expect(
      call('GET', 'http://patchbay.lan:3000/designs', { host: 'patchbay.lan:3000' }).headers.get('x-middleware-next'),
    ).toBe('1');
    vi.stubEnv('PATCHBAY_ALLOWED_HOSTS', 'patchbay.lan, *.lan');
    const misconfigured = call('GET', 'http://localhost:3000/', { host: 'localhost:3000' });
    expect(misconfigured.status).toBe(500);
    expect(await misconfigured.text()).toMatch(
      /^Patchbay is misconfigured: PATCHBAY_ALLOWED_HOSTS: "\*\.lan" has a wildcard/,
    );
  });

  it('puts the security headers on what it passes, refuses and redirects', () => {
    vi.stubEnv('PATCHBAY_REQUIRE_LOGIN', '1');
    const responses = [
      call('GET', 'http://localhost:3000/designs', LOCAL),
      call('GET', 'http://evil.example/', { host: 'evil.example' }),
      call('GET', 'http://localhost:3000/login', LOCAL),
    ];
    expect(responses.map((r) => r.status)).toEqual([307, 421, 200]);
    for (const response of responses) {
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
    }
  });

  it('lets a page through with a session from the store, and not once it is revoked', () => {
    vi.stubEnv('PATCHBAY_REQUIRE_LOGIN', '1');
    const { id, token } = sessionStore().create({ userAgent: 'test', clientAddress: '127.0.0.1' });
    const withCookie = () =>
      call('GET', 'http://localhost:3000/designs', { ...LOCAL, cookie: `patchbay_session=${token}` });
    expect(withCookie().headers.get('x-middleware-next')).toBe('1');
    sessionStore().revoke(id);
    expect(withCookie().status).toBe(307);
  });
});
