import { hashText } from '../text/hash';
import type { CableNames } from './ownership';
import type { EpairEnd, Interface, Topology } from './schema';

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

/** A kernel-form name taken apart (`epair3b` is unit "3", end b); undefined for any other name. */
export function kernelEpairName(name: string): { unit: string; end: 'a' | 'b' } | undefined {
  const match = KERNEL_EPAIR_NAME.exec(name);
  return match ? { unit: match[1]!, end: match[2] as 'a' | 'b' } : undefined;
}

/**
 * Why Patchbay must not make `cable`: the first of its ends (a, then b) named in the kernel's own
 * form, which would block that unit for every later `ifconfig epair create`; undefined when neither is.
 */
export function kernelNameProblem(cable: CableNames): string | undefined {
  return [cable.a, cable.b].find(isKernelEpairName);
}

/**
 * The cables a name could be one end of by the a ⇄ b rule, as Bastille and jib name their ends
 * (e0a_www ⇄ e0b_www): for each a or b in `name`, the other end's name (that letter swapped), which
 * end `name` would be, and the cable's short name (`name` without that letter: e0_www).
 */
export function abPartners(name: string): { peer: string; end: 'a' | 'b'; short: string }[] {
  const out: { peer: string; end: 'a' | 'b'; short: string }[] = [];
  for (let i = 0; i < name.length; i++) {
    const letter = name[i];
    if (letter !== 'a' && letter !== 'b') continue;
    const [before, after] = [name.slice(0, i), name.slice(i + 1)];
    out.push({ peer: `${before}${letter === 'a' ? 'b' : 'a'}${after}`, end: letter, short: `${before}${after}` });
  }
  return out;
}

/** Where to find an interface by id: a whole topology (searched stack by stack), or an index of one. */
export type InterfaceLookup = Topology | ((id: string) => Interface | undefined);

function findInterface(where: InterfaceLookup, id: string): Interface | undefined {
  if (typeof where === 'function') return where(id);
  for (const stack of where.stacks) {
    const found = stack.interfaces.find((i) => i.id === id);
    if (found) return found;
  }
  return undefined;
}

/** The cable `end` belongs to, by its ends' names; undefined when its peer is not in `where`. */
export function cableOf(where: InterfaceLookup, end: EpairEnd): CableNames | undefined {
  const peer = findInterface(where, end.peer);
  if (!peer) return undefined;
  return end.end === 'a' ? { a: end.name, b: peer.name } : { a: peer.name, b: end.name };
}

/** The cable of `iface` when it is an epair end (cableOf), else undefined. */
export function cableOfInterface(where: InterfaceLookup, iface: Interface): CableNames | undefined {
  return iface.kind === 'epair' ? cableOf(where, iface) : undefined;
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

/**
 * The MAC Patchbay gives `iface` when it makes it: the design's, else, for an epair end of a known
 * `cable`, the one derived for that cable (cableMac); undefined when neither applies.
 */
export function designedMac(hostname: string, iface: Interface, cable: CableNames | undefined): string | undefined {
  if (iface.mac !== undefined) return iface.mac;
  return iface.kind === 'epair' && cable ? cableMac(hostname, cable, iface.end) : undefined;
}
