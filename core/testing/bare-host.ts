import { TOPOLOGY_VERSION, TopologySchema, type Topology } from '../topology/schema';

/**
 * A freshly booted host as discovery sees it: lo0, the uplink NIC with its address and the default
 * route; `extra` interfaces (leftovers, hand-made ones) are added to the host stack.
 */
export function bareHost(extra: object[] = []): Topology {
  return TopologySchema.parse({
    format: 'patchbay.topology',
    version: TOPOLOGY_VERSION,
    name: 'host',
    stacks: [
      {
        kind: 'host',
        id: 'host',
        hostname: 'gateway.example.org',
        defaultGateway: { ipv4: '192.168.1.1' },
        interfaces: [
          { kind: 'loopback', id: 'host:lo0', name: 'lo0', addresses: ['127.0.0.1/8', '::1/128'] },
          { kind: 'physical', id: 'host:ixl0', name: 'ixl0', description: 'uplink', addresses: ['192.168.1.10/24'] },
          ...extra,
        ],
      },
    ],
  });
}
