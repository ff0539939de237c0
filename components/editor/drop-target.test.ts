import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxUnder, droppedCable, type PlacedBox } from './drop-target';

const host: PlacedBox = { id: 'host', kind: 'host', x: 0, y: 0, width: 600, height: 400 };
const bridge: PlacedBox = { id: 'host:bridge0', kind: 'bridge', x: 40, y: 60, width: 232, height: 120 };
const jail: PlacedBox = { id: 'jail-web', kind: 'jail', x: 800, y: 40, width: 248, height: 108 };

describe('boxUnder', () => {
  it('finds the box under the pointer anywhere inside it, not only on its dot', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (u, v) => {
        const point = { x: jail.x + u * jail.width, y: jail.y + v * jail.height };
        expect(boxUnder(point, [host, bridge, jail], 'host:bridge0')).toBe('jail-web');
      }),
    );
  });

  it('takes the innermost box, never the host itself nor the box the cable came from', () => {
    expect(boxUnder({ x: 100, y: 100 }, [host, bridge, jail], 'jail-web')).toBe('host:bridge0');
    expect(boxUnder({ x: 500, y: 300 }, [host, bridge, jail], 'jail-web')).toBeUndefined();
    expect(boxUnder({ x: 900, y: 100 }, [host, bridge, jail], 'jail-web')).toBeUndefined();
    expect(boxUnder({ x: 700, y: 100 }, [host, bridge, jail], 'host:bridge0')).toBeUndefined();
  });
});

describe('droppedCable', () => {
  it('runs from the dot dragged to the box, turned around from an incoming dot', () => {
    expect(droppedCable('host:em0', 'source', 'lan')).toEqual({ source: 'host:em0', target: 'lan' });
    expect(droppedCable('lan', 'target', 'host:em0')).toEqual({ source: 'host:em0', target: 'lan' });
  });
});
