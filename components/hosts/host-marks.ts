import type { Difference } from '../../core/compare/compare';
import type { TopologyGraph } from '../../core/graph/to-graph';
import type { Topology } from '../../core/topology/schema';
import { indexTopology } from '../../core/plan/indexed';
import type { NodeMarks } from '../canvas/flow-types';

// Which box of the host's drawing carries which marks: a foreign interface, a difference, or a ghost
// of what only the design has shows on the box it is drawn in (a jail's interfaces are its rows).

export function boxMarks(
  graph: TopologyGraph,
  owned: Readonly<Record<string, boolean>>,
  differences: readonly Difference[],
  ghosts: ReadonlySet<string> = new Set(),
): Map<string, NodeMarks> {
  const boxOf = new Map<string, string>();
  for (const node of graph.nodes) {
    boxOf.set(node.id, node.id);
    for (const port of node.ports) boxOf.set(port.id, node.id);
  }
  const marks = new Map<string, Set<string>>();
  const add = (id: string | undefined, mark: string) => {
    const box = id === undefined ? undefined : boxOf.get(id);
    if (box) marks.set(box, (marks.get(box) ?? new Set()).add(mark));
  };
  for (const [id, isOwned] of Object.entries(owned)) if (!isOwned) add(id, 'foreign');
  for (const id of ghosts) add(id, 'only in design');
  for (const difference of differences) {
    if (difference.status === 'only-host') add(difference.hostId, 'only on host');
    if (difference.status === 'differs') add(difference.hostId, 'differs');
  }
  return new Map([...marks].map(([box, set]) => [box, [...set]]));
}

/** Foreign interfaces as the adopt keys the agent takes ("<jail path>/<name>", "/<name>" on the host). */
export function adoptable(
  topology: Topology,
  owned: Readonly<Record<string, boolean>>,
): { key: string; label: string }[] {
  return [...indexTopology(topology).byId.values()]
    .filter(({ iface }) => owned[iface.id] === false && iface.kind !== 'loopback')
    .map(({ key, stackKey, iface }) => ({ key, label: `${stackKey || 'host'}/${iface.name} (${iface.kind})` }));
}
