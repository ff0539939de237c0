import { describe, expect, it } from 'vitest';
import { FreebsdEmulator } from './emulator';

// Each vnet has its own pf and its own net.link.bridge.pfil_* sysctls (docs/freebsd.md §9.3), and the
// sysctls exist only once if_bridge is loaded (§8).

function sh(emulator: FreebsdEmulator, argv: string[], options: { jail?: string; stdin?: string } = {}) {
  return emulator.runSync({ argv, ...options });
}

const PFIL = ['net.link.bridge.pfil_member', 'net.link.bridge.pfil_bridge'];

describe('bridge pfil sysctls', () => {
  it('are unknown until the first bridge loads if_bridge, and stay after it is destroyed', () => {
    const e = new FreebsdEmulator();
    // sysctl's exit status is the number of names that failed (sysctl.c main: warncount).
    expect(sh(e, ['sysctl', '-n', ...PFIL])).toEqual({
      code: 2,
      stdout: '',
      stderr: "sysctl: unknown oid 'net.link.bridge.pfil_member'\nsysctl: unknown oid 'net.link.bridge.pfil_bridge'\n",
    });
    sh(e, ['ifconfig', 'bridge0', 'create']);
    sh(e, ['ifconfig', 'bridge0', 'destroy']);
    expect(sh(e, ['sysctl', '-n', ...PFIL])).toEqual({ code: 0, stdout: '1\n1\n', stderr: '' });
  });

  it('default to 1 in every vnet and are set per vnet, printing name: old -> new', () => {
    const e = new FreebsdEmulator();
    sh(e, ['ifconfig', 'bridge0', 'create']);
    sh(e, ['jail', '-c', 'name=web', 'persist', 'vnet']);
    expect(sh(e, ['sysctl', ...PFIL], { jail: 'web' }).stdout).toBe(
      'net.link.bridge.pfil_member: 1\nnet.link.bridge.pfil_bridge: 1\n',
    );
    expect(sh(e, ['sysctl', 'net.link.bridge.pfil_member=0'], { jail: 'web' })).toEqual({
      code: 0,
      stdout: 'net.link.bridge.pfil_member: 1 -> 0\n',
      stderr: '',
    });
    expect(sh(e, ['sysctl', '-n', ...PFIL], { jail: 'web' }).stdout).toBe('0\n1\n');
    expect(sh(e, ['sysctl', '-n', ...PFIL]).stdout).toBe('1\n1\n');
  });
});

describe('pf inside a jail', () => {
  it('has its own status and ruleset, listed with anchors inline', () => {
    const e = new FreebsdEmulator();
    sh(e, ['jail', '-c', 'name=web', 'persist', 'vnet']);
    expect(sh(e, ['pfctl', '-e'], { jail: 'web' }).code).toBe(0);
    // The jail's own main ruleset calls its anchor; only called anchors are listed with -a '*'.
    expect(sh(e, ['pfctl', '-f', '-'], { jail: 'web', stdin: 'nat-anchor "site/*"\nanchor "site/*"\n' }).code).toBe(0);
    sh(e, ['pfctl', '-a', 'site/in', '-f', '-'], {
      jail: 'web',
      stdin: 'nat on lo0 from 10.0.0.0/24 to any -> (lo0)\npass on lo0\n',
    });
    expect(sh(e, ['pfctl', '-s', 'info'], { jail: 'web' }).stdout).toMatch(/^Status: Enabled for 0 days 00:00:00 /);
    expect(sh(e, ['pfctl', '-s', 'info']).stdout).toMatch(/^Status: Disabled /);
    expect(sh(e, ['pfctl', '-s', 'rules', '-a', '*'], { jail: 'web' }).stdout).toBe(
      'anchor "site/*" all {\n  anchor "in" all {\n    pass on lo0 all flags S/SA keep state\n  }\n}\n',
    );
    expect(sh(e, ['pfctl', '-s', 'nat', '-a', '*'], { jail: 'web' }).stdout).toBe(
      'nat-anchor "site/*" all {\n  nat-anchor "in" all {\n    nat on lo0 inet from 10.0.0.0/24 to any -> (lo0) round-robin\n  }\n}\n',
    );
    expect(sh(e, ['pfctl', '-s', 'rules', '-a', '*']).stdout).toBe('');
  });
});
