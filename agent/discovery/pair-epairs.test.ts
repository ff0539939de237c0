import { describe, expect, it } from 'vitest';
import type { IfconfigInterface } from '../freebsd/types';
import { pairEpairs } from './pair-epairs';
import { toInterface } from './to-interfaces';

function epairBlock(name: string, ether: string, description?: string): IfconfigInterface {
  return {
    name,
    flagsHex: '8843',
    flags: ['UP'],
    metric: 0,
    mtu: 1500,
    ether,
    inet: [],
    inet6: [],
    groups: ['epair'],
    ...(description ? { description } : {}),
  };
}

const peers = (ends: ReturnType<typeof toInterface>[]) =>
  Object.fromEntries(
    ends.map((e) => [`${e.iface.id}`, e.iface.kind === 'epair' ? `${e.iface.end} ${e.iface.peer}` : '']),
  );

describe('pairEpairs', () => {
  it('pairs kernel names, then Patchbay marks, then a/b names, then 13/14-shaped MACs', () => {
    const ends = [
      toInterface('host', epairBlock('epair4a', '58:9c:fc:00:00:01')),
      toInterface('jail:x', epairBlock('epair4b', '58:9c:fc:00:00:02')),
      // FreeBSD 15: unrelated MACs; the mark names the cable on both ends.
      toInterface('host', epairBlock('uplink', '58:9c:fc:aa:aa:aa', 'patchbay epair uplink/vnet0: db')),
      toInterface('jail:z', epairBlock('vnet0', '58:9c:fc:bb:bb:bb', 'patchbay epair uplink/vnet0')),
      // Bastille/jib style names, made by someone else.
      toInterface('host', epairBlock('e0a_web', '58:9c:fc:10:20:30')),
      toInterface('jail:web', epairBlock('e0b_web', '58:9c:fc:40:50:60')),
      toInterface('host', epairBlock('left', '02:11:22:33:44:0a')),
      toInterface('jail:y', epairBlock('right', '02:11:22:33:44:0b')),
    ];
    expect(pairEpairs(ends)).toEqual([]);
    expect(peers(ends)).toEqual({
      'host:epair4a': 'a jail:x:epair4b',
      'jail:x:epair4b': 'b host:epair4a',
      'host:uplink': 'a jail:z:vnet0',
      'jail:z:vnet0': 'b host:uplink',
      'host:e0a_web': 'a jail:web:e0b_web',
      'jail:web:e0b_web': 'b host:e0a_web',
      'host:left': 'a jail:y:right',
      'jail:y:right': 'b host:left',
    });
  });

  it('never pairs by consecutive indexes: FreeBSD reuses the lowest free one', () => {
    const up = toInterface('host', epairBlock('up', '58:9c:fc:aa:aa:aa'));
    const down = toInterface('jail:z', epairBlock('down', '58:9c:fc:bb:bb:bb'));
    expect(pairEpairs([up, down]).map((e) => e.iface.name)).toEqual(['up', 'down']);
  });

  it('leaves a guess alone: two candidates for one end pair neither', () => {
    const ends = [
      toInterface('host', epairBlock('e0a_x', '58:9c:fc:00:00:01')),
      toInterface('jail:p', epairBlock('e0b_x', '58:9c:fc:00:00:02')),
      toInterface('jail:q', epairBlock('e0b_x', '58:9c:fc:00:00:03')),
    ];
    expect(pairEpairs(ends).map((e) => e.iface.id)).toEqual(['host:e0a_x', 'jail:p:e0b_x', 'jail:q:e0b_x']);
  });

  it('returns the ends whose other end is nowhere to be seen', () => {
    const lonely = toInterface('host', epairBlock('e0a_gone', '58:9c:fc:00:00:09'));
    const other = toInterface('host', epairBlock('e1a_far', '58:9c:fc:00:00:0c'));
    expect(pairEpairs([lonely, other]).map((e) => e.iface.name)).toEqual(['e0a_gone', 'e1a_far']);
  });
});
