import { abPartners, kernelEpairName } from '../../core/topology/cable';
import type { EpairEnd } from '../../core/topology/schema';
import type { ReadInterface } from './to-interfaces';

// Which two ends seen on the host (in any stack) are one epair, by what FreeBSD and Patchbay leave
// to go by, surest first:
// 1. the kernel's own names, epairNa ⇄ epairNb (if_epair.c names both ends of a unit so);
// 2. Patchbay's mark, which names the cable on both ends ("patchbay epair <a>/<b>", ownership.ts):
//    the end named <a> and the end named <b>, each carrying that same mark;
// 3. names that differ only in the one letter a ⇄ b at the same place, as Bastille and jib name
//    their ends (e0a_www ⇄ e0b_www) — taken only when exactly one such partner exists;
// 4. a hint: 13/14 give the b end the a end's MAC with 0b for 0a (if_epair.c epair_generate_mac),
//    and Patchbay gives its cables MACs of that shape on every release — again only when unique.
// Indexes are no clue: FreeBSD hands out the lowest free ifindex (sys/net/if.c ifindex_alloc), and
// epairs created side by side by parallel jail starts interleave. Ends left over are returned.

type Epair = ReadInterface & { iface: EpairEnd };

export function pairEpairs(ends: ReadInterface[]): ReadInterface[] {
  const epairs = ends.filter((e): e is Epair => e.iface.kind === 'epair');
  const unpaired = new Set(epairs);
  const byName = new Map<string, Epair[]>();
  for (const end of epairs) byName.set(end.iface.name, [...(byName.get(end.iface.name) ?? []), end]);
  const only = (candidates: Epair[] | undefined, self: Epair) => {
    const left = (candidates ?? []).filter((c) => c !== self && unpaired.has(c));
    return left.length === 1 ? left[0] : undefined;
  };
  const join = (a: Epair, b: Epair) => {
    Object.assign(a.iface, { peer: b.iface.id, end: 'a' });
    Object.assign(b.iface, { peer: a.iface.id, end: 'b' });
    unpaired.delete(a);
    unpaired.delete(b);
  };

  for (const end of epairs) {
    if (!unpaired.has(end)) continue;
    const kernel = kernelEpairName(end.iface.name);
    const peer = kernel?.end === 'a' ? only(byName.get(`epair${kernel.unit}b`), end) : undefined;
    if (peer) join(end, peer);
  }

  for (const end of epairs) {
    const { cable } = end;
    if (!unpaired.has(end) || !cable || end.iface.name !== cable.a) continue;
    const peer = only(
      (byName.get(cable.b) ?? []).filter((c) => c.cable?.a === cable.a && c.cable?.b === cable.b),
      end,
    );
    if (peer) join(end, peer);
  }

  const partners = (of: Epair) => abPartners(of.iface.name).flatMap((p) => byName.get(p.peer) ?? []);
  for (const end of epairs) {
    if (!unpaired.has(end)) continue;
    const peer = only(partners(end), end);
    // The partner must not have another candidate of its own, or the pairing is a guess.
    if (peer && only(partners(peer), peer) === end) {
      // The a end is the one with "a" where the two names differ.
      if (abPartners(end.iface.name).find((p) => p.peer === peer.iface.name)?.end === 'a') join(end, peer);
      else join(peer, end);
    }
  }

  const byMac = new Map<string, Epair[]>();
  for (const end of epairs) if (end.raw.ether) byMac.set(end.raw.ether, [...(byMac.get(end.raw.ether) ?? []), end]);
  for (const end of epairs) {
    const mac = end.raw.ether;
    if (!unpaired.has(end) || !mac || !/^02:/.test(mac) || !mac.endsWith(':0a')) continue;
    const peer = only(byMac.get(`${mac.slice(0, -2)}0b`), end);
    if (peer && only(byMac.get(mac), peer) === end) join(end, peer);
  }
  return [...unpaired];
}
