import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRate, rateLabel, rateLevel, rateStroke, strokeColour, strokeMoved } from './format';

describe('rate formatting', () => {
  it('shows bytes per second as bits per second with SI prefixes', () => {
    expect(formatRate(0, 'bits')).toBe('0 b/s');
    expect(formatRate(125, 'bits')).toBe('1.00 kb/s');
    expect(formatRate(1_250_000, 'bits')).toBe('10.0 Mb/s');
    expect(formatRate(1_250_000_000, 'bits')).toBe('10.0 Gb/s');
    expect(formatRate(6_000, 'packets')).toBe('6.00 kp/s');
    expect(formatRate(null, 'bits')).toBe('–');
  });

  it('labels both directions of a cable', () => {
    expect(
      rateLabel(
        { txBytesPerSecond: 1_000_000, rxBytesPerSecond: 125_000, txPacketsPerSecond: 800, rxPacketsPerSecond: 100 },
        'bits',
      ),
    ).toBe('↑ 8.00 Mb/s ↓ 1.00 Mb/s');
    expect(
      rateLabel(
        { txBytesPerSecond: 1_000_000, rxBytesPerSecond: 125_000, txPacketsPerSecond: 800, rxPacketsPerSecond: 100 },
        'packets',
      ),
    ).toBe('↑ 800 p/s ↓ 100 p/s');
    expect(rateLabel(undefined, 'bits')).toBe('no data');
  });

  it('grows the stroke with the rate and never shrinks it as traffic rises', () => {
    expect(rateStroke(undefined)).toEqual({ width: 2, colour: '#94a3b8', exactWidth: 2 });
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e10, noNaN: true }),
        fc.double({ min: 0, max: 1e10, noNaN: true }),
        (a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const rate = (bytesPerSecond: number) => ({
            txBytesPerSecond: bytesPerSecond,
            rxBytesPerSecond: 0,
            txPacketsPerSecond: 0,
            rxPacketsPerSecond: 0,
          });
          expect(rateLevel(rate(low))).toBeLessThanOrEqual(rateLevel(rate(high)));
          expect(rateStroke(rate(low)).width).toBeLessThanOrEqual(rateStroke(rate(high)).width);
          expect(rateLevel(rate(high))).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('strokeMoved', () => {
  it('redraws a cable only when its width moved a whole pixel', () => {
    expect(strokeMoved(5, 5.49)).toBe(false);
    expect(strokeMoved(5, 4.51)).toBe(false);
    expect(strokeMoved(5, 6)).toBe(true);
    expect(strokeMoved(5, 3.9)).toBe(true);
  });
});

describe('strokeColour', () => {
  it('is grey for an idle cable and warms up with the width', () => {
    expect(strokeColour(2)).toBe('#94a3b8');
    expect(strokeColour(3)).toBe('#22c55e');
    expect(strokeColour(10)).toBe('#ef4444');
  });
});
