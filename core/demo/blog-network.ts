import {
  TOPOLOGY_FORMAT,
  TOPOLOGY_VERSION,
  TopologySchema,
  type Topology,
  type TopologyInput,
} from '../topology/schema';

// The network from the blog diagram (docs/architecture.md, design rules): ixl0 on the LAN, bridge0 carrying the jails'
// gateway address, a cable (epair) to snort-jail and one to a second jail, the host forwarding and NATing out of ixl0.
// Cables are named e0a_/e0b_<jail> as Bastille and jib name theirs: Patchbay never keeps the
// kernel's epairN names (core/topology/cable.ts). Plus a
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
          members: ['host:e0a_snort_jail', 'host:e0a_www_jail'],
        },
        { kind: 'epair', id: 'host:e0a_snort_jail', name: 'e0a_snort_jail', end: 'a', peer: 'snort:e0b_snort_jail' },
        { kind: 'epair', id: 'host:e0a_www_jail', name: 'e0a_www_jail', end: 'a', peer: 'www:e0b_www_jail' },
        {
          kind: 'bridge',
          id: 'host:bridge1',
          name: 'bridge1',
          description: 'tor relay, internet only',
          addresses: ['10.0.1.1/24'],
          members: ['host:e0a_tor_relay'],
        },
        { kind: 'epair', id: 'host:e0a_tor_relay', name: 'e0a_tor_relay', end: 'a', peer: 'tor:e0b_tor_relay' },
      ],
    },
    {
      kind: 'jail',
      id: 'snort',
      name: 'snort-jail',
      defaultGateway: { ipv4: '10.0.0.1' },
      interfaces: [
        { kind: 'loopback', id: 'snort:lo0', name: 'lo0', addresses: ['127.0.0.1/8'] },
        {
          kind: 'epair',
          id: 'snort:e0b_snort_jail',
          name: 'e0b_snort_jail',
          end: 'b',
          peer: 'host:e0a_snort_jail',
          addresses: ['10.0.0.2/24'],
        },
      ],
    },
    {
      kind: 'jail',
      id: 'www',
      name: 'www-jail',
      defaultGateway: { ipv4: '10.0.0.1' },
      interfaces: [
        { kind: 'loopback', id: 'www:lo0', name: 'lo0', addresses: ['127.0.0.1/8'] },
        {
          kind: 'epair',
          id: 'www:e0b_www_jail',
          name: 'e0b_www_jail',
          end: 'b',
          peer: 'host:e0a_www_jail',
          addresses: ['10.0.0.3/24'],
        },
      ],
    },
    {
      kind: 'jail',
      id: 'tor',
      name: 'tor-relay',
      defaultGateway: { ipv4: '10.0.1.1' },
      interfaces: [
        { kind: 'loopback', id: 'tor:lo0', name: 'lo0', addresses: ['127.0.0.1/8'] },
        {
          kind: 'epair',
          id: 'tor:e0b_tor_relay',
          name: 'e0b_tor_relay',
          end: 'b',
          peer: 'host:e0a_tor_relay',
          addresses: ['10.0.1.2/24'],
        },
      ],
    },
  ],
  segments: [
    { kind: 'lan', id: 'lan', name: 'LAN', cidr: '192.168.1.0/24', gateway: '192.168.1.1', uplink: 'host:ixl0' },
    { kind: 'internet', id: 'internet', name: 'Internet', via: 'lan' },
  ],
  intents: [
    {
      kind: 'internet-only',
      id: 'tor-internet-only',
      subject: { kind: 'stack', id: 'tor' },
      description: 'relay traffic only: never the LAN, the host or the other jails',
    },
  ],
};

/** A fresh copy of the demo design, so callers may change it freely. */
export function blogNetwork(): Topology {
  return TopologySchema.parse(structuredClone(BLOG_NETWORK));
}
