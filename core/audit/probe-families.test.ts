import { describe, expect, it } from 'vitest';
import type { Topology } from '../topology/schema';
import { Auditor, type Destination, type Source } from './audit';
import { audited, diffAudited } from './diff';
import { probeName } from './probes';

// Found by diff.property.test.ts (seed -1099868543): an inet6 rule naming tcp/22 added a tcp/22
// probe to IPv4 too, and the host's address was chosen by counting probes: 192.168.1.10 (udp and
// icmp come back, tcp is refused) tied 10.0.0.1 (everything arrives, no reply comes back) until the
// extra probe tipped it, and jail0 → host went from partial to one-way in IPv4.

const HOST_RULES = [
  'table <t> { 192.168.1.0/24 }',
  'block return proto tcp to <t>',
  'pass in quick on ixl0 proto tcp to port 2001 rdr-to 10.0.0.2 port 22',
].join('\n');

function design(hostRules = HOST_RULES): Topology {
  const bridge = (n: number, members: string[] = []) => ({
    kind: 'bridge' as const,
    id: `host:bridge${n}`,
    name: `bridge${n}`,
    up: true,
    addresses: [`10.${n}.0.1/24`],
    members,
  });
  const lo0 = (stack: string) => ({
    kind: 'loopback' as const,
    id: `${stack}:lo0`,
    name: 'lo0',
    up: true,
    addresses: ['127.0.0.1/8'],
  });
  return {
    format: 'patchbay.topology',
    version: 2,
    name: 'probe families',
    target: { freebsd: '14' },
    stacks: [
      {
        kind: 'host',
        id: 'host',
        hostname: 'host.example.org',
        interfaces: [
          lo0('host'),
          { kind: 'physical', id: 'host:ixl0', name: 'ixl0', up: true, addresses: ['192.168.1.10/24'] },
          bridge(0),
          bridge(1),
          bridge(2, ['host:epair0a']),
          { kind: 'epair', id: 'host:epair0a', name: 'epair0a', up: true, addresses: [], end: 'a', peer: 'j0:epair0b' },
        ],
        forwarding: { ipv4: true, ipv6: false },
        defaultGateway: { ipv4: '192.168.1.1' },
        staticRoutes: [],
        nat: [],
        pf: { enabled: true, rules: hostRules, nat: '' },
      },
      {
        kind: 'jail',
        id: 'j0',
        name: 'jail0',
        childrenMax: 0,
        interfaces: [
          lo0('j0'),
          {
            kind: 'epair',
            id: 'j0:epair0b',
            name: 'epair0b',
            up: true,
            addresses: ['10.2.0.2/24'],
            end: 'b',
            peer: 'host:epair0a',
          },
        ],
        forwarding: { ipv4: false, ipv6: false },
        defaultGateway: { ipv4: '10.2.0.1' },
        staticRoutes: [],
        nat: [],
        pf: { enabled: true, rules: 'block drop in from { 10.0.0.0/8 !192.168.1.0/24 }', nat: '' },
      },
    ],
    segments: [
      { kind: 'lan', id: 'lan', name: 'LAN', cidr: '192.168.1.0/24', gateway: '192.168.1.1', uplink: 'host:ixl0' },
    ],
    intents: [],
    layout: { positions: {} },
  } as Topology;
}

const JAIL: Source = { kind: 'stack', id: 'j0' };
const HOST: Destination = { kind: 'host' };
const fromDesign = (topology: Topology) => audited({ topology, patchbay: 'from-design' });

describe('each family has its own probes', () => {
  it('an inet6 rule adds no IPv4 probe, and changes no IPv4 verdict', () => {
    const inet6 = design(`${HOST_RULES}\nblock drop quick inet6 proto tcp from any to any port 22`);
    const [before, after] = [new Auditor(design()), new Auditor(inet6)];
    expect(after.probesOf(4).map(probeName)).toEqual(before.probesOf(4).map(probeName));
    expect(after.probesOf(4).map(probeName)).not.toContain('tcp/22');
    expect(after.probesOf(6).map(probeName)).toContain('tcp/22');
    expect(after.verdict(JAIL, HOST)).toBe('partial');
    expect(after.pair(JAIL, HOST).summary).toBe(before.pair(JAIL, HOST).summary);
    expect(diffAudited(fromDesign(design()), fromDesign(inet6))).toEqual([]);
  });

  it('a rule written with addresses of one family is a rule of that family', () => {
    const auditor = new Auditor(design(`${HOST_RULES}\npass in quick proto tcp from 2001:db8::/32 to any port 5353`));
    expect(auditor.probesOf(4).map(probeName)).not.toContain('tcp/5353');
    expect(auditor.probesOf(6).map(probeName)).toContain('tcp/5353');
  });
});

describe('the host answers with its best address, whatever the count of probes', () => {
  it('a port named by a rule that matches nothing does not tip partial into one-way', () => {
    // 10.0.0.1 gets every probe there one-way, 192.168.1.10 gets udp and icmp back: one more tcp
    // probe counted for the former.
    const named = design(`${HOST_RULES}\nblock drop in quick on nosuch0 proto tcp to port 5555`);
    const auditor = new Auditor(named);
    expect(auditor.probesOf(4).map(probeName)).toContain('tcp/5555');
    expect(auditor.verdict(JAIL, HOST)).toBe('partial');
    const pair = auditor.pair(JAIL, HOST);
    expect(pair.verdict).toBe('partial');
    expect(pair.address).toBe('192.168.1.10');
    expect(diffAudited(fromDesign(design()), fromDesign(named))).toEqual([]);
  });
});
