import { describe, expect, it } from 'vitest';
import type { IfconfigInterface } from '../freebsd/types';
import { pairEpairs } from './pair-epairs';
import { toInterface } from './to-interfaces';

function epairBlock(name: string, ether: string): IfconfigInterface {
  return { name, flagsHex: '8843', flags: ['UP'], metric: 0, mtu: 1500, ether, inet: [], inet6: [], groups: ['epair'] };
}

describe('pairEpairs', () => {
  it('pairs kernel names first, then 13/14 MACs, then consecutive ifindexes', () => {
    const ends = [
      toInterface('host', epairBlock('epair4a', '58:9c:fc:00:00:01'), 10),
      toInterface('jail:x', epairBlock('epair4b', '58:9c:fc:00:00:02'), 30),
      toInterface('host', epairBlock('left', '02:11:22:33:44:0a'), 40),
      toInterface('jail:y', epairBlock('right', '02:11:22:33:44:0b'), 12),
      toInterface('host', epairBlock('up', '58:9c:fc:aa:aa:aa'), 50),
      toInterface('jail:z', epairBlock('down', '58:9c:fc:bb:bb:bb'), 51),
    ];
    expect(pairEpairs(ends)).toEqual([]);
    const peerOf = Object.fromEntries(ends.map((e) => [e.iface.name, e.iface.kind === 'epair' ? `${e.iface.end} ${e.iface.peer}` : '']));
    expect(peerOf).toEqual({
      epair4a: 'a jail:x:epair4b',
      epair4b: 'b host:epair4a',
      left: 'a jail:y:right',
      right: 'b host:left',
      up: 'a jail:z:down',
      down: 'b host:up',
    });
  });

  it('returns the ends whose other end is nowhere to be seen', () => {
    const lonely = toInterface('host', epairBlock('e0a_gone', '58:9c:fc:00:00:09'), 7);
    const other = toInterface('host', epairBlock('e1a_far', '58:9c:fc:00:00:0c'), 20);
    expect(pairEpairs([lonely, other]).map((e) => e.iface.name)).toEqual(['e0a_gone', 'e1a_far']);
  });
});
