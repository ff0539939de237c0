import { blogNetwork } from '../demo/blog-network';
import { addJail, connect } from '../editor/actions';
import type { Topology } from '../topology/schema';

/** The blog network plus one more jail wired to bridge0, the way the editor would add it. */
export function blogWithJail(name: string): Topology {
  const added = addJail(blogNetwork(), { name });
  if (!added.ok) throw new Error(added.reason);
  const bridge = added.topology.stacks.flatMap((s) => s.interfaces).find((i) => i.name === 'bridge0')!;
  const wired = connect(added.topology, added.created[0]!, bridge.id);
  if (!wired.ok) throw new Error(wired.reason);
  return { ...wired.topology, name: `Blog network + ${name}` };
}
