import { describe, expect, it } from 'vitest';
import { parseIfconfig, prefixFromNetmask } from './ifconfig-parse';
import { ParseError } from './parse-error';
import { fixture } from './test-fixtures';

const hostSample = fixture('ifconfig-host-bridge-epairs-14x-subnetspider.txt');

/** The blog sample as real ifconfig prints it: TAB indent, member continuation TAB + 8 spaces (fixture README). */
const hostSampleWithTabs = hostSample.replace(/^ {16}/gm, '\t        ').replace(/^ {8}/gm, '\t');

describe('parseIfconfig on the 14.x host sample', () => {
  for (const [label, text] of [
    ['8-space indent (blog copy)', hostSample],
    ['TAB indent (real output)', hostSampleWithTabs],
  ] as const) {
    it(`reads every interface with ${label}`, () => {
      const interfaces = parseIfconfig(text);
      expect(interfaces.map((i) => i.name)).toEqual([
        'vtnet0',
        'lo0',
        'bridge0',
        'bastille0',
        'e0a_jail01',
        'e0a_jail02',
        'e0a_jail03',
        'e0a_jail04',
      ]);
      const bridge = interfaces.find((i) => i.name === 'bridge0');
      expect(bridge?.bridge?.members).toEqual([
        {
          name: 'e0a_jail04',
          flags: ['LEARNING', 'DISCOVER', 'AUTOEDGE', 'AUTOPTP'],
          ifmaxaddr: 0,
          port: 14,
          priority: 128,
          pathCost: 2000,
        },
        {
          name: 'e0a_jail03',
          flags: ['LEARNING', 'DISCOVER', 'AUTOEDGE', 'AUTOPTP'],
          ifmaxaddr: 0,
          port: 11,
          priority: 128,
          pathCost: 2000,
        },
        {
          name: 'e0a_jail02',
          flags: ['LEARNING', 'DISCOVER', 'AUTOEDGE', 'AUTOPTP'],
          ifmaxaddr: 0,
          port: 8,
          priority: 128,
          pathCost: 2000,
        },
        {
          name: 'e0a_jail01',
          flags: ['LEARNING', 'DISCOVER', 'AUTOEDGE', 'AUTOPTP'],
          ifmaxaddr: 0,
          port: 5,
          priority: 128,
          pathCost: 2000,
        },
        {
          name: 'vtnet0',
          flags: ['LEARNING', 'DISCOVER', 'AUTOEDGE', 'AUTOPTP'],
          ifmaxaddr: 0,
          port: 1,
          priority: 128,
          pathCost: 2000,
        },
      ]);
    });
  }

  it('reads the bridge header, options=0, address and groups', () => {
    const bridge = parseIfconfig(hostSample).find((i) => i.name === 'bridge0');
    expect(bridge).toMatchObject({
      flagsHex: '1008943',
      flags: ['UP', 'BROADCAST', 'RUNNING', 'PROMISC', 'SIMPLEX', 'MULTICAST', 'LOWER_UP'],
      metric: 0,
      mtu: 1500,
      options: { hex: '0', names: [] },
      ether: '58:9c:fc:10:ff:db',
      inet: [{ address: '10.2.70.109', prefix: 24, broadcast: '10.2.70.255' }],
      inet6: [],
      groups: ['bridge'],
      nd6: { hex: '9', names: ['PERFORMNUD', 'IFDISABLED'] },
    });
  });

  it('reads an epair host end with its description, media and status', () => {
    const epair = parseIfconfig(hostSample).find((i) => i.name === 'e0a_jail03');
    expect(epair).toEqual({
      name: 'e0a_jail03',
      flagsHex: '1008943',
      flags: ['UP', 'BROADCAST', 'RUNNING', 'PROMISC', 'SIMPLEX', 'MULTICAST', 'LOWER_UP'],
      metric: 0,
      mtu: 1500,
      description: 'vnet0 host interface for Bastille jail jail03',
      options: { hex: '8', names: ['VLAN_MTU'] },
      ether: '02:21:90:a4:5f:0a',
      inet: [],
      inet6: [],
      groups: ['epair'],
      media: 'Ethernet 10Gbase-T (10Gbase-T <full-duplex>)',
      status: 'active',
      nd6: { hex: '29', names: ['PERFORMNUD', 'IFDISABLED', 'AUTO_LINKLOCAL'] },
    });
  });

  it('reads lo0 addresses: netmask hex to prefix, inet6 zone and scopeid', () => {
    const lo0 = parseIfconfig(hostSample).find((i) => i.name === 'lo0');
    expect(lo0?.mtu).toBe(16384);
    expect(lo0?.inet).toEqual([{ address: '127.0.0.1', prefix: 8 }]);
    expect(lo0?.inet6).toEqual([
      { address: '::1', prefix: 128 },
      { address: 'fe80::1', prefix: 64, zone: 'lo0', scopeid: '0x2' },
    ]);
  });

  it('reads a down interface (bastille0, no UP flag) with no addresses', () => {
    const down = parseIfconfig(hostSample).find((i) => i.name === 'bastille0');
    expect(down).toMatchObject({ flagsHex: '8008', flags: ['LOOPBACK', 'MULTICAST'], inet: [], groups: ['lo'] });
  });
});

