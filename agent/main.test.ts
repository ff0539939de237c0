import { describe, expect, it } from 'vitest';
import { parseConfig, UsageError } from './main';

describe('agent command line', () => {
  it('defaults to the real driver on loopback with the FreeBSD paths', () => {
    expect(parseConfig([])).toEqual({
      driver: 'freebsd',
      profile: 'blog',
      host: '127.0.0.1',
      port: 7780,
      stateDir: '/var/db/patchbay',
      tokenFile: '/usr/local/etc/patchbay/agent.token',
      intervalMs: 2000,
      confirmTimeoutMs: 60000,
      guardInterfaces: [],
      faults: [],
      allowRawFiles: false,
    });
  });

  it('takes the documented flags', () => {
    expect(
      parseConfig([
        '--driver',
        'emulator',
        '--listen',
        '[::1]:9000',
        '--state-dir',
        '/tmp/s',
        '--token-file',
        '/tmp/t',
        '--interval',
        '5000',
        '--guard-interface',
        'ixl0',
      ]),
    ).toMatchObject({
      driver: 'emulator',
      host: '::1',
      port: 9000,
      intervalMs: 5000,
      guardInterfaces: ['ixl0'],
    });
  });

  it('picks the emulated host with --profile (blog by default), emulator only, naming the choices', () => {
    expect(parseConfig(['--driver', 'emulator']).profile).toBe('blog');
    expect(parseConfig(['--driver', 'emulator', '--profile', 'bastille']).profile).toBe('bastille');
    expect(parseConfig(['--driver', 'emulator', '--profile=blog']).profile).toBe('blog');
    expect(() => parseConfig(['--driver', 'emulator', '--profile', 'ezjail'])).toThrow(
      '--profile must be one of "blog", "bastille"; got "ezjail".',
    );
    expect(() => parseConfig(['--profile', 'bastille'])).toThrow(/--profile is emulator-only/);
    expect(() => parseConfig(['--help'])).toThrow(/--profile blog\|bastille/);
  });

  it('says what is wrong with bad flags', () => {
    expect(() => parseConfig(['--driver', 'linux'])).toThrow(/--driver must be "freebsd" or "emulator"/);
    expect(() => parseConfig(['--listen', 'localhost'])).toThrow(/--listen must be HOST:PORT/);
    expect(() => parseConfig(['--interval', '500'])).toThrow(/--interval must be a whole number from 1000 to 10000/);
    expect(() => parseConfig(['--tls-cert', '/x'])).toThrow(/go together/);
    expect(() => parseConfig(['--help'])).toThrow(UsageError);
    expect(() => parseConfig(['--listen', '0.0.0.0:7780'])).toThrow(/without TLS/);
    // A name that only looks like loopback resolves wherever its owner wants (issue 14, finding 10b).
    expect(() => parseConfig(['--listen', '127.attacker.example:7780'])).toThrow(/without TLS/);
    expect(() => parseConfig(['--listen', '127.0.0.1.nip.io:7780'])).toThrow(/without TLS/);
    expect(parseConfig(['--listen', '127.0.0.2:7780']).host).toBe('127.0.0.2');
    expect(parseConfig(['--listen', '[::1]:7780']).host).toBe('::1');
    expect(() => parseConfig(['--guard-interface', 'em0;reboot'])).toThrow(/--guard-interface/);
    expect(parseConfig(['--guard-interface', 'em0.100']).guardInterfaces).toEqual(['em0.100']);
  });

  describe('--fault', () => {
    const emulator = ['--driver', 'emulator'];

    it('takes argv prefixes for the emulator, words joined by one space', () => {
      expect(
        parseConfig([...emulator, '--fault', 'jail -c', '--fault', '  ifconfig   bridge7 create ']).faults,
      ).toEqual(['jail -c', 'ifconfig bridge7 create']);
      expect(parseConfig([...emulator, '--fault', 'jexec www-jail ifconfig']).faults).toEqual([
        'jexec www-jail ifconfig',
      ]);
    });

    it('is refused with the real driver', () => {
      expect(() => parseConfig(['--fault', 'jail -c'])).toThrow(/--fault is emulator-only/);
      expect(() => parseConfig(['--driver', 'freebsd', '--fault', 'jail -c'])).toThrow(UsageError);
    });

    it('refuses values too long, empty, unprintable, unknown commands, and more than ten', () => {
      expect(() => parseConfig([...emulator, '--fault', `ifconfig ${'x'.repeat(192)}`])).toThrow(
        /1 to 200 printable ASCII characters; got "ifconfig x+…" \(201 characters\)/,
      );
      expect(parseConfig([...emulator, '--fault', `ifconfig ${'x'.repeat(191)}`]).faults[0]).toHaveLength(200);
      expect(() => parseConfig([...emulator, '--fault', ''])).toThrow(/1 to 200 printable ASCII/);
      expect(() => parseConfig([...emulator, '--fault', '   '])).toThrow(/at least one word/);
      expect(() => parseConfig([...emulator, '--fault', 'jail\t-c'])).toThrow(
        /printable ASCII characters; got "jail\\t-c"/,
      );
      expect(() => parseConfig([...emulator, '--fault', 'jail -c name=é'])).toThrow(/printable ASCII/);
      expect(() => parseConfig([...emulator, '--fault', 'ifconfg bridge7'])).toThrow(
        /must start with a command the agent runs/,
      );
      expect(() => parseConfig([...emulator, '--fault', 'toString'])).toThrow(
        /must start with a command the agent runs/,
      );
      const eleven = Array.from({ length: 11 }, (_, i) => ['--fault', `ifconfig bridge${i} create`]).flat();
      expect(() => parseConfig([...emulator, ...eleven])).toThrow(/at most 10 times; got 11/);
      expect(parseConfig([...emulator, ...eleven.slice(2)]).faults).toHaveLength(10);
    });
  });
});
