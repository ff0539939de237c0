import { describe, expect, it } from 'vitest';
import { facingAnchors, facingSides, rowEnds, sideMiddle, type Box } from './facing-sides';

const loopback: Box = { x: 100, y: 100, width: 200, height: 80 };
const jail = (x: number, y: number): Box => ({ x, y, width: 248, height: 120 });

describe('facingSides', () => {
  it('joins a box to the right right-to-left, as the fixed handles did', () => {
    expect(facingSides(loopback, jail(500, 90))).toEqual({ source: 'right', target: 'left' });
  });

  it('joins a box to the left left-to-right instead of looping round', () => {
    expect(facingSides(loopback, jail(-400, 110))).toEqual({ source: 'left', target: 'right' });
  });

  it('joins a box below bottom-to-top and a box above top-to-bottom', () => {
    expect(facingSides(loopback, jail(80, 300))).toEqual({ source: 'bottom', target: 'top' });
    expect(facingSides(jail(80, 300), loopback)).toEqual({ source: 'top', target: 'bottom' });
  });

  it('judges beside or below by the gap between edges, not by the centres', () => {
    // Centres 300 across and 200 down, but the boxes overlap across and are 100 apart down: below.
    const wide: Box = { x: 0, y: 0, width: 700, height: 100 };
    const under: Box = { x: 250, y: 200, width: 100, height: 50 };
    expect(facingSides(wide, under)).toEqual({ source: 'bottom', target: 'top' });
  });

  it('is the mirror image when source and target swap', () => {
    for (const other of [jail(500, 90), jail(-400, 110), jail(80, 300), jail(60, -200), jail(400, 400)]) {
      const there = facingSides(loopback, other);
      expect(facingSides(other, loopback)).toEqual({ source: there.target, target: there.source });
    }
  });
});

describe('facingAnchors', () => {
  it('meets each box in the middle of the facing side', () => {
    expect(facingAnchors(loopback, jail(80, 300))).toEqual({
      source: { side: 'bottom', x: 200, y: 180 },
      target: { side: 'top', x: 204, y: 300 },
    });
  });

  it('gives points on the box outline for every side', () => {
    expect(['left', 'right', 'top', 'bottom'].map((side) => sideMiddle(loopback, side as never))).toEqual([
      { side: 'left', x: 100, y: 140 },
      { side: 'right', x: 300, y: 140 },
      { side: 'top', x: 200, y: 100 },
      { side: 'bottom', x: 200, y: 180 },
    ]);
  });
});

describe('rowEnds', () => {
  const bridgeRow = { x: 532, y: 170, width: 232 };
  it('keeps right-to-left when the target lies to the right', () => {
    expect(rowEnds(bridgeRow, { x: 700, y: 400, width: 248 })).toEqual({
      source: { x: 532, y: 170, side: 'right' },
      target: { x: 700, y: 400, side: 'left' },
    });
  });

  it('goes left-to-right on the same rows when the target lies wholly to the left', () => {
    expect(rowEnds(bridgeRow, { x: -100, y: 400, width: 248 })).toEqual({
      source: { x: 300, y: 170, side: 'left' },
      target: { x: 148, y: 400, side: 'right' },
    });
  });

  it('keeps the usual sides when the boxes overlap across', () => {
    const under = { x: 400, y: 400, width: 248 };
    expect(rowEnds(bridgeRow, under).source.side).toBe('right');
  });
});
