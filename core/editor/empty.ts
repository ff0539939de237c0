import { TOPOLOGY_FORMAT, TOPOLOGY_VERSION, TopologySchema, type Topology } from '../topology/schema';

/** An empty canvas: just the host, ready to draw on. */
export function emptyDesign(name = 'New design', hostname = 'host.example.org'): Topology {
  return TopologySchema.parse({
    format: TOPOLOGY_FORMAT,
    version: TOPOLOGY_VERSION,
    name,
    stacks: [{ kind: 'host', id: 'host', hostname }],
  });
}
