import { describe, expect, it } from 'vitest';
import { formatIPv6 } from '../../../core/net/ip';
import type { Release } from '../state';
import { testHost } from '../test-rig';

// The kernel's IPv6 per-interface behaviour as kernel/interfaces.ts models it from sys/netinet6
// (in6.c, nd6.c, nd6_nbr.c, in6_ifattach.c) and sys/net (if.c, if_ethersubr.c, if_loop.c,
// netlink/route/iface.c); docs/freebsd/ifconfig.md (IPv6) has the rules and their sources.

function host(release: Release = '14') {
  const { h, run, iface } = testHost({ release, nics: [{ name: 'vtnet0', mac: '96:00:00:7b:2f:db', up: false }] });
  const v6 = (name: string) =>
    iface(name)
      .addresses.filter((a) => a.family === 6)
      .map((a) => `${formatIPv6(a.value)}/${a.prefix}${a.tentative ? ' tentative' : ''}`);
  const nd6 = (name: string) => /\tnd6 options=([0-9a-f]+)</.exec(run('ifconfig', name))![1];
  const epair = () => {
    run('ifconfig', 'epair', 'create');
    run('ifconfig', 'epair0a', 'ether', '02:00:00:12:34:0a');
  };
  return { h, run, iface, v6, nd6, epair };
}

const LL = 'fe80::ff:fe12:340a/64'; // EUI-64 of 02:00:00:12:34:0a, universal/local bit flipped

