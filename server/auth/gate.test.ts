import { describe, expect, it } from 'vitest';
import { parseAllowedHosts, type HostEntry } from './allowed-hosts';
import { gate, isPublicPath, loginRequired } from './gate';

const same = { host: 'pb.example', origin: 'http://pb.example', 'x-patchbay-csrf': '1' };
const request = (method: string, path: string, headers: Record<string, string> = {}) => {
  const url = new URL(path, 'http://pb.example');
  return {
    method,
    pathname: url.pathname,
    search: url.search,
    headers: new Headers({ host: 'pb.example', ...headers }),
  };
};
const hosts = (value?: string): HostEntry[] => {
  const parsed = parseAllowedHosts(value);
  return parsed.ok ? parsed.entries : [];
};
const allowedHosts = hosts('pb.example');
const ON = { allowedHosts, loginRequired: true, hasSession: () => false };
const LOGGED_IN = { allowedHosts, loginRequired: true, hasSession: () => true };
const OFF = { allowedHosts, loginRequired: false, hasSession: () => false };

describe('the proxy gate', () => {
  it('needs PATCHBAY_REQUIRE_LOGIN=1 exactly to require a login', () => {
    expect(loginRequired({ PATCHBAY_REQUIRE_LOGIN: '1' })).toBe(true);
    for (const value of [undefined, '', '0', 'true', 'yes'])
      expect(loginRequired({ PATCHBAY_REQUIRE_LOGIN: value })).toBe(false);
  });

  it('sends a page without a session to /login, remembering where it was going', () => {
    expect(gate(request('GET', '/designs/abc?v=2'), ON)).toEqual({
      action: 'redirect',
      to: '/login?next=%2Fdesigns%2Fabc%3Fv%3D2',
    });
    expect(gate(request('GET', '/'), ON)).toEqual({ action: 'redirect', to: '/login?next=%2F' });
  });

  it('answers an API call without a session with 401', () => {
    expect(gate(request('GET', '/api/trpc/validation.demo'), ON)).toEqual({
      action: 'refuse',
      status: 401,
      error: 'Login required: log in at /login first.',
    });
    expect(gate(request('POST', '/api/trpc/designs.create', same), ON)).toMatchObject({ status: 401 });
  });

  it('lets the login page and the auth endpoints through without a session', () => {
    expect(gate(request('GET', '/login?next=%2F'), ON)).toEqual({ action: 'pass' });
    expect(gate(request('POST', '/api/auth/login', same), ON)).toEqual({ action: 'pass' });
    expect(gate(request('GET', '/api/auth/session'), ON)).toEqual({ action: 'pass' });
    expect(isPublicPath('/loginx')).toBe(false);
    expect(isPublicPath('/api/authx')).toBe(false);
  });

  it('lets everything through with a session, or when no login is required', () => {
    expect(gate(request('GET', '/designs'), LOGGED_IN)).toEqual({ action: 'pass' });
    expect(gate(request('POST', '/api/trpc/designs.create', same), LOGGED_IN)).toEqual({ action: 'pass' });
    expect(gate(request('GET', '/designs'), OFF)).toEqual({ action: 'pass' });
  });

  it('refuses cross-site API writes with 403 whether or not a login is required, sessions or not', () => {
    for (const options of [ON, LOGGED_IN, OFF]) {
      expect(
        gate(request('POST', '/api/trpc/designs.create', { ...same, origin: 'https://evil.example' }), options),
      ).toMatchObject({ action: 'refuse', status: 403, error: expect.stringContaining('evil.example') });
      expect(gate(request('POST', '/api/auth/login', { host: same.host, origin: same.origin }), options)).toMatchObject(
        { status: 403, error: expect.stringContaining('x-patchbay-csrf') },
      );
    }
    // Pages are not under this check (forms there are Next's, with their own origin check).
    expect(gate(request('POST', '/designs', { origin: 'https://evil.example' }), OFF)).toEqual({ action: 'pass' });
  });

  it("refuses a DNS-rebinding request (Host and Origin both the attacker's name) with 421, pages and API alike", () => {
    // The request issue 14 found passing: same-origin to the browser, CSRF header and all.
    const rebound = { host: 'evil.example:3000', origin: 'http://evil.example:3000', 'x-patchbay-csrf': '1' };
    const refused = {
      action: 'refuse',
      status: 421,
      error: expect.stringContaining('Host "evil.example:3000" is not a name this dashboard answers to'),
    };
    for (const options of [OFF, LOGGED_IN, { ...OFF, allowedHosts: hosts(undefined) }]) {
      expect(gate(request('POST', '/api/trpc/designs.create', rebound), options)).toEqual(refused);
      expect(gate(request('GET', '/api/trpc/hosts.list', rebound), options)).toEqual(refused);
      expect(gate(request('GET', '/designs', rebound), options)).toEqual(refused);
      expect(gate(request('POST', '/api/auth/login', rebound), options)).toEqual(refused);
    }
    expect(gate(request('GET', '/', { host: '' }), OFF)).toMatchObject({
      status: 421,
      error: expect.stringContaining('no Host header'),
    });
  });

  it('lets loopback names through by default, and listed names', () => {
    const loopbackOnly = { ...OFF, allowedHosts: hosts(undefined) };
    for (const host of ['localhost:3000', '127.0.0.1:3123', '[::1]:3000']) {
      expect(
        gate(
          request('POST', '/api/trpc/designs.create', { host, origin: `http://${host}`, 'x-patchbay-csrf': '1' }),
          loopbackOnly,
        ),
      ).toEqual({ action: 'pass' });
    }
    expect(gate(request('GET', '/', { host: 'pb.example' }), loopbackOnly)).toMatchObject({ status: 421 });
    expect(gate(request('GET', '/', { host: 'pb.example:3000' }), OFF)).toEqual({ action: 'pass' });
  });
});
