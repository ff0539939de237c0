import { describe, expect, it } from 'vitest';
import { HOST_VNET } from './state';
import { testHost } from './test-rig';

// The full listing's link-level, inet6 and bridge member lines (ifconfig-format.ts), against the
// rules docs/freebsd/ifconfig.md gives with their sources.

const host = (release: '13' | '14' | '15' = '14') =>
  testHost({ release, nics: [{ name: 'em0', mac: '00:a0:98:12:34:56' }] });

describe('hwaddr: the attach-time address of an Ethernet interface (af_link.c link_status_nl/link_status)', () => {
  for (const release of ['13', '14', '15'] as const) {
    it(`prints hwaddr right after ether once the MAC differs from the attach-time one, on ${release}`, () => {
      const { run } = host(release);
      run('ifconfig', 'epair', 'create');
      const mac = /\tether (\S+)/.exec(run('ifconfig', 'epair0a'))![1]!;
      expect(run('ifconfig', 'epair0a')).not.toContain('hwaddr');
      run('ifconfig', 'epair0a', 'ether', '02:00:00:00:00:0a');
      expect(run('ifconfig', 'epair0a')).toContain(
        `\toptions=8<VLAN_MTU>\n\tether 02:00:00:00:00:0a\n\thwaddr ${mac}\n\tgroups: epair\n`,
      );
      run('ifconfig', 'em0', 'ether', '02:11:22:33:44:55');
      expect(run('ifconfig', 'em0')).toContain('\tether 02:11:22:33:44:55\n\thwaddr 00:a0:98:12:34:56\n');
      // Back to the attach-time address: they are equal again, no hwaddr.
      run('ifconfig', 'em0', 'ether', '00:a0:98:12:34:56');
      expect(run('ifconfig', 'em0')).not.toContain('hwaddr');
    });
  }

  it('prints none for a bridge (IFT_BRIDGE: if_gethwaddr() answers ENODEV)', () => {
    const { run } = host();
    run('ifconfig', 'bridge0', 'create');
    run('ifconfig', 'bridge0', 'ether', '02:00:00:00:00:01');
    expect(run('ifconfig', 'bridge0')).toMatch(/\tether 02:00:00:00:00:01\n\tid /);
  });

  it('keeps the attach-time address through a vnet move and in copies of the state', () => {
    const { h, run, iface } = host();
    run('ifconfig', 'epair', 'create');
    const original = iface('epair0b').mac!;
    run('ifconfig', 'epair0b', 'ether', '02:00:00:00:00:0b');
    run('jail', '-c', 'name=web', 'persist', 'vnet', 'vnet.interface=epair0b');
    expect(h.runSync({ argv: ['ifconfig', 'epair0b'], jail: 'web' }).stdout).toContain(
      `\tether 02:00:00:00:00:0b\n\thwaddr ${original}\n`,
    );
    const copy = structuredClone([...h.state.ifnets.values()].find((i) => i.name === 'epair0b')!);
    expect(copy.hwaddr).toBe(original);
  });
});

describe('inet6 lines: zone and scope id (af_inet6.c in6_status_nl)', () => {
  it('prints every link-local address with %<ifname> and the kernel ifindex as scopeid, not the emulator handle', () => {
    const { h, run, iface } = host();
    // Make the emulator's handle and the kernel's ifindex differ: destroyed interfaces free their
    // ifindex (handed out again), never their handle.
    run('ifconfig', 'epair', 'create');
    run('ifconfig', 'epair0a', 'destroy');
    run('ifconfig', 'epair', 'create');
    const epair = iface('epair0a');
    expect(epair.index).not.toBe(epair.ifindex);
    run('ifconfig', 'epair0a', 'inet6', 'fe80::42/64');
    expect(run('ifconfig', 'epair0a')).toContain(
      `\tinet6 fe80::42%epair0a prefixlen 64 scopeid 0x${epair.ifindex.toString(16)}\n`,
    );
    // lo0 in a new jail: its ifindex is the lowest free one, its handle a new one.
    run('jail', '-c', 'name=web', 'persist', 'vnet');
    h.runSync({ argv: ['ifconfig', 'lo0', 'up'], jail: 'web' });
    const lo0 = [...h.state.ifnets.values()].find((i) => i.vnet !== HOST_VNET && i.name === 'lo0')!;
    expect(lo0.index).not.toBe(lo0.ifindex);
    expect(h.runSync({ argv: ['ifconfig', 'lo0'], jail: 'web' }).stdout).toContain(
      `\tinet6 ::1 prefixlen 128\n\tinet6 fe80::1%lo0 prefixlen 64 scopeid 0x${lo0.ifindex.toString(16)}\n`,
    );
  });

  it('prints the same inet6 lines in the full listing and in `ifconfig <if> inet6`', () => {
    const { run } = host();
    run('ifconfig', 'epair', 'create');
    run('ifconfig', 'epair0a', 'inet6', '2001:db8::1/64');
    const full = run('ifconfig', 'epair0a')
      .split('\n')
      .filter((l) => l.startsWith('\tinet6 '));
    const limited = run('ifconfig', 'epair0a', 'inet6')
      .split('\n')
      .filter((l) => l.startsWith('\tinet6 '));
    expect(full).toHaveLength(2);
    expect(limited).toEqual(full);
  });
});

describe('bridge member lines', () => {
  it("prints the member's kernel ifindex as its port (bridge_ioctl_gifflags: bif_ifp->if_index & 0xfff)", () => {
    const { run, iface } = host();
    run('ifconfig', 'epair', 'create');
    run('ifconfig', 'epair0a', 'destroy');
    run('ifconfig', 'bridge0', 'create');
    run('ifconfig', 'epair', 'create');
    const member = iface('epair0a');
    expect(member.index).not.toBe(member.ifindex);
    run('ifconfig', 'bridge0', 'addm', 'epair0a');
    expect(run('ifconfig', 'bridge0')).toContain(
      `\tmember: epair0a flags=143<LEARNING,DISCOVER,AUTOEDGE,AUTOPTP>\n\t        ifmaxaddr 0 port ${member.ifindex} priority 128 path cost 2000\n`,
    );
  });
});
