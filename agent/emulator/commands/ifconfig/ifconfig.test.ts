import { describe, expect, it } from 'vitest';
import { FreebsdEmulator } from '../../emulator';
import { findInterface, HOST_VNET } from '../../state';

// The grammar rules of sbin/ifconfig/ifconfig.c and the kernel's answers, as docs/freebsd/ifconfig.md
// records them with their sources. Each case is a line FreeBSD takes or refuses, and what it does.

function host(release: '13' | '14' | '15' = '14') {
  const h = new FreebsdEmulator({ release, nics: [{ name: 'em0', addresses: ['192.0.2.10/24'] }] });
  const run = (...argv: string[]) => h.runSync({ argv });
  return { h, run, iface: (name: string) => findInterface(h.state, HOST_VNET, name) };
}

describe('ifconfig: where the address family may stand', () => {
  it('takes the family only right after the name: "inet" later is an address, and no host has that name', () => {
    const { run, iface } = host();
    run('ifconfig', 'epair', 'create');
    expect(run('ifconfig', 'epair0b', 'description', 'x', 'inet', '10.0.0.2/24', 'up')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'ifconfig: inet: bad value\n',
    });
    // Words before the error were applied, as FreeBSD applies them in order.
    expect(iface('epair0b')?.description).toBe('x');
    expect(iface('epair0b')?.addresses).toEqual([]);
  });

  it('treats ether as a family too: a MAC is set only by a call that starts `ether <mac>`', () => {
    const { run, iface } = host();
    run('ifconfig', 'epair', 'create');
    expect(run('ifconfig', 'epair0a', 'mtu', '9000', 'ether', '02:00:00:00:00:0a').stderr).toBe(
      'ifconfig: ether: bad value\n',
    );
    expect(run('ifconfig', 'epair0a', 'ether', '02:00:00:00:00:0a', 'description', 'patchbay', 'up').code).toBe(0);
    expect(iface('epair0a')).toMatchObject({ mac: '02:00:00:00:00:0a', description: 'patchbay', up: true });
  });

  it('carries one address per call: a second one is the destination address', () => {
    const { run, iface } = host();
    run('ifconfig', 'epair', 'create');
    expect(run('ifconfig', 'epair0a', 'inet', '10.0.0.1/24', '10.0.0.3/24').stderr).toBe(
      'ifconfig: 10.0.0.3/24: bad value\n',
    );
    expect(run('ifconfig', 'epair0a', 'inet', '10.0.0.1/24', 'inet6', 'fd00::1/64').stderr).toBe(
      'ifconfig: inet6: bad value\n',
    );
    expect(iface('epair0a')?.addresses).toEqual([]);
  });

  it('sets the address at the end of the call, under the name it has by then', () => {
    const { run, iface } = host();
    run('ifconfig', 'epair', 'create');
    expect(run('ifconfig', 'epair0b', 'inet', '10.0.0.2/24', 'alias', 'name', 'e0b_web', 'up')).toEqual({
      code: 0,
      stdout: 'e0b_web\n',
      stderr: '',
    });
    expect(iface('e0b_web')?.addresses).toHaveLength(1);
  });

  it('accepts a family right after create, and prints the name the kernel chose', () => {
    const { run, iface } = host();
    expect(run('ifconfig', 'bridge', 'create', 'inet', '10.0.0.1/24', 'up')).toEqual({
      code: 0,
      stdout: 'bridge0\n',
      stderr: '',
    });
    expect(iface('bridge0')).toMatchObject({ up: true, addresses: [expect.objectContaining({ prefix: 24 })] });
  });
});

