import type { TopologyGraph } from '../graph/to-graph';
import { indexTopology } from '../plan/indexed';
import type { Topology } from '../topology/schema';
import { HOST_STACK } from '../wire/counters';

// Which interface's counters a cable shows. The agent keys counters "<stack>/<interface>", with
// "host" for the host's own stack and the jail's dotted path (as jls names it) for a jail.

/** Interface id → the agent's counter key for it. */
export function counterKeys(topology: Topology): Map<string, string> {
  return new Map(
    [...indexTopology(topology).byId].map(([id, { stackKey, iface }]) => [
      id,
      `${stackKey || HOST_STACK}/${iface.name}`,
    ]),
  );
}

/**
 * Edge id → the counter key it is measured at, seen from the far end of the cable: an epair from its
 * b end (usually inside the jail, so "out" is what the jail sends), a bridge member and an uplink
 * from the NIC. The route to the internet has no interface of its own and no meter.
 */
export function edgeMeters(
  topology: Topology,
  graph: TopologyGraph,
  /** Interfaces drawn that are not on the host (a design's ghosts): they have no counters to show. */
  absent: ReadonlySet<string> = new Set(),
): Map<string, string> {
  const keys = counterKeys(topology);
  const interfaces = new Map(topology.stacks.flatMap((s) => s.interfaces.map((i) => [i.id, i] as const)));
  const meters = new Map<string, string>();
  for (const edge of graph.edges) {
    let measured: string | undefined;
    if (edge.kind === 'epair') {
      const a = interfaces.get(edge.id.slice('epair:'.length));
      measured = a?.kind === 'epair' ? a.peer : undefined;
    } else if (edge.kind === 'member') {
      measured = edge.id.slice('member:'.length);
    } else if (edge.kind === 'uplink') {
      const segment = topology.segments.find((s) => `uplink:${s.id}` === edge.id);
      measured = segment?.kind === 'lan' ? segment.uplink : undefined;
    }
    const key = measured === undefined || absent.has(measured) ? undefined : keys.get(measured);
    if (key) meters.set(edge.id, key);
  }
  return meters;
}
