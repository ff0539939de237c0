import { describe, expect, it } from 'vitest';
import { parseNetstatInterfaces } from '../freebsd/netstat-interfaces';
import { routeEntries } from './netstat-format';
import { HOST_VNET } from './state';
import { testHost } from './test-rig';

// netstat's interface rows and routing table as the emulator derives them (netstat-format.ts).

const host = (release: '13' | '14' = '14') =>
  testHost({ release, nics: [{ name: 'vtnet0', mac: '96:00:00:7b:2f:db' }] });

describe('netstat -i rows', () => {
  it('numbers <Link#N> with the kernel ifindex, and prints link-local rows with their zone like the fixture', () => {
    const { run, iface } = host();
    run('ifconfig', 'epair', 'create');
    run('ifconfig', 'epair0a', 'destroy');
    run('ifconfig', 'epair', 'create');
    const epair = iface('epair0a');
    expect(epair.index).not.toBe(epair.ifindex);
    run('ifconfig', 'vtnet0', 'inet6', '2a01:4f9:c010:e1dd::/64');
    const text = run('netstat', '-i', '-b', '-n', '--libxo', 'json');
    expect(text).toContain(`"name":"epair0a","flags":"0x8842","mtu":1500,"network":"<Link#${epair.ifindex}>"`);
    // fixtures/freebsd/netstat-inb-libxo-json-riemann.json, vtnet0 and lo0.
    expect(text).toContain('"network":"fe80::%vtnet0/64","address":"fe80::9400:ff:fe7b:2fdb%vtnet0"');
    expect(text).toContain('"network":"fe80::%lo0/64","address":"fe80::1%lo0"');
    const vtnet0 = parseNetstatInterfaces(text).find((i) => i.name === 'vtnet0');
    expect(vtnet0).toBeDefined();
  });
});

describe('netstat -r entries', () => {
  it('gives a link-local address its fe80::%if/64 prefix route and a host route through lo0, gateways link#<ifindex>', () => {
    const { h, run, iface } = host();
    run('ifconfig', 'epair', 'create');
    run('ifconfig', 'epair0a', 'destroy');
    run('ifconfig', 'epair', 'create');
    run('ifconfig', 'epair0a', 'ether', '02:00:00:12:34:0a');
    run('ifconfig', 'epair0a', 'inet6', '2001:db8::1/64');
    const link = `link#${iface('epair0a').ifindex}`;
    const routes = routeEntries(h.state, HOST_VNET).map(({ destination, gateway, flags, interface: via }) => ({
      destination,
      gateway,
      flags,
      via,
    }));
    expect(routes).toEqual(
      expect.arrayContaining([
        { destination: '2001:db8::/64', gateway: link, flags: 'U', via: 'epair0a' },
        { destination: '2001:db8::1', gateway: link, flags: 'UHS', via: 'lo0' },
        { destination: 'fe80::%epair0a/64', gateway: link, flags: 'U', via: 'epair0a' },
        { destination: 'fe80::ff:fe12:340a%epair0a', gateway: link, flags: 'UHS', via: 'lo0' },
        { destination: '::1', gateway: 'link#2', flags: 'UHS', via: 'lo0' },
        { destination: 'fe80::%lo0/64', gateway: 'link#2', flags: 'U', via: 'lo0' },
        { destination: 'fe80::1%lo0', gateway: 'link#2', flags: 'UHS', via: 'lo0' },
      ]),
    );
  });

  it("routes a loopback interface's IPv4 address as a host route only, and a /32 elsewhere through lo0 (in.c ia_getrtprefix)", () => {
    const { h, run } = host('13');
    run('ifconfig', 'vtnet0', 'inet', '192.0.2.10/24');
    run('ifconfig', 'vtnet0', 'inet', '198.51.100.7/32', 'alias');
    const routes = routeEntries(h.state, HOST_VNET)
      .filter((r) => r.family === 'inet')
      .map(({ destination, flags, interface: via }) => `${destination} ${flags} ${via}`);
    expect(routes.sort()).toEqual([
      '127.0.0.1 UH lo0',
      '192.0.2.0/24 U vtnet0',
      '192.0.2.10 UHS lo0',
      '198.51.100.7 UH lo0',
    ]);
  });
});
