import { hashText } from '../plan/hash';
import type { CableNames } from './ownership';
import type { EpairEnd, Topology } from './schema';

// A cable is an epair, known by what it connects: the names of its two ends. Patchbay makes every
// cable with `ifconfig epair create` and renames both ends (as Bastille's lib/network.sh and jib do),
// never by asking for a unit number (docs/freebsd.md §1.1): a fixed unit collides with any other
// tool creating epairs, and a name of the kernel's own form `epairNa` can block the kernel's next
// unit for everyone (if_epair.c epair_handle_unit refuses a unit whose a or b name exists, EEXIST).

/** The kernel's own names for epair ends: `epair<unit>a` / `epair<unit>b`. */
export const KERNEL_EPAIR_NAME = /^epair([0-9]+)([ab])$/;

export function isKernelEpairName(name: string): boolean {
  return KERNEL_EPAIR_NAME.test(name);
}

/** The cable `end` belongs to, by its ends' names; undefined when its peer is not in `topology`. */
export function cableOf(topology: Topology, end: EpairEnd): CableNames | undefined {
  for (const stack of topology.stacks) {
    const peer = stack.interfaces.find((i) => i.id === end.peer);
    if (peer) return end.end === 'a' ? { a: end.name, b: peer.name } : { a: peer.name, b: end.name };
  }
  return undefined;
}

/**
 * The MAC Patchbay gives an end it creates when the design names none: locally administered
 * (02:), four bytes from the host's name and the cable's, and 0a/0b for the end — the shape 13/14's
 * kernel gives epairs (if_epair.c epair_generate_mac), kept on 15 too so the ends stay recognisable.
 * The same cable on the same host always gets the same MACs, so a jail restarted from its
 * jail.conf keeps its MAC (neighbours' ARP caches, DHCP reservations), as jib and Bastille intend.
 */
export function cableMac(hostname: string, cable: CableNames, end: 'a' | 'b'): string {
  const hash = hashText(`${hostname}\u0000${cable.a}\u0000${cable.b}`).slice(-8);
  const bytes = hash.match(/../g)!;
  return ['02', ...bytes, end === 'a' ? '0a' : '0b'].join(':');
}
