import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frameFor, toDrawing, toMinimap, unionOf, visibleRect } from './minimap-geometry';

describe('minimap geometry', () => {
  it('reads the visible part of the drawing from the transform', () => {
    expect(visibleRect([-200, -100, 2], 800, 600)).toEqual({ x: 100, y: 50, width: 400, height: 300 });
  });

  it('frames everything inside the minimap, centred, and maps points back exactly', () => {
    const rect = fc.record({
      x: fc.integer({ min: -5000, max: 5000 }),
      y: fc.integer({ min: -5000, max: 5000 }),
      width: fc.integer({ min: 1, max: 4000 }),
      height: fc.integer({ min: 1, max: 4000 }),
    });
    fc.assert(
      fc.property(fc.array(rect, { minLength: 1, maxLength: 20 }), (rects) => {
        const content = unionOf(rects)!;
        const frame = frameFor(content, 160, 110, 6);
        for (const r of rects) {
          const m = toMinimap(frame, r);
          expect(m.x).toBeGreaterThanOrEqual(6 - 1e-6);
          expect(m.y).toBeGreaterThanOrEqual(6 - 1e-6);
          expect(m.x + m.width).toBeLessThanOrEqual(154 + 1e-6);
          expect(m.y + m.height).toBeLessThanOrEqual(104 + 1e-6);
          const back = toDrawing(frame, { x: m.x, y: m.y });
          expect(back.x).toBeCloseTo(r.x, 6);
          expect(back.y).toBeCloseTo(r.y, 6);
        }
        // Centred: equal slack on both sides of the limiting axis' cross axis.
        const whole = toMinimap(frame, content);
        expect(whole.x).toBeCloseTo(160 - whole.x - whole.width, 6);
        expect(whole.y).toBeCloseTo(110 - whole.y - whole.height, 6);
      }),
    );
  });

  it('has nothing to frame without boxes', () => {
    expect(unionOf([])).toBeNull();
  });
});
