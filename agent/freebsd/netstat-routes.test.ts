import { describe, expect, it } from 'vitest';
import { formatNetstatRoutes, parseNetstatRoutes } from './netstat-routes';
import { ParseError } from './parse-error';
import type { RouteEntry } from './types';

// A jail-host routing table (documentation addresses).
const routes: RouteEntry[] = [
  {
    family: 'inet',
    destination: 'default',
    gateway: '192.0.2.1',
    flags: 'UGS',
    interface: 'vtnet0',
    weight: 1,
    nhopKernelIndex: 5,
  },
  {
    family: 'inet',
    destination: '10.77.0.0/24',
    gateway: 'link#4',
    flags: 'U',
    interface: 'bridge0',
    weight: 1,
    nhopKernelIndex: 6,
  },
  {
    family: 'inet',
    destination: '127.0.0.1',
    gateway: 'lo0',
    flags: 'UHS',
    interface: 'lo0',
    weight: 1,
    nhopKernelIndex: 2,
  },
  {
    family: 'inet6',
    destination: '::1',
    gateway: 'lo0',
    flags: 'UHS',
    interface: 'lo0',
    weight: 1,
    nhopKernelIndex: 3,
  },
  {
    family: 'inet6',
    destination: 'fe80::%lo0/64',
    gateway: 'link#2',
    flags: 'U',
    interface: 'lo0',
    weight: 1,
    nhopKernelIndex: 4,
  },
];

describe('formatNetstatRoutes', () => {
  it('prints the libxo shape worked out from route.c / route_netlink.c', () => {
    expect(formatNetstatRoutes(routes)).toBe(
      '{"statistics": {"route-information": {"route-table": {"rt-family": [' +
        '{"address-family":"Internet", "rt-entry": [' +
        '{"destination":"default","gateway":"192.0.2.1","flags":"UGS", "flags_pretty": ["up","gateway","static"],"weight":1,"nhop-kidx":5,"interface-name":"vtnet0"}, ' +
        '{"destination":"10.77.0.0/24","gateway":"link#4","flags":"U", "flags_pretty": ["up"],"weight":1,"nhop-kidx":6,"interface-name":"bridge0"}, ' +
        '{"destination":"127.0.0.1","gateway":"lo0","flags":"UHS", "flags_pretty": ["up","host","static"],"weight":1,"nhop-kidx":2,"interface-name":"lo0"}]}, ' +
        '{"address-family":"Internet6", "rt-entry": [' +
        '{"destination":"::1","gateway":"lo0","flags":"UHS", "flags_pretty": ["up","host","static"],"weight":1,"nhop-kidx":3,"interface-name":"lo0"}, ' +
        '{"destination":"fe80::%lo0/64","gateway":"link#2","flags":"U", "flags_pretty": ["up"],"weight":1,"nhop-kidx":4,"interface-name":"lo0"}]}' +
        ']}}}}\n',
    );
  });

  it('prints the 13.x (sysctl path) shape when weight and nexthop index are absent', () => {
    const out = formatNetstatRoutes([
      { family: 'inet', destination: 'default', gateway: '192.0.2.1', flags: 'UGS', interface: 'em0' },
    ]);
    expect(out).toBe(
      '{"statistics": {"route-information": {"route-table": {"rt-family": [{"address-family":"Internet", "rt-entry": [' +
        '{"destination":"default","gateway":"192.0.2.1","flags":"UGS", "flags_pretty": ["up","gateway","static"],"interface-name":"em0"}]}]}}}}\n',
    );
  });

  it('opens a new rt-family instance each time the family changes, as the C loop does', () => {
    const mixed: RouteEntry[] = [
      { family: 'inet', destination: 'default', gateway: '192.0.2.1', flags: 'UGS', interface: 'em0' },
      { family: 'inet6', destination: '::1', gateway: 'lo0', flags: 'UHS', interface: 'lo0' },
      { family: 'inet', destination: '127.0.0.1', gateway: 'lo0', flags: 'UHS', interface: 'lo0' },
    ];
    expect(formatNetstatRoutes(mixed).match(/"address-family"/g)).toHaveLength(3);
    expect(parseNetstatRoutes(formatNetstatRoutes(mixed))).toEqual(mixed);
  });

  it('prints an empty table as an empty rt-family list (unverified)', () => {
    expect(formatNetstatRoutes([])).toBe('{"statistics": {"route-information": {"route-table": {"rt-family": []}}}}\n');
  });

  it('refuses a flag letter netstat cannot print', () => {
    expect(() =>
      formatNetstatRoutes([{ family: 'inet', destination: 'default', gateway: 'x', flags: 'UZ', interface: 'em0' }]),
    ).toThrow(/"Z"/);
  });
});

describe('parseNetstatRoutes', () => {
  it('reads back what formatNetstatRoutes prints', () => {
    expect(parseNetstatRoutes(formatNetstatRoutes(routes))).toEqual(routes);
  });

  it('ignores -W fields, expire-time, a fib key and other families', () => {
    const text =
      '{"statistics": {"route-information": {"fib":1, "route-table": {"rt-family": [' +
      '{"address-family":"Internet", "rt-entry": [{"destination":"198.51.100.7","gateway":"00:11:22:33:44:55","flags":"UHS", "flags_pretty": ["up","host","static"],"use":12,"mtu":1500,"interface-name":"epair0a","expire-time":1180}]}, ' +
      '{"address-family":"Netgraph", "rt-entry": [{"destination":"x","gateway":"y","flags":"U", "flags_pretty": ["up"],"interface-name":"ng0"}]}]}}}}\n';
    expect(parseNetstatRoutes(text)).toEqual([
      { family: 'inet', destination: '198.51.100.7', gateway: '00:11:22:33:44:55', flags: 'UHS', interface: 'epair0a' },
    ]);
  });

  it.each([
    [
      'no route-table',
      '{"statistics": {"route-information": {}}}',
      1,
      'statistics.route-information.route-table.rt-family list',
    ],
    [
      'missing gateway',
      '{"statistics": {"route-information": {"route-table": {"rt-family": [{"address-family":"Internet", "rt-entry": [\n{"destination":"default","flags":"UGS","interface-name":"em0"}]}]}}}}',
      2,
      'a non-empty "gateway" string',
    ],
    [
      'bad flags',
      '{"statistics": {"route-information": {"route-table": {"rt-family": [{"address-family":"Internet", "rt-entry": [{"destination":"default","gateway":"g","flags":"U?","interface-name":"em0"}]}]}}}}',
      1,
      '"flags" made of route flag letters',
    ],
    [
      'weight as a string',
      '{"statistics": {"route-information": {"route-table": {"rt-family": [{"address-family":"Internet", "rt-entry": [{"destination":"default","gateway":"g","flags":"U","weight":"1","interface-name":"em0"}]}]}}}}',
      1,
      '"weight" as an unsigned 32-bit integer',
    ],
  ])('rejects %s', (_label, text, line, expected) => {
    expect(() => parseNetstatRoutes(text)).toThrow(expect.objectContaining({ command: 'netstat', line, expected }));
  });

  it('rejects the text table', () => {
    const text = 'Routing tables\n\nInternet:\nDestination        Gateway            Flags     Netif Expire\n';
    expect(() => parseNetstatRoutes(text)).toThrow(ParseError);
    expect(() => parseNetstatRoutes(text)).toThrow(expect.objectContaining({ command: 'netstat', line: 1 }));
  });
});
