import { describe, expect, it } from 'vitest';
import { parseConfig, UsageError } from './main';

describe('agent command line', () => {
  it('defaults to the real driver on loopback with the FreeBSD paths', () => {
    expect(parseConfig([])).toEqual({
      driver: 'freebsd',
      host: '127.0.0.1',
      port: 7780,
      stateDir: '/var/db/patchbay',
      tokenFile: '/usr/local/etc/patchbay/agent.token',
      intervalMs: 2000,
      confirmTimeoutMs: 60000,
      guardInterfaces: [],
    });
  });

  it('takes the documented flags', () => {
    expect(parseConfig(['--driver', 'emulator', '--listen', '[::1]:9000', '--state-dir', '/tmp/s', '--token-file', '/tmp/t', '--interval', '5000', '--guard-interface', 'ixl0'])).toMatchObject({
      driver: 'emulator',
      host: '::1',
      port: 9000,
      intervalMs: 5000,
      guardInterfaces: ['ixl0'],
    });
  });

  it('says what is wrong with bad flags', () => {
    expect(() => parseConfig(['--driver', 'linux'])).toThrow(/--driver must be "freebsd" or "emulator"/);
    expect(() => parseConfig(['--listen', 'localhost'])).toThrow(/--listen must be HOST:PORT/);
    expect(() => parseConfig(['--interval', '500'])).toThrow(/--interval must be a whole number from 1000 to 10000/);
    expect(() => parseConfig(['--tls-cert', '/x'])).toThrow(/go together/);
    expect(() => parseConfig(['--help'])).toThrow(UsageError);
    expect(() => parseConfig(['--listen', '0.0.0.0:7780'])).toThrow(/without TLS/);
    expect(() => parseConfig(['--guard-interface', 'em0;reboot'])).toThrow(/--guard-interface/);
    expect(parseConfig(['--guard-interface', 'em0.100']).guardInterfaces).toEqual(['em0.100']);
  });
});