describe('ifconfig: addresses', () => {
  it('replaces the first IPv4 address without alias, adds with alias, removes with -alias', () => {
    const { run, iface } = host();
    run('ifconfig', 'em0', 'inet', '192.0.2.20/24', 'alias');
    run('ifconfig', 'em0', 'inet', '198.51.100.1/24');
    expect(iface('em0')?.addresses.map((a) => a.prefix)).toEqual([24, 24]);
    expect(run('ifconfig', 'em0', 'inet', '192.0.2.20/24', '-alias').code).toBe(0);
    expect(run('ifconfig', 'em0', 'inet', '192.0.2.20', '-alias')).toEqual({
      code: 1,
      stdout: '',
      stderr: "ifconfig: ioctl (SIOCDIFADDR): Can't assign requested address\n",
    });
    // After -alias the word is read as any inet address is (in_getip): no names resolve here, and
    // inet_aton's other numeric forms are refused rather than misread.
    expect(run('ifconfig', 'em0', 'inet', '-alias', '198.51.100.1%x')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'ifconfig: 198.51.100.1%x: bad value\n',
    });
    expect(run('ifconfig', 'em0', 'inet', '-alias', '198.51').stderr).toMatch(
      /^ifconfig: emulator: unsupported: IPv4 address form "198.51"/,
    );
  });

  it('warns and uses the classful mask when none is given (af_inet.c in_postproc)', () => {
    const { run, iface } = host();
    expect(run('ifconfig', 'em0', 'inet', '10.1.2.3', 'alias').stderr).toBe(
      'ifconfig: WARNING: setting interface address without mask is deprecated,\ndefault mask may not be correct.\n',
    );
    expect(iface('em0')?.addresses.at(-1)?.prefix).toBe(8);
  });

  it('reads the mask width with strtonum, naming what is wrong', () => {
    const { run } = host();
    expect(run('ifconfig', 'em0', 'inet', '10.0.0.1/33').stderr).toBe(
      'ifconfig: 10.0.0.1/33: bad value (width too large)\n',
    );
    expect(run('ifconfig', 'em0', 'inet', '10.0.0.1/x').stderr).toBe(
      'ifconfig: 10.0.0.1/x: bad value (width invalid)\n',
    );
  });

  it('never replaces another IPv6 address: `inet6 A` only sets A again', () => {
    const { run, iface } = host();
    // (em0 is up: the first IPv6 address also clears IFDISABLED and brings a link-local address, left out here.)
    const global6 = () => iface('em0')?.addresses.filter((a) => a.family === 6 && a.value >> 118n !== 0x3fan);
    run('ifconfig', 'em0', 'inet6', 'fd00::1/64', 'alias');
    run('ifconfig', 'em0', 'inet6', 'fd00::2/64');
    expect(global6()).toHaveLength(2);
    expect(run('ifconfig', 'em0', 'inet6', '-alias', 'fd00::1').code).toBe(0);
    expect(global6()).toHaveLength(1);
  });

  it('refuses forms it does not model instead of guessing', () => {
    const { run } = host();
    expect(run('ifconfig', 'em0', 'inet', '10.1', 'alias').stderr).toMatch(
      /^ifconfig: emulator: unsupported: IPv4 address form "10.1"/,
    );
    expect(run('ifconfig', 'em0', 'vhid', '1').stderr).toBe('ifconfig: emulator: unsupported: parameter "vhid"\n');
  });
});

describe('ifconfig: create, rename, destroy', () => {
  it('picks the lowest unit the cloner has not handed out, whatever the interface is called now', () => {
    const { run } = host();
    expect(run('ifconfig', 'epair', 'create').stdout).toBe('epair0a\n');
    expect(run('ifconfig', 'epair0a', 'name', 'e0a_web').stdout).toBe('e0a_web\n');
    expect(run('ifconfig', 'epair', 'create').stdout).toBe('epair1a\n');
  });

  it('refuses an epair unit whose a or b name someone holds: the hazard of renaming to epairNa', () => {
    const { run } = host();
    run('ifconfig', 'bridge', 'create', 'name', 'epair0b');
    expect(run('ifconfig', 'epair', 'create')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'ifconfig: interface epair already exists\n',
    });
  });

  it('takes only digits after the cloner name, without a leading zero', () => {
    const { run } = host();
    expect(run('ifconfig', 'epair0a', 'create').stderr).toBe('ifconfig: SIOCIFCREATE2 (epair0a): Invalid argument\n');
    expect(run('ifconfig', 'epair01', 'create').stderr).toBe('ifconfig: SIOCIFCREATE2 (epair01): Invalid argument\n');
    expect(host('13').run('ifconfig', 'epair01', 'create').stderr).toBe('ifconfig: SIOCIFCREATE2: Invalid argument\n');
  });

  it('says "already exists" for create alone on an existing name, and skips create when more follows', () => {
    const { run, iface } = host();
    run('ifconfig', 'bridge0', 'create');
    expect(run('ifconfig', 'bridge0', 'create')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'ifconfig: interface bridge0 already exists\n',
    });
    expect(run('ifconfig', 'bridge0', 'create', 'up').code).toBe(0);
    expect(iface('bridge0')?.up).toBe(true);
  });

  it('prints a created name at exit even when a later word fails', () => {
    const { run } = host();
    expect(run('ifconfig', 'epair', 'create', 'mtu', '9000', 'bogus')).toEqual({
      code: 1,
      stdout: 'epair0a\n',
      stderr: 'ifconfig: bogus: bad value\n',
    });
  });

  it('words a missing argument as ifconfig does', () => {
    const { run } = host();
    expect(run('ifconfig', 'em0', 'mtu').stderr).toBe("ifconfig: 'mtu' requires argument\n");
  });

  it('goes on after vnet, where the interface is gone', () => {
    const { run } = host();
    run('ifconfig', 'epair', 'create');
    run('jail', '-c', 'name=web', 'persist', 'vnet');
    expect(run('ifconfig', 'epair0b', 'vnet', 'web', 'up').stderr).toBe(
      'ifconfig: ioctl (SIOCGIFFLAGS): no such interface\n',
    );
    expect(run('ifconfig', 'epair0a', 'vnet', 'nowhere').stderr).toBe('ifconfig: jail "nowhere" not found\n');
  });

  it('reads mtu with atoi and lets the kernel judge it', () => {
    const { run, iface } = host();
    expect(run('ifconfig', 'em0', 'mtu', '9000x').code).toBe(0);
    expect(iface('em0')?.mtu).toBe(9000);
    expect(run('ifconfig', 'em0', 'mtu', 'abc').stderr).toBe(
      'ifconfig: ioctl SIOCSIFMTU (set mtu): Invalid argument\n',
    );
  });
});

