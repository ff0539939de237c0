import type { EpairEnd } from '../../core/topology/schema';
import type { ReadInterface } from './to-interfaces';

/**
 * Finds the other end of every epair end seen on the host, across stacks: by kernel name
 * (epairNa ↔ epairNb), else by MAC (13/14 give the b end the a end's MAC with 0b for 0a, §2.4),
 * else by ifindex: if_epair attaches the a end and then the b end, so a pair holds two consecutive
 * indexes (our reading of if_epair.c epair_clone_create; not in the reference). That last rule is
 * what pairs renamed ends on 15, whose 58:9c:fc MACs say nothing. Ends left over are returned.
 */
export function pairEpairs(ends: ReadInterface[]): ReadInterface[] {
  const epairs = ends.filter((e): e is ReadInterface & { iface: EpairEnd } => e.iface.kind === 'epair');
  const byName = new Map(epairs.map((e) => [e.iface.name, e]));
  const byMac = new Map(epairs.flatMap((e) => (e.raw.ether ? [[e.raw.ether, e] as const] : [])));
  const byIndex = new Map(epairs.flatMap((e) => (e.linkIndex !== undefined ? [[e.linkIndex, e] as const] : [])));
  const unpaired: ReadInterface[] = [];
  for (const end of epairs) {
    const unit = /^epair([0-9]+)([ab])$/.exec(end.iface.name);
    let peer = unit ? byName.get(`epair${unit[1]}${unit[2] === 'a' ? 'b' : 'a'}`) : undefined;
    const mac = end.raw.ether;
    if (!peer && mac && /^02:/.test(mac) && /:0[ab]$/.test(mac)) {
      peer = byMac.get(`${mac.slice(0, -2)}${mac.endsWith('0a') ? '0b' : '0a'}`);
    }
    if (peer && peer !== end) end.iface.peer = peer.iface.id;
    else unpaired.push(end);
  }
  const stillUnpaired = new Set(unpaired);
  for (const end of unpaired) {
    if (!stillUnpaired.has(end) || end.linkIndex === undefined) continue;
    const next = byIndex.get(end.linkIndex + 1);
    if (!next || !stillUnpaired.has(next)) continue;
    Object.assign(end.iface, { peer: next.iface.id, end: 'a' });
    Object.assign(next.iface, { peer: end.iface.id, end: 'b' });
    stillUnpaired.delete(end);
    stillUnpaired.delete(next);
  }
  return [...stillUnpaired];
}
