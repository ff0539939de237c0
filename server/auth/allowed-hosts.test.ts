import { describe, expect, it } from 'vitest';
import { hostRefusal, isHostAllowed, parseAllowedHosts, splitHost } from './allowed-hosts';

const allowed = (value: string | undefined) => {
  const parsed = parseAllowedHosts(value);
  if (!parsed.ok) throw new Error(parsed.error);
  return (host: string | null) => isHostAllowed(host, parsed.entries);
};

describe('the Host allow-list', () => {
  it('allows loopback on any port by default, and nothing else', () => {
    const ok = allowed(undefined);
    for (const host of [
      'localhost',
      'localhost:3000',
      'LOCALHOST:3123',
      '127.0.0.1',
      '127.0.0.1:3000',
      '[::1]:3000',
      '[::1]',
      'localhost.:80',
    ])
      expect(ok(host), host).toBe(true);
    for (const host of [
      'evil.example',
      'evil.example:3000',
      '127.0.0.2:3000',
      '10.0.0.5:3000',
      'localhost.evil.example',
      '[::2]:3000',
      null,
      '',
      ':3000',
      'localhost:0',
      'localhost:99999',
      'a b',
    ]) {
      expect(ok(host), String(host)).toBe(false);
    }
  });

  it('adds names from PATCHBAY_ALLOWED_HOSTS: a bare name on any port, name:port on that port only', () => {
    const ok = allowed(' patchbay.lan , 192.168.1.10:3000,,[fd00::5]:3000, PB.Example. ');
    expect(ok('patchbay.lan')).toBe(true);
    expect(ok('Patchbay.LAN:8080')).toBe(true);
    expect(ok('192.168.1.10:3000')).toBe(true);
    expect(ok('192.168.1.10:3001')).toBe(false);
    expect(ok('192.168.1.10')).toBe(false);
    expect(ok('[FD00::5]:3000')).toBe(true);
    expect(ok('pb.example:3000')).toBe(true);
    expect(ok('localhost:3000')).toBe(true); // loopback stays allowed
    expect(ok('evil.example:3000')).toBe(false);
  });

  it('matches a Host without a port against name:80 and name:443 (browsers leave default ports out)', () => {
    const ok = allowed('a.example:443,b.example:80,c.example:8443');
    expect(ok('a.example')).toBe(true);
    expect(ok('b.example')).toBe(true);
    expect(ok('c.example')).toBe(false);
    expect(ok('a.example:80')).toBe(false);
  });

  it('refuses a bad entry naming the variable, the entry and the rule', () => {
    expect(parseAllowedHosts('good.example, bad_name')).toEqual({
      ok: false,
      error:
        'PATCHBAY_ALLOWED_HOSTS: "bad_name" is not a host name, IPv4 address or [IPv6] address, optionally followed by :port (1-65535). Example: PATCHBAY_ALLOWED_HOSTS=patchbay.lan,192.168.1.10:3000',
    });
    expect(parseAllowedHosts('*.example')).toMatchObject({
      error: expect.stringContaining('"*.example" has a wildcard'),
    });
    expect(parseAllowedHosts('fd00::5')).toMatchObject({
      error: expect.stringContaining('write it in brackets, like [fd00::5]'),
    });
    expect(parseAllowedHosts('http://pb.example')).toMatchObject({ error: expect.stringContaining('is a URL') });
    expect(parseAllowedHosts('pb.example:70000')).toMatchObject({ ok: false });
  });

  it('splits a Host header into name and port', () => {
    expect(splitHost('PB.example.:3000')).toEqual({ name: 'pb.example', port: 3000 });
    expect(splitHost('[::1]:80')).toEqual({ name: '[::1]', port: 80 });
    expect(splitHost('pb.example:3000:1')).toBeNull();
  });

  it('says which Host was refused and how to allow it', () => {
    expect(hostRefusal('evil.example:3000')).toBe(
      'Request refused: Host "evil.example:3000" is not a name this dashboard answers to (a guard against DNS rebinding). ' +
        'If you reach Patchbay by this name, add it to PATCHBAY_ALLOWED_HOSTS (comma-separated names or name:port, e.g. PATCHBAY_ALLOWED_HOSTS=evil.example) and restart the dashboard. ' +
        'Loopback (localhost, 127.0.0.1, [::1]) is always allowed.',
    );
    expect(hostRefusal(null)).toMatch(/no Host header/);
  });
});
