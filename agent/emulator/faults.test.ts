import { describe, expect, it } from 'vitest';
import { createDemoHost } from './demo-host';
import { prefixFault, type FreebsdEmulator } from './emulator';

// The agent's `--fault "PREFIX"` on the emulator: every matching command fails, every time, with a
// stderr line that says the emulator made it up; everything else keeps working.

function sh(host: FreebsdEmulator, argv: string[], jail?: string) {
  return host.runSync({ argv, ...(jail ? { jail } : {}) });
}

const jailNames = (host: FreebsdEmulator) => [...host.state.jails.values()].map((j) => j.name);

describe('--fault on the emulator', () => {
  it('fails every matching command with the marked stderr, changing nothing, and leaves others working', () => {
    const host = createDemoHost();
    host.injectFault(prefixFault('jail -c name=broken'));
    for (let i = 0; i < 3; i++) {
      expect(sh(host, ['jail', '-c', 'name=broken', 'persist', 'vnet'])).toEqual({
        code: 1,
        stdout: '',
        stderr: 'emulator: injected fault (--fault "jail -c name=broken")\n',
      });
    }
    expect(jailNames(host)).not.toContain('broken');
    // A jail made from the command line prints nothing (jail(8) notes "created" only for configured jails).
    expect(sh(host, ['jail', '-c', 'name=fine', 'persist', 'vnet'])).toEqual({ code: 0, stdout: '', stderr: '' });
    // Matched word by word: a longer last word is another command.
    expect(sh(host, ['jail', '-c', 'name=broken2', 'persist', 'vnet']).code).toBe(0);
    expect(sh(host, ['ifconfig', 'bridge7', 'create']).code).toBe(0);
  });

  it('normalises the spaces of the prefix', () => {
    const fault = prefixFault('  ifconfig   bridge7  create ');
    expect(fault.match).toEqual(['ifconfig', 'bridge7', 'create']);
    expect(fault.output.stderr).toBe('emulator: injected fault (--fault "ifconfig bridge7 create")\n');
  });

  it('hits a command in any jail as on the host, whether jexec is explicit or not', () => {
    const host = createDemoHost();
    host.injectFault(prefixFault('route add'));
    const stderr = 'emulator: injected fault (--fault "route add")\n';
    expect(sh(host, ['route', 'add', '-net', '10.8.0.0/24', '10.0.0.2'], 'www-jail')).toMatchObject({
      code: 1,
      stderr,
    });
    expect(sh(host, ['jexec', 'tor-relay', 'route', 'add', '-net', '10.8.0.0/24', '10.0.1.1'])).toMatchObject({
      code: 1,
      stderr,
    });
    expect(sh(host, ['route', 'add', '-net', '10.8.0.0/24', '192.168.1.1'])).toMatchObject({ code: 1, stderr });
    expect(sh(host, ['ifconfig', 'e0b_www_jail', 'mtu', '1400'], 'www-jail').code).toBe(0);
  });

  it('hits only the jail a jexec prefix names', () => {
    const host = createDemoHost();
    host.injectFault(prefixFault('jexec www-jail ifconfig'));
    expect(sh(host, ['ifconfig', 'e0b_www_jail', 'mtu', '1400'], 'www-jail')).toMatchObject({
      code: 1,
      stderr: 'emulator: injected fault (--fault "jexec www-jail ifconfig")\n',
    });
    expect(sh(host, ['ifconfig', 'e0b_snort_jail', 'mtu', '1400'], 'snort-jail').code).toBe(0);
    expect(sh(host, ['ifconfig', 'e0a_www_jail', 'mtu', '1400']).code).toBe(0);
  });

  it('returns a fresh result each time, so a caller editing one cannot change the next', () => {
    const host = createDemoHost();
    host.injectFault(prefixFault('jls'));
    const first = sh(host, ['jls']);
    (first as { stderr: string }).stderr = 'edited';
    expect(sh(host, ['jls']).stderr).toBe('emulator: injected fault (--fault "jls")\n');
  });
});
