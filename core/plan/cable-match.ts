import type { EpairEnd, Interface, Stack, Topology } from '../topology/schema';
import { describeKey, indexTopology, type IndexedInterface, type IndexedTopology } from './indexed';

// Cables are matched by what they connect, not by name. A kernel unit is an accident of the order
// things were made in (if_epair.c hands out the lowest free unit), and a network drawn again by hand
// names its cables afresh: matched by name, every cable whose name landed on another jail's cable
// would be moved out of one jail and into another. So before planning, each of the design's cables
// that the host does not hold under the same names in the same places is paired with a host cable
// that connects the same two things (the same bridge, or the same stack, at each end), and takes the
// host's names: the plan keeps the host's cable as it is, and says so in a note. Patchbay never
// renames a cable that exists.

interface Cable {
  a: IndexedInterface;
  b: IndexedInterface;
  /** What it connects: per end, its stack and the bridge it is a member of. */
  connects: string;
}

/** Per end: "<stack key>|<bridge name or empty>"; the bridge is the one in the same stack listing it. */
function endPlace(t: IndexedTopology, end: IndexedInterface): string {
  const bridge = end.stack.interfaces.find((i) => i.kind === 'bridge' && i.members.includes(end.iface.id));
  return `${end.stackKey}|${bridge?.name ?? ''}`;
}

function cablesOf(t: IndexedTopology): Cable[] {
  const cables: Cable[] = [];
  for (const entry of t.interfaces.values()) {
    if (entry.iface.kind !== 'epair' || entry.iface.end !== 'a') continue;
    const peer = t.byId.get(entry.iface.peer);
    if (peer?.iface.kind !== 'epair') continue;
    cables.push({ a: entry, b: peer, connects: `${endPlace(t, entry)} ⇄ ${endPlace(t, peer)}` });
  }
  return cables;
}

/** Whether the host holds this cable under the same names in the same stacks, paired with each other. */
function heldByName(actual: IndexedTopology, cable: Cable): boolean {
  const a = actual.interfaces.get(cable.a.key);
  const b = actual.interfaces.get(cable.b.key);
  return a?.iface.kind === 'epair' && b?.iface.kind === 'epair' && a.iface.peer === b.iface.id;
}

const addressesOf = (cable: Cable) => JSON.stringify([cable.a.iface.addresses, cable.b.iface.addresses]);

/** Design cable → host cable, for the cables matched by what they connect. */
function pairByConnection(actual: IndexedTopology, desired: IndexedTopology): Map<Cable, Cable> {
  const settled = cablesOf(desired).filter((c) => heldByName(actual, c));
  const takenKeys = new Set(settled.flatMap((c) => [c.a.key, c.b.key]));
  const free = cablesOf(actual).filter((c) => !takenKeys.has(c.a.key) && !takenKeys.has(c.b.key));
  const pairs = new Map<Cable, Cable>();
  const used = new Set<Cable>();
  const wanted = cablesOf(desired).filter((c) => !heldByName(actual, c));
  // Those with the same addresses first, so two cables between the same places keep their addresses.
  for (const sameAddresses of [true, false])
    for (const cable of wanted) {
      if (pairs.has(cable)) continue;
      const match = free.find(
        (h) =>
          !used.has(h) && h.connects === cable.connects && (!sameAddresses || addressesOf(h) === addressesOf(cable)),
      );
      if (!match) continue;
      pairs.set(cable, match);
      used.add(match);
    }
  return pairs;
}

function renameZone(gateway: string | undefined, names: Map<string, string>): string | undefined {
  if (gateway === undefined || !gateway.includes('%')) return gateway;
  const [address, zone] = gateway.split('%') as [string, string];
  return `${address}%${names.get(zone) ?? zone}`;
}

/** `stack` with its interfaces renamed by id, and link-local gateways naming them (fe80::1%name) too. */
function renamedStack(stack: Stack, byId: Map<string, string>): Stack {
  const byName = new Map(stack.interfaces.flatMap((i) => (byId.has(i.id) ? [[i.name, byId.get(i.id)!] as const] : [])));
  if (byName.size === 0) return stack;
  const v4 = renameZone(stack.defaultGateway.ipv4, byName);
  const v6 = renameZone(stack.defaultGateway.ipv6, byName);
  return {
    ...stack,
    interfaces: stack.interfaces.map((i): Interface => (byId.has(i.id) ? { ...i, name: byId.get(i.id)! } : i)),
    defaultGateway: { ...(v4 !== undefined ? { ipv4: v4 } : {}), ...(v6 !== undefined ? { ipv6: v6 } : {}) },
    staticRoutes: stack.staticRoutes.map((r) =>
      r.gateway === undefined ? r : { ...r, gateway: renameZone(r.gateway, byName)! },
    ),
  };
}

/** Whether renaming by `byId` leaves two interfaces of one stack with the same name. */
function clashes(t: Topology, byId: Map<string, string>): Set<string> {
  const clashing = new Set<string>();
  for (const stack of t.stacks) {
    const seen = new Map<string, string>();
    for (const iface of stack.interfaces) {
      const name = byId.get(iface.id) ?? iface.name;
      const other = seen.get(name);
      if (other !== undefined) [other, iface.id].forEach((id) => clashing.add(id));
      seen.set(name, iface.id);
    }
  }
  return clashing;
}

/**
 * The design with its cables renamed to the host's where they are matched by what they connect (see
 * the top of this file), and a note for each. A rename that would give two interfaces of one stack
 * the same name is left out: that cable is planned by its name as before.
 */
export function matchCablesByConnection(actual: Topology, design: Topology): { design: Topology; notes: string[] } {
  const pairs = [...pairByConnection(indexTopology(actual), indexTopology(design))].filter(
    ([want, have]) => want.a.iface.name !== have.a.iface.name || want.b.iface.name !== have.b.iface.name,
  );
  let kept = pairs;
  for (;;) {
    const byId = new Map(
      kept.flatMap(([want, have]) => [
        [want.a.iface.id, have.a.iface.name],
        [want.b.iface.id, have.b.iface.name],
      ]),
    );
    const clashing = clashes(design, byId);
    const next = kept.filter(([want]) => !clashing.has(want.a.iface.id) && !clashing.has(want.b.iface.id));
    if (next.length === kept.length) {
      if (byId.size === 0) return { design, notes: [] };
      const notes = kept.map(
        ([want, have]) =>
          `The design's cable ${(want.a.iface as EpairEnd).name} ⇄ ${want.b.iface.name} (${describeKey(want.a.key)} ⇄ ${describeKey(want.b.key)}) connects what the host's ${have.a.iface.name} ⇄ ${have.b.iface.name} connects: the plan keeps the host's cable and its names.`,
      );
      return { design: { ...design, stacks: design.stacks.map((s) => renamedStack(s, byId)) }, notes };
    }
    kept = next;
  }
}