describe('parseIfconfig on other layouts', () => {
  it('reads `ifconfig vnet0` run inside a 14.3 jail', () => {
    const [vnet0, ...rest] = parseIfconfig(fixture('ifconfig-jail-vnet0-ngeiface-14.3-subnetspider.txt'));
    expect(rest).toEqual([]);
    expect(vnet0).toMatchObject({
      name: 'vnet0',
      flags: ['UP', 'BROADCAST', 'RUNNING', 'SIMPLEX', 'MULTICAST', 'LOWER_UP'],
      options: { hex: '28', names: ['VLAN_MTU', 'JUMBO_MTU'] },
      inet: [{ address: '10.2.70.131', prefix: 24, broadcast: '10.2.70.255' }],
      media: 'Ethernet autoselect (1000baseT <full-duplex>)',
    });
  });

  it('reads a 13.x-style bridge: no LOWER_UP, no options line, members before groups', () => {
    // Layout of the 13.x Bastille docs sample (docs/freebsd.md §2.2/§2.3); values made up.
    const text = [
      'bridge0: flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST> metric 0 mtu 1500',
      '\tether 58:9c:fc:10:00:01',
      '\tid 00:00:00:00:00:00 priority 32768 hellotime 2 fwddelay 15',
      '\tmaxage 20 holdcnt 6 proto rstp maxaddr 2000 timeout 1200',
      '\troot id 00:00:00:00:00:00 priority 32768 ifcost 0 port 0',
      '\tmember: epair0a flags=143<LEARNING,DISCOVER,AUTOEDGE,AUTOPTP>',
      '\t        ifmaxaddr 0 port 3 priority 128 path cost 2000',
      '\tgroups: bridge',
      '',
    ].join('\n');
    const [bridge] = parseIfconfig(text);
    expect(bridge?.flags).not.toContain('LOWER_UP');
    expect(bridge?.options).toBeUndefined();
    expect(bridge?.bridge?.members).toEqual([
      {
        name: 'epair0a',
        flags: ['LEARNING', 'DISCOVER', 'AUTOEDGE', 'AUTOPTP'],
        ifmaxaddr: 0,
        port: 3,
        priority: 128,
        pathCost: 2000,
      },
    ]);
  });

  it('accepts attribute lines in any order and several inet addresses', () => {
    const text =
      'epair0b: flags=8863<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST> metric 0 mtu 1500\n' +
      '\tinet 10.0.0.2 netmask 0xfffffffc broadcast 10.0.0.3\n\tgroups: epair\n\tinet 10.0.1.2 netmask 0xffffffff\n\toptions=8<VLAN_MTU>\n';
    const [epair] = parseIfconfig(text);
    expect(epair?.inet).toEqual([
      { address: '10.0.0.2', prefix: 30, broadcast: '10.0.0.3' },
      { address: '10.0.1.2', prefix: 32 },
    ]);
    expect(epair?.options).toEqual({ hex: '8', names: ['VLAN_MTU'] });
  });

  it('returns nothing for empty output', () => {
    expect(parseIfconfig('')).toEqual([]);
  });
});

describe('parseIfconfig errors', () => {
  it.each([
    ['garbage first line', 'ifconfig: interface tap0 does not exist\n', 1, 'an interface header'],
    [
      'attribute before any header',
      '\tinet 10.0.0.1 netmask 0xffffff00\n',
      1,
      'an interface header "<name>: flags=..." before',
    ],
    ['header without mtu', 'lo0: flags=8049<UP,LOOPBACK,RUNNING,MULTICAST> metric 0\n', 1, 'an interface header'],
    [
      'unindented junk after a block',
      'lo0: flags=8049<UP> metric 0 mtu 16384\n\tgroups: lo\nnot indented\n',
      3,
      'an interface header',
    ],
    [
      'non-contiguous netmask',
      'lo0: flags=8049<UP> metric 0 mtu 16384\n\tinet 10.0.0.1 netmask 0xff00ff00\n',
      2,
      'a contiguous netmask',
    ],
    [
      'inet without netmask',
      'lo0: flags=8049<UP> metric 0 mtu 16384\n\tinet 10.0.0.1\n',
      2,
      '"netmask 0x<8 hex digits>"',
    ],
    [
      'continuation with no member',
      'bridge0: flags=8843<UP> metric 0 mtu 1500\n\t        ifmaxaddr 0 port 3 priority 128 path cost 2000\n',
      2,
      'a "member:" line',
    ],
    [
      'bad member port',
      'bridge0: flags=8843<UP> metric 0 mtu 1500\n\tmember: e0 flags=143<LEARNING>\n\t        ifmaxaddr 0 port x\n',
      3,
      'a number after "port"',
    ],
  ])('%s → ParseError naming ifconfig and the line', (_label, text, line, expected) => {
    expect(() => parseIfconfig(text)).toThrow(ParseError);
    expect(() => parseIfconfig(text)).toThrow(
      expect.objectContaining({ command: 'ifconfig', line, expected: expect.stringContaining(expected) }),
    );
  });
});

describe('prefixFromNetmask', () => {
  it.each([
    [0xffffff00, 24],
    [0xff000000, 8],
    [0xffffffff, 32],
    [0, 0],
    [0x80000000, 1],
    [0xfffffffc, 30],
  ])('%i → %i', (mask, prefix) => {
    expect(prefixFromNetmask(mask)).toBe(prefix);
  });
  it('rejects a non-contiguous mask', () => {
    expect(prefixFromNetmask(0xff00ff00)).toBeUndefined();
  });
});
