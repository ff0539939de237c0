import { describe, expect, it } from 'vitest';
import { parseIfconfig } from '../freebsd/ifconfig-parse';
import { interfaceRoutesOf } from './read-host';
import { toInterface, userGroups } from './to-interfaces';

// Discovery of the admin's interface groups (ifconfig's `groups:` line) and interface routes
// (netstat -rn: S without G or H), the model's `groups` and `interface` routes.

describe('user interface groups', () => {
  it("keeps the admin's groups and drops the kernel's own", () => {
    expect(userGroups({ name: 'epair0b', groups: ['epair', 'dmz', 'all'] })).toEqual(['dmz']);
    expect(userGroups({ name: 'web_e0b', groups: ['epair', 'egress', 'web'] })).toEqual(['web']);
    expect(userGroups({ name: 'tun3', groups: ['tun', 'vpn'] })).toEqual(['vpn']);
    expect(userGroups({ name: 'em0', groups: ['egress'] })).toEqual([]);
  });

  it('puts them in the model only when there are any', () => {
    const [withGroup, without] = parseIfconfig(
      [
        'em0: flags=1008843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST,LOWER_UP> metric 0 mtu 1500',
        '\tether 02:00:00:00:00:01',
        '\tinet 192.168.1.10 netmask 0xffffff00 broadcast 192.168.1.255',
        '\tgroups: dmz egress',
        'em1: flags=1008843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST,LOWER_UP> metric 0 mtu 1500',
        '\tether 02:00:00:00:00:02',
        '',
      ].join('\n'),
    );
    expect(toInterface('host', withGroup!).iface.groups).toEqual(['dmz']);
    expect('groups' in toInterface('host', without!).iface).toBe(false);
  });
});

describe('interface routes from the routing table', () => {
  it('reads a static route without a gateway flag as route add -iface', () => {
    const epair = toInterface(
      'web',
      parseIfconfig(
        'epair0b: flags=1008843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST,LOWER_UP> metric 0 mtu 1500\n\tgroups: epair\n',
      )[0]!,
    );
    const entry = (destination: string, gateway: string, flags: string, iface: string) => ({
      family: 'inet' as const,
      destination,
      gateway,
      flags,
      interface: iface,
    });
    const routes = interfaceRoutesOf(
      [
        entry('10.9.0.0/24', 'link#2', 'US', 'epair0b'),
        entry('10.0.0.0/24', 'link#2', 'U', 'epair0b'), // connected: no S
        entry('10.0.0.3', 'link#1', 'UHS', 'lo0'), // own address: a host route
        entry('10.8.0.0/16', '10.0.0.1', 'UGS', 'epair0b'), // a gateway route
      ],
      [epair],
    );
    expect(routes).toEqual([{ destination: '10.9.0.0/24', interface: epair.iface.id }]);
  });
});
