import { describe, expect, it } from 'vitest';
import { FreebsdEmulator } from '../../emulator';

// `ifconfig <if> <af>`: status_nl() of the netlink ifconfig (ifconfig_netlink.c), limited to one
// address family (status.ts; docs/freebsd/ifconfig.md "Status limited to a family").

function host(release: '13' | '14' | '15' = '14') {
  const h = new FreebsdEmulator({
    release,
    nics: [{ name: 'em0', mac: '00:a0:98:12:34:56', addresses: ['192.0.2.10/24'] }],
  });
  const run = (...argv: string[]) => h.runSync({ argv });
  return { h, run };
}

describe('ifconfig <if> ether|link|lladdr', () => {
  it('prints the header, the options line and the ether line only: no addresses, media, groups or nd6', () => {
    const { run } = host();
    const out = run('ifconfig', 'em0', 'ether');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^em0: flags=[0-9a-f]+<[A-Z_,]*> metric 0 mtu 1500\n/);
    expect(out.stdout).toMatch(/\tether 00:a0:98:12:34:56\n$/);
    expect(out.stdout).not.toMatch(/inet |media:|status:|groups:|nd6 /);
    expect(run('ifconfig', 'em0', 'link').stdout).toBe(out.stdout);
    expect(run('ifconfig', 'em0', 'lladdr').stdout).toBe(out.stdout);
  });

  it('keeps the description and options lines of an epair, in status_nl() order', () => {
    const { run } = host();
    run('ifconfig', 'epair', 'create');
    run('ifconfig', 'epair0a', 'description', 'uplink');
    const mac = /\tether (\S+)/.exec(run('ifconfig', 'epair0a').stdout)![1];
    expect(run('ifconfig', 'epair0a', 'ether').stdout).toMatch(
      new RegExp(`^epair0a: flags=[^\\n]*\\n\\tdescription: uplink\\n\\toptions=8<VLAN_MTU>\\n\\tether ${mac}\\n$`),
    );
  });

  it('prints the attach-time address as hwaddr once the MAC was changed (link_status_nl), and nothing for lo0', () => {
    const { run } = host();
    run('ifconfig', 'epair', 'create');
    const mac = /\tether (\S+)/.exec(run('ifconfig', 'epair0a').stdout)![1];
    run('ifconfig', 'epair0a', 'ether', '02:00:00:00:00:0a');
    expect(run('ifconfig', 'epair0a', 'ether').stdout).toMatch(
      new RegExp(`\\toptions=8<VLAN_MTU>\\n\\tether 02:00:00:00:00:0a\\n\\thwaddr ${mac}\\n$`),
    );
    // Setting the attach-time address again: equal, so no hwaddr line.
    run('ifconfig', 'epair0a', 'ether', mac!);
    expect(run('ifconfig', 'epair0a', 'ether').stdout).not.toContain('hwaddr');
    // lo(4) has no link address: the kernel sends none, and match_iface() skips the interface.
    expect(run('ifconfig', 'lo0', 'ether')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(run('ifconfig', 'lo0', 'link')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(host('13').run('ifconfig', 'em0', 'ether').stderr).toMatch(/^ifconfig: emulator: unsupported: /);
  });
});

describe('ifconfig <if> inet6', () => {
  it('prints a link-local address with its zone and scope id, then the nd6 line', () => {
    const { h, run } = host();
    run('ifconfig', 'epair', 'create');
    run('ifconfig', 'epair0a', 'inet6', 'fe80::42/64');
    run('ifconfig', 'epair0a', 'inet6', '2001:db8::1/64', 'alias');
    const ifindex = [...h.state.ifnets.values()].find((i) => i.name === 'epair0a')!.ifindex;
    const out = run('ifconfig', 'epair0a', 'inet6');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(
      new RegExp(
        `\\n\\tinet6 fe80::42%epair0a prefixlen 64 scopeid 0x${ifindex.toString(16)}\\n\\tinet6 2001:db8::1 prefixlen 64\\n\\tnd6 options=[0-9a-f]+<[A-Z_,]*>\\n$`,
      ),
    );
    expect(out.stdout).not.toMatch(/\tether |media:/);
  });

  it("prints lo0's ::1 and fe80::1 (the addresses in6_ifattach() gave it) with the header and nd6 lines", () => {
    const { h, run } = host();
    const lo0 = [...h.state.ifnets.values()].find((i) => i.name === 'lo0')!;
    expect(run('ifconfig', 'lo0', 'inet6').stdout).toBe(
      `lo0: flags=1008049<UP,LOOPBACK,RUNNING,MULTICAST,LOWER_UP> metric 0 mtu 16384\n\toptions=680003<RXCSUM,TXCSUM,LINKSTATE,RXCSUM_IPV6,TXCSUM_IPV6>\n\tinet6 ::1 prefixlen 128\n\tinet6 fe80::1%lo0 prefixlen 64 scopeid 0x${lo0.ifindex.toString(16)}\n\tnd6 options=21<PERFORMNUD,AUTO_LINKLOCAL>\n`,
    );
  });

  it('prints nothing for an interface without an IPv6 address (match_iface), exit 0', () => {
    const { run } = host();
    expect(run('ifconfig', 'em0', 'inet6')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(run('ifconfig', 'nosuch0', 'inet6')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'ifconfig: interface nosuch0 does not exist\n',
    });
  });

  it('still refuses inet', () => {
    expect(host().run('ifconfig', 'em0', 'inet').stderr).toMatch(/^ifconfig: emulator: unsupported: /);
  });
});
