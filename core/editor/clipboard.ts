import type { Interface, JailStack, Topology } from '../topology/schema';
import type { Edit } from './actions';
import { fitChildrenMax } from './actions';
import { freshId, nextEpairNames, nextJailName, nextUnitName } from './names';

// Copy and paste of jails and bridges. A paste is a new thing, not a second copy of the old one:
// new ids, new names, and no addresses or gateways (which would clash with the originals); the
// cables between pasted things come along, cables to things left behind do not.

export interface Fragment {
  jails: JailStack[];
  bridges: Interface[];
  /** Host epair ends whose peers are in copied jails (the a ends on copied bridges). */
  hostEnds: Interface[];
  positions: Record<string, { x: number; y: number }>;
}

export function copy(t: Topology, ids: readonly string[]): Fragment {
  const chosen = new Set(ids);
  const jails = t.stacks.filter((s): s is JailStack => s.kind === 'jail' && chosen.has(s.id));
  const host = t.stacks.find((s) => s.kind === 'host');
  const bridges = (host?.interfaces ?? []).filter((i) => i.kind === 'bridge' && chosen.has(i.id));
  const jailEnds = new Set(jails.flatMap((j) => j.interfaces.map((i) => i.id)));
  const hostEnds = (host?.interfaces ?? []).filter(
    (i) =>
      i.kind === 'epair' &&
      jailEnds.has(i.peer) &&
      bridges.some((b) => b.kind === 'bridge' && b.members.includes(i.id)),
  );
  const positions = Object.fromEntries(
    ids.flatMap((id) => (t.layout.positions[id] ? [[id, t.layout.positions[id]!]] : [])),
  );
  return structuredClone({ jails, bridges, hostEnds, positions });
}

export function paste(t: Topology, fragment: Fragment, offset = 40): Edit {
  const next = structuredClone(t);
  const host = next.stacks.find((s) => s.kind === 'host');
  if (!host) return { ok: false, reason: 'A design needs a host to paste into.' };
  const newId = new Map<string, string>();
  /** Copied jail id → its pasted jail. */
  const pastedJail = new Map<string, JailStack>();
  const created: string[] = [];
  const addJail = (jail: JailStack) => {
    const name = nextJailName(next, jail.name);
    const id = freshId(next, `jail-${name}`);
    newId.set(jail.id, id);
    const pasted = {
      ...jail,
      id,
      name,
      interfaces: [],
      defaultGateway: {},
      staticRoutes: [],
      nat: [],
      childrenMax: 0,
    } as JailStack;
    next.stacks.push(pasted);
    pastedJail.set(jail.id, pasted);
    created.push(id);
  };
  fragment.jails.forEach(addJail);
  for (const jail of fragment.jails) {
    const copyOf = pastedJail.get(jail.id)!;
    if (jail.parent && newId.has(jail.parent)) copyOf.parent = newId.get(jail.parent)!;
    else delete copyOf.parent;
  }
  for (const bridge of fragment.bridges) {
    const name = nextUnitName(next, 'bridge');
    const id = freshId(next, `host:${name}`);
    newId.set(bridge.id, id);
    host.interfaces.push({ ...bridge, id, name, addresses: [], members: [] } as Interface);
    created.push(id);
  }
  // Cables: each copied host end with its jail end becomes a new epair between the pasted copies.
  for (const end of fragment.hostEnds) {
    if (end.kind !== 'epair') continue;
    const jail = fragment.jails.find((j) => j.interfaces.some((i) => i.id === end.peer));
    const bridge = fragment.bridges.find((b) => b.kind === 'bridge' && b.members.includes(end.id));
    if (!jail || !bridge) continue;
    const pasted = pastedJail.get(jail.id)!;
    const [a, b] = nextEpairNames(next, pasted.name);
    const [idA, idB] = [freshId(next, `host:${a}`), freshId(next, `${pasted.id}:${b}`)];
    host.interfaces.push({ kind: 'epair', id: idA, name: a, end: 'a', peer: idB, up: true, addresses: [] });
    pasted.interfaces.push({ kind: 'epair', id: idB, name: b, end: 'b', peer: idA, up: true, addresses: [] });
    const pastedBridge = host.interfaces.find((i) => i.id === newId.get(bridge.id));
    if (pastedBridge?.kind === 'bridge') pastedBridge.members.push(idA);
  }
  for (const [id, at] of Object.entries(fragment.positions)) {
    const pasted = newId.get(id);
    if (pasted) next.layout.positions[pasted] = { x: at.x + offset, y: at.y + offset };
  }
  // Pasted jails start at children.max 0; each raises its ancestors' as nesting needs (any order
  // will do: fitChildrenMax walks up the whole chain and only ever raises).
  for (const jail of pastedJail.values()) if (jail.parent) fitChildrenMax(next, jail.parent);
  return { ok: true, topology: next, created };
}