describe('ifconfig: bridges and the kernel', () => {
  it('refuses a member with another MTU before 15; on 15 the bridge sets the member to its MTU', () => {
    for (const release of ['14', '15'] as const) {
      const { run, iface } = host(release);
      run('ifconfig', 'bridge0', 'create');
      run('ifconfig', 'epair', 'create');
      run('ifconfig', 'epair', 'create');
      run('ifconfig', 'epair0a', 'mtu', '9000');
      run('ifconfig', 'bridge0', 'addm', 'epair0a');
      const added = run('ifconfig', 'bridge0', 'addm', 'epair1a');
      if (release === '14') expect(added.stderr).toBe('ifconfig: BRDGADD epair1a: Invalid argument\n');
      else expect([added.code, iface('epair1a')?.mtu]).toEqual([0, 9000]);
    }
  });

  const bridgedAt9000 = (release: '13' | '14' | '15') => {
    const rig = host(release);
    rig.run('ifconfig', 'bridge0', 'create');
    rig.run('ifconfig', 'epair', 'create');
    rig.run('ifconfig', 'epair0a', 'mtu', '9000');
    rig.run('ifconfig', 'bridge0', 'addm', 'epair0a');
    return rig;
  };
  const mtus = (iface: ReturnType<typeof host>['iface']) => [iface('bridge0')?.mtu, iface('epair0a')?.mtu];

  it('on 15 refuses any MTU on a bridge member, its current one too (ifhwioctl: EOPNOTSUPP)', () => {
    const { run, iface } = bridgedAt9000('15');
    for (const mtu of ['1500', '9000'])
      expect(run('ifconfig', 'epair0a', 'mtu', mtu).stderr).toBe(
        'ifconfig: ioctl SIOCSIFMTU (set mtu): Operation not supported\n',
      );
    expect(mtus(iface)).toEqual([9000, 9000]);
  });

  it("on 15 the bridge's MTU sets its members' (bridge_ioctl SIOCSIFMTU), and back", () => {
    const { run, iface } = bridgedAt9000('15');
    expect(run('ifconfig', 'bridge0', 'mtu', '1500').code).toBe(0);
    expect(mtus(iface)).toEqual([1500, 1500]);
    expect(run('ifconfig', 'bridge0', 'mtu', '9000').code).toBe(0);
    expect(mtus(iface)).toEqual([9000, 9000]);
  });

  it('refuses a bridge MTU below 576 on every release and changes nothing', () => {
    for (const release of ['13', '14', '15'] as const) {
      const { run, iface } = bridgedAt9000(release);
      expect(run('ifconfig', 'bridge0', 'mtu', '575').stderr).toBe(
        'ifconfig: ioctl SIOCSIFMTU (set mtu): Invalid argument\n',
      );
      expect(mtus(iface)).toEqual([9000, 9000]);
    }
  });

  it('before 15 a member sets its own MTU, and the bridge follows only once every member has it', () => {
    for (const release of ['13', '14'] as const) {
      const { run, iface } = bridgedAt9000(release);
      expect(run('ifconfig', 'bridge0', 'mtu', '1500').stderr).toBe(
        'ifconfig: ioctl SIOCSIFMTU (set mtu): Invalid argument\n',
      );
      expect(mtus(iface)).toEqual([9000, 9000]);
      expect(run('ifconfig', 'epair0a', 'mtu', '1500').code).toBe(0);
      expect(run('ifconfig', 'bridge0', 'mtu', '1500').code).toBe(0);
      expect(mtus(iface)).toEqual([1500, 1500]);
    }
  });

  it('hands out the lowest free interface index again, one table for every vnet', () => {
    const { h, run, iface } = host();
    run('ifconfig', 'epair', 'create');
    const freed = iface('epair0b')!.ifindex;
    run('ifconfig', 'epair0a', 'destroy');
    run('jail', '-c', 'name=web', 'persist', 'vnet');
    const lo0 = [...h.state.ifnets.values()].find((i) => i.name === 'lo0' && i.vnet !== HOST_VNET)!;
    expect(lo0.ifindex).toBeLessThan(freed);
    run('ifconfig', 'bridge', 'create');
    expect(iface('bridge0')!.ifindex).toBe(freed);
  });

  it("lists a group in the order its members joined, an epair's b end first", () => {
    const { run } = host();
    run('ifconfig', 'epair', 'create');
    run('ifconfig', 'epair', 'create');
    expect(run('ifconfig', '-g', 'epair').stdout).toBe('epair0b\nepair0a\nepair1b\nepair1a\n');
  });

  it('keeps the ND6 flags network.subr sets', () => {
    const { run } = host();
    expect(run('ifconfig', 'em0', 'inet6', '-ifdisabled').code).toBe(0);
    expect(run('ifconfig', 'em0').stdout).toContain('\tnd6 options=21<PERFORMNUD,AUTO_LINKLOCAL>\n');
  });
});