describe('the automatic link-local address (in6_ifattach)', () => {
  it("derives it from the MAC: EUI-64 with the universal/local bit flipped (the netstat fixture's vtnet0)", () => {
    const { run, v6 } = host();
    run('ifconfig', 'vtnet0', 'inet6', '2a01:4f9:c010:e1dd::/64');
    // fixtures/freebsd/netstat-inb-libxo-json-riemann.json: 96:00:00:7b:2f:db → fe80::9400:ff:fe7b:2fdb%vtnet0.
    expect(v6('vtnet0')).toEqual(['2a01:4f9:c010:e1dd::/64', 'fe80::9400:ff:fe7b:2fdb/64']);
  });

  for (const release of ['13', '14', '15'] as const) {
    it(`comes with the first IPv6 address on a down epair, which that address brings up, on ${release}`, () => {
      const { run, iface, v6, nd6, epair } = host(release);
      epair();
      expect(nd6('epair0a')).toBe('29');
      run('ifconfig', 'epair0a', 'inet6', '2001:db8::1/64');
      // ether_ioctl(SIOCSIFADDR) set IFF_UP; in6_addifaddr() cleared IFDISABLED; nd6_ioctl ran in6_if_up().
      expect(iface('epair0a').up).toBe(true);
      expect(nd6('epair0a')).toBe('21');
      expect(v6('epair0a')).toEqual(['2001:db8::1/64', LL]);
      expect(run('ifconfig', 'epair0a')).toContain(
        `\tinet6 2001:db8::1 prefixlen 64\n\tinet6 fe80::ff:fe12:340a%epair0a prefixlen 64 scopeid 0x${iface('epair0a').ifindex.toString(16)}\n`,
      );
    });
  }

  it('is not added when the interface already has a link-local address, nor without AUTO_LINKLOCAL', () => {
    const { run, v6, epair } = host();
    epair();
    run('ifconfig', 'epair0a', 'inet6', 'fe80::42/64');
    expect(v6('epair0a')).toEqual(['fe80::42/64']);
    run('ifconfig', 'epair0b', 'inet6', '-auto_linklocal');
    run('ifconfig', 'epair0b', 'inet6', '2001:db8::2/64');
    expect(v6('epair0b')).toEqual(['2001:db8::2/64']);
  });

  it('waits for -ifdisabled and for the interface to come up (nd6_ioctl, if_up → in6_if_up)', () => {
    const { run, iface, v6, nd6, epair } = host();
    epair();
    run('ifconfig', 'epair0a', 'up');
    expect(v6('epair0a')).toEqual([]); // IFDISABLED: in6_ifattach() adds nothing
    run('ifconfig', 'epair0a', 'down');
    run('ifconfig', 'epair0a', 'inet6', '-ifdisabled');
    expect([nd6('epair0a'), iface('epair0a').up, v6('epair0a')]).toEqual(['21', false, []]);
    run('ifconfig', 'epair0a', 'up');
    expect(v6('epair0a')).toEqual([LL]);
    // -ifdisabled on an interface that is up adds it at once.
    run('ifconfig', 'epair0b', 'ether', '02:00:00:12:34:0b');
    run('ifconfig', 'epair0b', 'up');
    run('ifconfig', 'epair0b', 'inet6', '-ifdisabled');
    expect(v6('epair0b')).toEqual(['fe80::ff:fe12:340b/64']);
  });

  it('stays through down and up, a MAC change and is not re-added while one exists; deleted, it comes back on the next up', () => {
    const { run, v6, epair } = host();
    epair();
    run('ifconfig', 'epair0a', 'inet6', '2001:db8::1/64');
    run('ifconfig', 'epair0a', 'down');
    run('ifconfig', 'epair0a', 'ether', '02:00:00:00:00:99');
    run('ifconfig', 'epair0a', 'up');
    expect(v6('epair0a')).toEqual(['2001:db8::1/64', LL]);
    run('ifconfig', 'epair0a', 'inet6', 'fe80::ff:fe12:340a', 'delete');
    run('ifconfig', 'epair0a', 'down');
    run('ifconfig', 'epair0a', 'up');
    // Now from the current MAC (in6_get_hw_ifid() reads the link address as it is).
    expect(v6('epair0a')).toEqual(['2001:db8::1/64', 'fe80::ff:fe00:99/64']);
  });

  it('is gone after a move to another vnet, whose fresh ND6 state is IFDISABLED again (if_vmove)', () => {
    const { h, run, v6, epair } = host();
    epair();
    run('ifconfig', 'epair0b', 'inet6', '2001:db8::2/64');
    expect(v6('epair0b')).toHaveLength(2);
    run('jail', '-c', 'name=web', 'persist', 'vnet', 'vnet.interface=epair0b');
    h.runSync({ argv: ['ifconfig', 'epair0b', 'up'], jail: 'web' });
    const inside = h.runSync({ argv: ['ifconfig', 'epair0b'], jail: 'web' }).stdout;
    expect(inside).not.toContain('inet6');
    expect(inside).toContain('\tnd6 options=29<PERFORMNUD,IFDISABLED,AUTO_LINKLOCAL>\n');
  });

  it('gives a loopback interface ::1 (once per vnet) and fe80::1 when it comes up through if_up()', () => {
    const { h, run } = host();
    run('jail', '-c', 'name=web', 'persist', 'vnet');
    const jail = (...argv: string[]) => h.runSync({ argv, jail: 'web' }).stdout;
    expect(jail('ifconfig', 'lo0')).not.toContain('inet6');
    jail('ifconfig', 'lo0', 'inet', '127.0.0.1/8', 'up');
    expect(jail('ifconfig', 'lo0')).toMatch(
      /\tinet 127\.0\.0\.1 netmask 0xff000000\n\tinet6 ::1 prefixlen 128\n\tinet6 fe80::1%lo0 prefixlen 64 scopeid 0x[0-9a-f]+\n/,
    );
    jail('ifconfig', 'lo', 'create');
    jail('ifconfig', 'lo1', 'up');
    const lo1 = jail('ifconfig', 'lo1');
    expect(lo1).not.toContain('::1 ');
    expect(lo1).toContain('\tinet6 fe80::1%lo1 prefixlen 64');
  });

  it('on 14 and 15 also follows an address that brought the interface up (rtnl_handle_addr → if_up); not on 13', () => {
    for (const release of ['13', '14'] as const) {
      const { h, run } = host(release);
      run('jail', '-c', 'name=web', 'persist', 'vnet');
      h.runSync({ argv: ['ifconfig', 'lo0', 'inet', '127.0.0.1/8'], jail: 'web' });
      const lo0 = h.runSync({ argv: ['ifconfig', 'lo0'], jail: 'web' }).stdout;
      expect(lo0).toMatch(/^lo0: flags=[0-9a-f]+<UP,/);
      if (release === '13') expect(lo0).not.toContain('inet6');
      else expect(lo0).toContain('\tinet6 ::1 prefixlen 128\n\tinet6 fe80::1%lo0');
    }
  });

  it("refuses an interface whose MAC gives no EUI-64 (get_ifid's fallbacks are not modelled)", () => {
    const { h, run } = host();
    run('ifconfig', 'epair', 'create');
    run('ifconfig', 'epair0a', 'ether', '00:00:00:00:00:00');
    expect(h.runSync({ argv: ['ifconfig', 'epair0a', 'inet6', '2001:db8::1/64'] }).stderr).toMatch(
      /^ifconfig: emulator: unsupported: the automatic link-local address of epair0a/,
    );
  });
});

