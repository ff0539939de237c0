import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localClock, secondsLeft } from './countdown';

describe('secondsLeft', () => {
  const deadline = Date.parse('2026-05-01T21:04:12.000Z');

  it('counts whole seconds up to the deadline, and 0 from it on', () => {
    expect(secondsLeft(deadline, deadline - 60_000)).toBe(60);
    expect(secondsLeft(deadline, deadline - 59_001)).toBe(60);
    expect(secondsLeft(deadline, deadline - 59_000)).toBe(59);
    expect(secondsLeft(deadline, deadline - 1)).toBe(1);
    expect(secondsLeft(deadline, deadline)).toBe(0);
    expect(secondsLeft(deadline, deadline + 5_000)).toBe(0);
  });

  it('never goes up: a clock read from before the last one cannot raise what is shown', () => {
    expect(secondsLeft(deadline, deadline - 69_000, 59)).toBe(59);
  });

  it('ticking at any times, in order, it only goes down, by one second per second elapsed at most', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3_000 }), { maxLength: 200 }), (gaps) => {
        let now = deadline - 60_000;
        let shown = secondsLeft(deadline, now);
        for (const gap of gaps) {
          now += gap;
          const next = secondsLeft(deadline, now, shown);
          expect(next).toBeLessThanOrEqual(shown);
          // A tick every ≤ 1 s never skips a number (69 → 59 was a stale clock, not time passing).
          if (gap <= 1_000) expect(shown - next).toBeLessThanOrEqual(1);
          shown = next;
        }
      }),
    );
  });
});

describe('localClock', () => {
  it('says the local time to the second on a 24-hour clock', () => {
    const at = new Date(2026, 4, 1, 21, 4, 12).getTime();
    expect(localClock(at)).toBe('21:04:12');
  });
});
