import { describeKey, type IndexedInterface } from './indexed';
import type { Planner } from './planner';

// A jail Patchbay did not make stays on the host when a design leaves it out (plan.ts, jailSteps).
// What ties it to its network stays with it: its own interfaces, the epairs with an end inside it,
// and the bridges those epairs' other ends are members of. Destroying the cable alone would leave a
// jail whose gateway is on no subnet. Adopting the jail (its path as an adopt key) lets all of it go.

/** The jails on the host that the design leaves out and Patchbay may not remove. */
export function keptForeignJails(p: Planner): string[] {
  return [...p.actual.stacks.entries()]
    .filter(([path, stack]) => stack.kind === 'jail' && !p.desired.stacks.has(path) && !p.guard.ownsJail(path))
    .map(([path]) => path);
}

/**
 * Actual interface keys that stay because a kept foreign jail needs them, each with the jail's path:
 * the jail's interfaces, the other ends of its epairs, and the bridges those ends are members of.
 */
export function heldByForeignJails(p: Planner): Map<string, string> {
  const held = new Map<string, string>();
  const jails = new Set(keptForeignJails(p));
  const peerEnds: IndexedInterface[] = [];
  for (const entry of p.actual.interfaces.values()) {
    if (!jails.has(entry.stackKey)) continue;
    held.set(entry.key, entry.stackKey);
    const peer = entry.iface.kind === 'epair' ? p.actual.byId.get(entry.iface.peer) : undefined;
    if (peer && !jails.has(peer.stackKey)) {
      held.set(peer.key, entry.stackKey);
      peerEnds.push(peer);
    }
  }
  for (const bridge of p.actual.interfaces.values()) {
    const { iface } = bridge;
    if (iface.kind !== 'bridge') continue;
    const end = peerEnds.find((e) => e.stackKey === bridge.stackKey && iface.members.includes(e.iface.id));
    if (end) held.set(bridge.key, held.get(end.key)!);
  }
  return held;
}

export function heldNote(key: string, peerKey: string | undefined, jail: string): string {
  const [what, verb, them] = peerKey
    ? [`${describeKey(key)} and its other end ${describeKey(peerKey)}`, 'stay', 'them']
    : [describeKey(key), 'stays', 'it'];
  return `${what} ${verb}: jail ${jail} stays (not made by Patchbay) and reaches its network through ${them}. Adopt ${jail} (adopt key "${jail}") to remove the jail and ${them}.`;
}
