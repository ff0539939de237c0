import { describe, expect, it } from 'vitest';
import { parseNetstatRoutes } from '../../freebsd/netstat-routes';
import { interfaceRoutesOf } from '../../discovery/read-host';
import { parseIfconfig } from '../../freebsd/ifconfig-parse';
import { toInterface } from '../../discovery/to-interfaces';
import { FreebsdEmulator } from '../emulator';
import type { Release } from '../state';

// route(8) `-iface` / `-interface` (sbin/route/route.c newroute(), getaddr(RTAX_GATEWAY) with
// F_INTERFACE), what netstat -rn then lists, and what discovery reads back from it.

function host(release: Release = '14') {
  const e = new FreebsdEmulator({ release, nics: [{ name: 'em0', addresses: ['192.0.2.10/24', '2001:db8::10/64'] }] });
  e.runSync({ argv: ['ifconfig', 'epair', 'create'] });
  const sh = (...argv: string[]) => e.runSync({ argv });
  return { e, sh };
}

const UNSUPPORTED = /^route: emulator: unsupported: /;

describe('route add -iface', () => {
  it('prints the interface as the gateway word and installs a route without a gateway address', () => {
    for (const release of ['13', '14', '15'] as const) {
      const { e, sh } = host(release);
      expect(sh('route', 'add', '-net', '10.9.0.0/24', '-iface', 'epair0a')).toEqual({
        code: 0,
        stdout: 'add net 10.9.0.0: gateway epair0a\n',
        stderr: '',
      });
      const [route] = e.state.vnets.get(0)!.routes;
      expect(route).toMatchObject({ family: 4, destination: { prefix: 24 }, ifnet: expect.any(Number) });
      expect(route!.gateway).toBeUndefined();
    }
  });

  it('takes -interface as -iface, after the destination too, and -inet6', () => {
    const { sh } = host();
    expect(sh('route', 'add', '10.8.0.0/16', '-interface', 'epair0a').stdout).toBe(
      'add net 10.8.0.0: gateway epair0a\n',
    );
    expect(sh('route', 'add', '-inet6', '2001:db8:9::/48', '-iface', 'em0').stdout).toBe(
      'add net 2001:db8:9::/48: gateway em0\n',
    );
  });

  it('netstat -rn lists it with flags US, link#<ifindex> and the interface, and discovery reads it back', () => {
    const { e, sh } = host();
    sh('route', 'add', '-net', '10.9.0.0/24', '-iface', 'epair0a');
    sh('route', 'add', '-inet6', '2001:db8:9::/48', '-iface', 'em0');
    const routes = parseNetstatRoutes(sh('netstat', '-r', '-n', '-W', '--libxo', 'json').stdout);
    const epair = [...e.state.ifnets.values()].find((i) => i.name === 'epair0a')!;
    expect(routes.find((r) => r.destination === '10.9.0.0/24')).toMatchObject({
      gateway: `link#${epair.ifindex}`,
      flags: 'US',
      interface: 'epair0a',
    });
    const interfaces = parseIfconfig(sh('ifconfig', '-a').stdout).map((raw) => toInterface('host', raw));
    expect(interfaceRoutesOf(routes, interfaces)).toEqual([
      { destination: '10.9.0.0/24', interface: 'host:epair0a' },
      { destination: '2001:db8:9::/48', interface: 'host:em0' },
    ]);
  });

  it('refuses an interface that does not exist, as getaddr() does (EX_DATAERR 65), and changes nothing', () => {
    const { e, sh } = host('13');
    expect(sh('route', 'add', '-net', '10.9.0.0/24', '-iface', 'nosuch0')).toEqual({
      code: 65,
      stdout: '',
      stderr: "route: interface 'nosuch0' does not exist\n",
    });
    expect(e.state.vnets.get(0)!.routes).toEqual([]);
  });

  it('does not see an interface of another vnet', () => {
    const { sh } = host();
    sh('jail', '-c', 'name=j', 'persist', 'vnet');
    sh('ifconfig', 'epair0b', 'vnet', 'j');
    expect(sh('route', 'add', '10.9.0.0/24', '-iface', 'epair0b').stderr).toBe(
      "route: interface 'epair0b' does not exist\n",
    );
  });

  it('the same route again is EEXIST, "route already in table" (13 and 14)', () => {
    for (const release of ['13', '14'] as const) {
      const { sh } = host(release);
      sh('route', 'add', '10.9.0.0/24', '-iface', 'epair0a');
      expect(sh('route', 'add', '10.9.0.0/24', '-iface', 'epair0a')).toEqual({
        code: 1,
        stdout: 'add net 10.9.0.0: gateway epair0a fib 0: route already in table\n',
        stderr: '',
      });
    }
  });

  it('a second path to the destination (multipath) is refused; delete takes the route away', () => {
    const { e, sh } = host('13');
    sh('route', 'add', '10.9.0.0/24', '-iface', 'epair0a');
    expect(sh('route', 'add', '10.9.0.0/24', '192.0.2.1').stderr).toMatch(UNSUPPORTED);
    expect(sh('route', 'add', '10.9.0.0/24', '-iface', 'em0').stderr).toMatch(UNSUPPORTED);
    expect(sh('route', 'delete', '10.9.0.0/24')).toEqual({ code: 0, stdout: 'delete net 10.9.0.0\n', stderr: '' });
    expect(e.state.vnets.get(0)!.routes).toEqual([]);
    expect(sh('route', 'delete', '10.9.0.0/24').stdout).toBe('delete net 10.9.0.0 fib 0: not in table\n');
  });

  it('delete with -iface: the route through that interface; another interface is refused', () => {
    const { sh } = host();
    sh('route', 'add', '10.9.0.0/24', '-iface', 'epair0a');
    expect(sh('route', 'delete', '10.9.0.0/24', '-iface', 'em0').stderr).toMatch(UNSUPPORTED);
    expect(sh('route', 'delete', '10.9.0.0/24', '-iface', 'epair0a').stdout).toBe(
      'delete net 10.9.0.0: gateway epair0a\n',
    );
  });

  it('the route goes with its interface: destroyed, or moved into a jail', () => {
    const { e, sh } = host();
    sh('route', 'add', '10.9.0.0/24', '-iface', 'epair0a');
    sh('ifconfig', 'epair0a', 'destroy');
    expect(e.state.vnets.get(0)!.routes).toEqual([]);
    sh('ifconfig', 'epair', 'create');
    sh('route', 'add', '10.9.0.0/24', '-iface', 'epair0a');
    sh('jail', '-c', 'name=j', 'persist', 'vnet');
    sh('ifconfig', 'epair0a', 'vnet', 'j');
    expect(e.state.vnets.get(0)!.routes).toEqual([]);
  });

  it('refuses -iface after the gateway word and host routes through an interface', () => {
    const { sh } = host();
    expect(sh('route', 'add', '10.9.0.0/24', 'epair0a', '-iface').stderr).toMatch(UNSUPPORTED);
    expect(sh('route', 'add', '-host', '10.9.0.5', '-iface', 'epair0a').stderr).toMatch(UNSUPPORTED);
  });
});
