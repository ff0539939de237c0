import { describe, expect, it } from 'vitest';
import { ExecutorError } from '../executor/types';
import { parseIfconfig } from '../freebsd/ifconfig-parse';
import { FreebsdEmulator } from './emulator';

// FreeBSD's rules as the emulator follows them (docs/freebsd.md §1, §5, §9), and its errors:
// the message on stderr and the exit status.

function host(release: '13' | '14' | '15' = '14') {
  return new FreebsdEmulator({ release, nics: [{ name: 'em0', addresses: ['192.168.1.10/24'] }] });
}

function sh(emulator: FreebsdEmulator, argv: string[], options: { jail?: string; stdin?: string } = {}) {
  return emulator.runSync({ argv, ...options });
}

const names = (e: FreebsdEmulator, jail?: string) =>
  sh(e, ['ifconfig', '-l'], jail ? { jail } : {})
    .stdout.trim()
    .split(' ');

describe('emulated FreeBSD rules', () => {
  it('creates epairs down, both ends at once', () => {
    const e = host();
    expect(sh(e, ['ifconfig', 'epair', 'create']).stdout).toBe('epair0a\n');
    const [a, b] = parseIfconfig(sh(e, ['ifconfig', '-a']).stdout).filter((i) => i.groups.includes('epair'));
    expect([a!.name, b!.name]).toEqual(['epair0a', 'epair0b']);
    expect(a!.flags).not.toContain('UP');
    expect(a!.flags).toContain('RUNNING');
    expect(a!.ether!.slice(0, -2)).toBe(b!.ether!.slice(0, -2));
    expect([a!.ether!.slice(-2), b!.ether!.slice(-2)]).toEqual(['0a', '0b']);
  });

  it('prints the name only when the kernel chose it', () => {
    const e = host();
    expect(sh(e, ['ifconfig', 'bridge', 'create']).stdout).toBe('bridge0\n');
    expect(sh(e, ['ifconfig', 'bridge7', 'create']).stdout).toBe('');
    expect(sh(e, ['ifconfig', 'epair5', 'create']).stdout).toBe('epair5a\n');
    expect(sh(e, ['ifconfig', 'bridge0', 'name', 'jails']).stdout).toBe('jails\n');
  });

  it('destroys both ends of an epair, even when one is inside a jail', () => {
    const e = host();
    sh(e, ['ifconfig', 'epair', 'create']);
    sh(e, ['jail', '-c', 'name=web', 'persist', 'vnet', 'vnet.interface=epair0b']);
    expect(names(e, 'web')).toContain('epair0b');
    expect(sh(e, ['ifconfig', 'epair0a', 'destroy']).code).toBe(0);
    expect(names(e)).not.toContain('epair0a');
    expect(names(e, 'web')).not.toContain('epair0b');
  });

  it('hides an interface moved into a vnet and clears its addresses', () => {
    const e = host();
    sh(e, ['ifconfig', 'epair', 'create']);
    sh(e, ['ifconfig', 'epair0b', 'inet', '10.9.0.2/24', 'up']);
    sh(e, ['jail', '-c', 'name=web', 'persist', 'vnet']);
    expect(sh(e, ['ifconfig', 'epair0b', 'vnet', 'web']).code).toBe(0);
    expect(sh(e, ['ifconfig', 'epair0b'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'ifconfig: interface epair0b does not exist\n',
    });
    const inside = parseIfconfig(sh(e, ['ifconfig', 'epair0b'], { jail: 'web' }).stdout)[0]!;
    expect(inside.inet).toEqual([]);
    expect(sh(e, ['ifconfig', '-g', 'epair']).stdout).toBe('epair0a\n');
  });

  it('gives interfaces back under their inside names when a jail is removed', () => {
    const e = host();
    sh(e, ['ifconfig', 'epair', 'create']);
    sh(e, ['jail', '-c', 'name=web', 'persist', 'vnet', 'vnet.interface=epair0b']);
    sh(e, ['ifconfig', 'epair0b', 'name', 'jail0'], { jail: 'web' });
    expect(sh(e, ['jail', '-r', 'web'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(names(e)).toContain('jail0');
    expect(sh(e, ['jls', '--libxo', 'json', 'name']).stdout).toBe(
      '{"__version": "2", "jail-information": {"jail": []}}\n',
    );
  });

  it('reclaims an interface from a jail with -vnet', () => {
    const e = host();
    sh(e, ['jail', '-c', 'name=router', 'persist', 'vnet', 'vnet.interface=em0']);
    expect(names(e)).not.toContain('em0');
    expect(sh(e, ['ifconfig', 'em0', '-vnet', 'router']).code).toBe(0);
    expect(names(e)).toContain('em0');
  });

  it('lists bridge members newest first with their ifindex as port', () => {
    const e = host();
    sh(e, ['ifconfig', 'bridge', 'create']);
    sh(e, ['ifconfig', 'epair', 'create']);
    sh(e, ['ifconfig', 'bridge0', 'addm', 'em0', 'addm', 'epair0a', 'up']);
    const bridge = parseIfconfig(sh(e, ['ifconfig', 'bridge0']).stdout)[0]!;
    expect(bridge.bridge!.members.map((m) => [m.name, m.port])).toEqual([
      ['epair0a', 4],
      ['em0', 1],
    ]);
  });

  it('refuses addresses on bridge members on FreeBSD 15 only', () => {
    for (const release of ['14', '15'] as const) {
      const e = host(release);
      sh(e, ['ifconfig', 'bridge', 'create']);
      sh(e, ['ifconfig', 'epair', 'create']);
      sh(e, ['ifconfig', 'bridge0', 'addm', 'epair0a']);
      const result = sh(e, ['ifconfig', 'epair0a', 'inet', '10.0.0.5/24']);
      expect(result.code).toBe(release === '15' ? 1 : 0);
      if (release === '15') expect(result.stderr).toMatch(/Invalid argument/);
    }
  });

  it('applies inet without alias as a replacement and with alias as an addition', () => {
    const e = host();
    sh(e, ['ifconfig', 'bridge', 'create']);
    sh(e, ['ifconfig', 'bridge0', 'inet', '10.0.0.1/24']);
    sh(e, ['ifconfig', 'bridge0', 'inet', '10.0.1.1/24']);
    sh(e, ['ifconfig', 'bridge0', 'inet', '10.0.2.1/24', 'alias']);
    expect(parseIfconfig(sh(e, ['ifconfig', 'bridge0']).stdout)[0]!.inet.map((a) => a.address)).toEqual([
      '10.0.1.1',
      '10.0.2.1',
    ]);
    sh(e, ['ifconfig', 'bridge0', 'inet', '10.0.1.1', '-alias']);
    expect(parseIfconfig(sh(e, ['ifconfig', 'bridge0']).stdout)[0]!.inet.map((a) => a.address)).toEqual(['10.0.2.1']);
  });

  it('is deterministic: the same spec and calls give the same output', () => {
    const build = () => {
      const e = new FreebsdEmulator({ seed: 42 });
      sh(e, ['ifconfig', 'bridge', 'create']);
      sh(e, ['ifconfig', 'epair', 'create']);
      return sh(e, ['ifconfig', '-a']).stdout;
    };
    expect(build()).toBe(build());
    expect(new FreebsdEmulator({ seed: 1 }).runSync({ argv: ['ifconfig', '-a'] }).stdout).not.toBe(
      new FreebsdEmulator({ seed: 2 }).runSync({ argv: ['ifconfig', '-a'] }).stdout,
    );
  });
});

describe('emulated FreeBSD errors', () => {
  it('unknown interface', () => {
    expect(sh(host(), ['ifconfig', 'ixl9', 'up'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'ifconfig: interface ixl9 does not exist\n',
    });
  });

  it('names over 15 characters', () => {
    const e = host();
    // No such interface can exist, so main() says so (if_nametoindex fails; ifconfig.c).
    expect(sh(e, ['ifconfig', 'abcdefghijklmnop'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'ifconfig: interface abcdefghijklmnop does not exist\n',
    });
    expect(sh(e, ['ifconfig', 'abcdefghijklmnop', '-vnet', 'web'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'ifconfig: abcdefghijklmnop: interface name too long\n',
    });
    expect(sh(e, ['ifconfig', 'epair1234567890123', 'create'])).toMatchObject({
      code: 1,
      stderr: 'ifconfig: epair1234567890123: cloning name too long\n',
    });
    sh(e, ['ifconfig', 'bridge', 'create']);
    expect(sh(e, ['ifconfig', 'bridge0', 'name', 'a_sixteen_chars_'])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^ifconfig: ioctl SIOCSIFNAME \(set name\): /),
    });
    expect(names(e)).toContain('bridge0');
  });

  it('an interface or epair that already exists', () => {
    const e = host();
    sh(e, ['ifconfig', 'epair3', 'create']);
    expect(sh(e, ['ifconfig', 'epair3', 'create'])).toMatchObject({
      code: 1,
      stderr: 'ifconfig: interface epair3 already exists\n',
    });
  });

  it('jail not found', () => {
    const e = host();
    expect(sh(e, ['jail', '-r', 'ghost'])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^jail: .*not found\n$/),
    });
    expect(sh(e, ['ifconfig'], { jail: 'ghost' })).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^jexec: .*not found\n$/),
    });
    expect(sh(e, ['ifconfig', 'em0', 'vnet', 'ghost'])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^ifconfig: .*not found\n$/),
    });
    expect(sh(e, ['jls', '-j', 'ghost'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/not found/) });
  });

  it('pf syntax error keeps the old ruleset', () => {
    const e = host();
    sh(e, ['pfctl', '-a', 'patchbay/x', '-f', '-'], { stdin: 'pass on em0\n' });
    const bad = sh(e, ['pfctl', '-a', 'patchbay/x', '-f', '-'], { stdin: 'pass on em0\npas out\n' });
    expect(bad).toEqual({
      code: 1,
      stdout: '',
      stderr: 'stdin:2: syntax error\npfctl: Syntax error in config file: pf rules not loaded\n',
    });
    expect(sh(e, ['pfctl', '-a', 'patchbay/x', '-s', 'rules']).stdout).toBe('pass on em0 all flags S/SA keep state\n');
    expect(sh(e, ['pfctl', '-n', '-a', 'patchbay/x', '-f', '-'], { stdin: 'block all\n' }).code).toBe(0);
    expect(sh(e, ['pfctl', '-a', 'patchbay/x', '-s', 'rules']).stdout).toBe('pass on em0 all flags S/SA keep state\n');
  });

  it('pf already enabled, and flush messages on stderr', () => {
    const e = host();
    expect(sh(e, ['pfctl', '-e'])).toEqual({ code: 0, stdout: '', stderr: 'pf enabled\n' });
    expect(sh(e, ['pfctl', '-e'])).toEqual({ code: 1, stdout: '', stderr: 'pfctl: pf already enabled\n' });
    expect(sh(e, ['pfctl', '-a', 'patchbay/x', '-F', 'rules'])).toEqual({
      code: 0,
      stdout: '',
      stderr: 'rules cleared\n',
    });
  });

  it('sysctl unknown and read-only oids', () => {
    const e = host();
    // The emulator cannot tell an oid FreeBSD lacks from one it does not model, so it refuses both.
    expect(sh(e, ['sysctl', 'net.inet.ip.nope'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "sysctl: emulator: unsupported: oid 'net.inet.ip.nope' (the emulator models only the oids Patchbay reads)\n",
    });
    expect(sh(e, ['sysctl', 'kern.osrelease=1'])).toEqual({
      code: 1,
      stdout: '',
      stderr: "sysctl: oid 'kern.osrelease' is read only\n",
    });
  });

  it('bridge member refusals use BRDGADD <if>: <strerror>', () => {
    const e = host();
    sh(e, ['ifconfig', 'bridge', 'create']);
    sh(e, ['ifconfig', 'bridge', 'create']);
    expect(sh(e, ['ifconfig', 'bridge0', 'addm', 'nothere'])).toMatchObject({
      code: 1,
      stderr: 'ifconfig: BRDGADD nothere: No such file or directory\n',
    });
    sh(e, ['ifconfig', 'bridge0', 'addm', 'em0']);
    expect(sh(e, ['ifconfig', 'bridge1', 'addm', 'em0'])).toMatchObject({
      code: 1,
      stderr: 'ifconfig: BRDGADD em0: Device busy\n',
    });
  });

  it('refuses commands the agent may not run, before anything happens', () => {
    expect(() => host().runSync({ argv: ['sh', '-c', 'reboot'] })).toThrow(ExecutorError);
    expect(() => host().runSync({ argv: ['ifconfig', 'em0\0'] })).toThrow(ExecutorError);
  });
});

