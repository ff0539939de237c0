import { TOPOLOGY_FORMAT, TOPOLOGY_VERSION, TopologySchema, type Topology, type TopologyInput } from '../topology/schema';

// The network from DESIGN.md's diagram: ixl0 on the LAN, bridge0 carrying the jails' gateway address,
// epair1 to snort-jail and epair2 to a second jail, the host forwarding and NATing out of ixl0. Plus a
// Tor relay on its own bridge that may reach the internet and never the LAN or the other jails.
const BLOG_NETWORK: TopologyInput = {
  format: TOPOLOGY_FORMAT,
  version: TOPOLOGY_VERSION,
  name: 'Blog network',
  target: { freebsd: '14' },
  stacks: [
    {
      kind: 'host',
      id: 'host',
      hostname: 'gateway.example.org',
      forwarding: { ipv4: true, ipv6: false },
      defaultGateway: { ipv4: '192.168.1.1' },
      nat: [{ egress: 'host:ixl0', sources: ['10.0.0.0/24', '10.0.1.0/24'] }],
      interfaces: [
        { kind: 'loopback', id: 'host:lo0', name: 'lo0', addresses: ['127.0.0.1/8', '::1/128'] },
        { kind: 'physical', id: 'host:ixl0', name: 'ixl0', description: 'uplink', addresses: ['192.168.1.10/24'] },
        {
          kind: 'bridge',
          id: 'host:bridge0',
          name: 'bridge0',
          description: 'jails',
          addresses: ['10.0.0.1/24'],
          members: ['host:epair1a', 'host:epair2a'],
        },
        { kind: 'epair', id: 'host:epair1a', name: 'epair1a', end: 'a', peer: 'snort:epair1b' },
        { kind: 'epair', id: 'host:epair2a', name: 'epair2a', end: 'a', peer: 'www:epair2b' },
        {
          kind: 'bridge',
          id: 'host:bridge1',
          name: 'bridge1',
          description: 'tor relay, internet only',
          addresses: ['10.0.1.1/24'],
          members: ['host:epair3a'],
        },
        { kind: 'epair', id: 'host:epair3a', name: 'epair3a', end: 'a', peer: 'tor:epair3b' },
      ],
    },
    {
      kind: 'jail',
      id: 'snort',
      name: 'snort-jail',
      defaultGateway: { ipv4: '10.0.0.1' },
      interfaces: [
        { kind: 'loopback', id: 'snort:lo0', name: 'lo0', addresses: ['127.0.0.1/8'] },
        { kind: 'epair', id: 'snort:epair1b', name: 'epair1b', end: 'b', peer: 'host:epair1a', addresses: ['10.0.0.2/24'] },
      ],
    },
    {
      kind: 'jail',
      id: 'www',
      name: 'www-jail',
      defaultGateway: { ipv4: '10.0.0.1' },
      interfaces: [
        { kind: 'loopback', id: 'www:lo0', name: 'lo0', addresses: ['127.0.0.1/8'] },
        { kind: 'epair', id: 'www:epair2b', name: 'epair2b', end: 'b', peer: 'host:epair2a', addresses: ['10.0.0.3/24'] },
      ],
    },
    {
      kind: 'jail',
      id: 'tor',
      name: 'tor-relay',
      defaultGateway: { ipv4: '10.0.1.1' },
      interfaces: [
        { kind: 'loopback', id: 'tor:lo0', name: 'lo0', addresses: ['127.0.0.1/8'] },
        { kind: 'epair', id: 'tor:epair3b', name: 'epair3b', end: 'b', peer: 'host:epair3a', addresses: ['10.0.1.2/24'] },
      ],
    },
  ],
  segments: [
    { kind: 'lan', id: 'lan', name: 'LAN', cidr: '192.168.1.0/24', gateway: '192.168.1.1', uplink: 'host:ixl0' },
    { kind: 'internet', id: 'internet', name: 'Internet', via: 'lan' },
  ],
  intents: [
    { kind: 'internet-only', id: 'tor-internet-only', subject: { kind: 'stack', id: 'tor' }, description: 'relay traffic only: never the LAN, the host or the other jails' },
  ],
};

/** A fresh copy of the demo design, so callers may change it freely. */
export function blogNetwork(): Topology {
  return TopologySchema.parse(structuredClone(BLOG_NETWORK));
}
