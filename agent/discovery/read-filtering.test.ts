import { describe, expect, it } from 'vitest';
import type { Stack } from '../../core/topology/schema';
import { createBastilleHost } from '../emulator/bastille-host';
import { FreebsdEmulator } from '../emulator/emulator';
import { CommandFailed } from '../executor/command-output';
import { parseTableShow } from './read-filtering';
import { readHost } from './read-host';

// Discovery of each stack's pf ruleset and bridge pfil sysctls, through the same argv a real host gets.

function run(host: FreebsdEmulator, argv: string[], options: { jail?: string; stdin?: string } = {}) {
  const result = host.runSync({ argv, ...options });
  if (result.code !== 0) throw new Error(`${argv.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** A host with bridge0 (so if_bridge is loaded) and one vnet jail "web" on it. */
function hostWithJail(): FreebsdEmulator {
  const host = new FreebsdEmulator();
  run(host, ['ifconfig', 'bridge0', 'create']);
  run(host, ['ifconfig', 'epair', 'create']);
  run(host, ['ifconfig', 'bridge0', 'addm', 'epair0a', 'up']);
  run(host, ['jail', '-c', 'name=web', 'persist', 'vnet', 'vnet.interface=epair0b']);
  return host;
}

const stack = (stacks: Stack[], id: string) => stacks.find((s) => s.id === id)!;

describe('readHost: pf and bridge filtering per stack', () => {
  it("reads a jail's own pf ruleset and its pfil_member=0, apart from the host's", async () => {
    const host = hostWithJail();
    run(host, ['pfctl', '-e'], { jail: 'web' });
    // The jail's main ruleset calls the anchors, as a pf.conf inside the jail would.
    run(host, ['pfctl', '-f', '-'], { jail: 'web', stdin: 'nat-anchor "local/*"\nanchor "local"\n' });
    run(host, ['pfctl', '-a', 'local', '-f', '-'], {
      jail: 'web',
      stdin: 'block drop quick from 10.9.0.0/24 to any\npass on epair0b\nanchor "out"\n',
    });
    run(host, ['pfctl', '-a', 'local/out', '-f', '-'], {
      jail: 'web',
      stdin: 'nat on epair0b from 10.9.0.0/24 to any -> (epair0b)\n',
    });
    expect(run(host, ['sysctl', 'net.link.bridge.pfil_member=0'], { jail: 'web' })).toBe(
      'net.link.bridge.pfil_member: 1 -> 0\n',
    );

    const { topology } = await readHost(host);
    const web = stack(topology.stacks, 'jail:web');
    expect(web.pf).toEqual({
      enabled: true,
      rules:
        'anchor "local" all {\n  block drop quick inet from 10.9.0.0/24 to any\n  pass on epair0b all flags S/SA keep state\n  anchor "out" all {\n  }\n}\n',
      nat: 'nat-anchor "local/*" all {\n  nat-anchor "out" all {\n    nat on epair0b inet from 10.9.0.0/24 to any -> (epair0b) round-robin\n  }\n}\n',
    });
    expect(web.bridgeFilter).toEqual({ member: false, bridge: true });
    // The host's vnet is untouched by what the jail did.
    expect(stack(topology.stacks, 'host').pf).toEqual({ enabled: false, rules: '', nat: '' });
    expect(stack(topology.stacks, 'host').bridgeFilter).toEqual({ member: true, bridge: true });
  });

  it('reads the default pfil sysctls as both on, in every stack', async () => {
    const { topology } = await readHost(hostWithJail());
    expect(topology.stacks.map((s) => [s.id, s.bridgeFilter])).toEqual([
      ['host', { member: true, bridge: true }],
      ['jail:web', { member: true, bridge: true }],
    ]);
  });

  it('leaves bridgeFilter absent while if_bridge is not loaded', async () => {
    const host = new FreebsdEmulator();
    run(host, ['jail', '-c', 'name=web', 'persist', 'vnet']);
    const { topology } = await readHost(host);
    expect(topology.stacks).toHaveLength(2);
    for (const s of topology.stacks) expect(s).not.toHaveProperty('bridgeFilter');
  });

  it('leaves pf absent for a jail whose pfctl fails, and still reads the rest', async () => {
    const host = hostWithJail();
    run(host, ['pfctl', '-e']);
    // What pfctl says when it cannot open the device (pfctl.c main(): err(1, "%s", pf_device)).
    host.injectFault({
      match: ['jexec', 'web', 'pfctl'],
      output: { code: 1, stdout: '', stderr: 'pfctl: /dev/pf: No such file or directory\n' },
      times: Infinity,
    });
    const read = await readHost(host);
    const web = stack(read.topology.stacks, 'jail:web');
    expect(web).not.toHaveProperty('pf');
    expect(web.bridgeFilter).toEqual({ member: true, bridge: true });
    expect(web.interfaces.map((i) => i.name)).toContain('epair0b');
    expect(stack(read.topology.stacks, 'host').pf).toEqual({ enabled: true, rules: '', nat: '' });
    expect(read.pf.enabled).toBe(true);
  });

  it('fails discovery when the pfil sysctls fail for another reason than an unknown oid', async () => {
    const host = hostWithJail();
    host.injectFault({
      match: ['jexec', 'web', 'sysctl', '-n', 'net.link.bridge.pfil_member'],
      output: { code: 1, stdout: '', stderr: 'emulator: injected fault\n' },
    });
    await expect(readHost(host)).rejects.toThrow(CommandFailed);
  });
});

describe('readHost: pf tables with their running contents', () => {
  it('reads the Bastille host: <jails> in the main ruleset, filled at run time, and no table elsewhere', async () => {
    const { topology } = await readHost(createBastilleHost());
    const host = stack(topology.stacks, 'host');
    expect(host.pf?.tables).toEqual([{ anchor: '', name: 'jails', entries: ['10.17.89.1', '10.17.89.2'] }]);
    expect(host.pf?.nat).toContain('rdr on em0 inet proto tcp from any to any port = 2001 -> 10.17.89.1 port 22\n');
  });

  it('reads tables in every anchor, nested ones too, scoped by anchor', async () => {
    const host = hostWithJail();
    run(host, ['pfctl', '-f', '-'], { stdin: 'table <lan> { 192.168.1.0/24 }\nanchor "outer/*"\npass all\n' });
    run(host, ['pfctl', '-a', 'outer/inner', '-f', '-'], {
      stdin: 'table <peers> { !10.0.0.1, 10.0.0.0/8 }\npass all\n',
    });
    run(host, ['pfctl', '-a', 'outer/inner', '-t', 'extra', '-T', 'add', '2001:db8::1']);
    run(host, ['pfctl', '-f', '-'], { jail: 'web', stdin: 'table <mine> persist\npass all\n' });
    const { topology } = await readHost(host);
    expect(stack(topology.stacks, 'host').pf?.tables).toEqual([
      { anchor: '', name: 'lan', entries: ['192.168.1.0/24'] },
      { anchor: 'outer/inner', name: 'extra', entries: ['2001:db8::1'] },
      { anchor: 'outer/inner', name: 'peers', entries: ['10.0.0.0/8', '!10.0.0.1'] },
    ]);
    // Each vnet has its own pf: the jail's table is read inside the jail.
    expect(stack(topology.stacks, 'jail:web').pf?.tables).toEqual([{ anchor: '', name: 'mine', entries: [] }]);
  });

  it('reads print_addrx() lines: feedback character, space, "!" or space, address (pfctl_table.c)', () => {
    expect(parseTableShow('   10.17.89.1\n  !10.0.0.0/8\n   2001:db8::/64\n')).toEqual([
      '10.17.89.1',
      '!10.0.0.0/8',
      '2001:db8::/64',
    ]);
    expect(parseTableShow('')).toEqual([]);
    expect(() => parseTableShow('10.0.0.1\n')).toThrow(/unexpected line/);
  });
});