describe('IFDISABLED and DAD (nd6_ioctl, in6_update_ifa, nd6_dad_start)', () => {
  it('clears IFDISABLED when an IPv6 address is added, also on a bridge, which has no AUTO_LINKLOCAL', () => {
    const { run, v6, nd6 } = host();
    run('ifconfig', 'bridge0', 'create');
    expect(nd6('bridge0')).toBe('9');
    run('ifconfig', 'bridge0', 'inet6', '2001:db8::1/64');
    expect(nd6('bridge0')).toBe('1');
    expect(v6('bridge0')).toEqual(['2001:db8::1/64']);
  });

  it('marks every address tentative on `ifdisabled`, and DAD clears them after `-ifdisabled` on an up interface', () => {
    const { run, v6, epair } = host();
    epair();
    run('ifconfig', 'epair0a', 'inet6', '2001:db8::1/64');
    run('ifconfig', 'epair0a', 'inet6', 'ifdisabled');
    expect(v6('epair0a')).toEqual(['2001:db8::1/64 tentative', `${LL} tentative`]);
    expect(run('ifconfig', 'epair0a')).toContain(
      '\tinet6 2001:db8::1 prefixlen 64 tentative\n\tinet6 fe80::ff:fe12:340a%epair0a prefixlen 64 tentative scopeid 0x',
    );
    run('ifconfig', 'epair0a', 'inet6', '-ifdisabled');
    expect(v6('epair0a')).toEqual(['2001:db8::1/64', LL]);
  });

  it('keeps a new address tentative while the interface is down, until it comes up; never with no_dad', () => {
    const { run, v6, epair } = host();
    epair();
    run('ifconfig', 'epair0a', 'inet6', '2001:db8::1/64');
    run('ifconfig', 'epair0a', 'down');
    run('ifconfig', 'epair0a', 'inet6', '2001:db8::2/64', 'alias');
    expect(v6('epair0a')).toEqual(['2001:db8::1/64', LL, '2001:db8::2/64 tentative']);
    run('ifconfig', 'epair0a', 'up');
    expect(v6('epair0a')).toEqual(['2001:db8::1/64', LL, '2001:db8::2/64']);
    run('ifconfig', 'epair0a', 'down');
    run('ifconfig', 'epair0a', 'inet6', 'no_dad');
    run('ifconfig', 'epair0a', 'inet6', '2001:db8::3/64', 'alias');
    expect(v6('epair0a')).toContain('2001:db8::3/64');
  });

  it('refuses to change the prefix length of an address it has (in6_validate_ifra: EINVAL)', () => {
    const { h, run } = host();
    run('ifconfig', 'vtnet0', 'inet6', '2001:db8::1/64');
    expect(h.runSync({ argv: ['ifconfig', 'vtnet0', 'inet6', '2001:db8::1/48', 'alias'] }).stderr).toBe(
      'ifconfig: ioctl (SIOCAIFADDR): Invalid argument\n',
    );
  });
});

describe("an address brings the interface up (the driver's SIOCSIFADDR: ether_ioctl, loioctl)", () => {
  it('sets UP for an IPv4 address, and puts a re-added one at the end (in_aifaddr_ioctl)', () => {
    const { run, iface } = host();
    run('ifconfig', 'epair', 'create');
    run('ifconfig', 'epair0a', 'inet', '10.0.0.1/24');
    expect(run('ifconfig', 'epair0a')).toMatch(/^epair0a: flags=1008843<UP,/);
    run('ifconfig', 'epair0a', 'inet', '10.0.1.1/24', 'alias');
    run('ifconfig', 'epair0a', 'inet', '10.0.0.1/24', 'alias');
    expect(iface('epair0a').addresses.map((a) => a.value)).toEqual([0x0a000101n, 0x0a000001n]);
  });
});

describe('a bridge with a link-local address (bridge_ioctl_add, INET6)', () => {
  it('takes every IPv6 address off a new member that has a link-local one', () => {
    const { run, v6, epair } = host();
    epair();
    run('ifconfig', 'epair0a', 'inet6', '2001:db8::1/64');
    run('ifconfig', 'bridge0', 'create');
    run('ifconfig', 'bridge0', 'inet6', 'fe80::1/64');
    run('ifconfig', 'bridge0', 'addm', 'epair0a');
    expect(v6('epair0a')).toEqual([]);
    expect(v6('bridge0')).toEqual(['fe80::1/64']);
  });

  it('leaves them with net.link.bridge.allow_llz_overlap=1', () => {
    const { run, v6, epair } = host();
    epair();
    run('ifconfig', 'epair0a', 'inet6', '2001:db8::1/64');
    run('ifconfig', 'bridge0', 'create');
    run('sysctl', 'net.link.bridge.allow_llz_overlap=1');
    run('ifconfig', 'bridge0', 'inet6', 'fe80::1/64');
    run('ifconfig', 'bridge0', 'addm', 'epair0a');
    expect(v6('epair0a')).toHaveLength(2);
  });
});