describe('emulated pf listings', () => {
  it('print rules back in a form that means what was written', async () => {
    const { sameRuleMeaning } = await import('../../core/pf/rule-meaning');
    // Translation before filtering: pfctl refuses them the other way round (parse.y check_rulestate).
    const written = [
      'nat on em0 from 10.192.0.0/10 to any -> (em0)',
      'pass on epair0a',
      'pass',
      'pass in on em0 proto tcp from any to 10.0.0.2 port 80',
      'pass out proto udp from 10.0.0.0/24 to any port 53',
      'block drop quick from 10.0.1.0/24 to 192.168.1.0/24',
    ];
    const e = host();
    sh(e, ['ifconfig', 'epair', 'create']);
    expect(sh(e, ['pfctl', '-a', 'patchbay/check', '-f', '-'], { stdin: `${written.join('\n')}\n` }).code).toBe(0);
    const printed = [
      ...sh(e, ['pfctl', '-a', 'patchbay/check', '-s', 'rules']).stdout.trim().split('\n'),
      ...sh(e, ['pfctl', '-a', 'patchbay/check', '-s', 'nat']).stdout.trim().split('\n'),
    ];
    const order = [...written.filter((r) => !r.startsWith('nat')), ...written.filter((r) => r.startsWith('nat'))];
    expect(printed).toHaveLength(order.length);
    order.forEach((rule, i) => expect(sameRuleMeaning(rule, printed[i]!), `${rule} ⇔ ${printed[i]}`).toBe(true));
  });
});
