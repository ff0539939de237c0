import { describe, expect, it } from 'vitest';
import { rate } from './rates';

const MAX_U64 = 2n ** 64n - 1n;

describe('rate', () => {
  it('is the delta per second', () => {
    expect(rate(1_000n, 17_000_000n + 1_000n, 2)).toBe(8_500_000);
    expect(rate(5n, 5n, 2)).toBe(0);
  });

  it('gives null, never a negative or a wrap spike, when the counter went down', () => {
    expect(rate(500n, 499n, 2)).toBeNull();
    expect(rate(MAX_U64, 0n, 2)).toBeNull();
  });

  it('is exact at the 2^64 - 1 boundary: the bigint delta becomes a number, not the counters', () => {
    expect(rate(MAX_U64 - 1n, MAX_U64, 1)).toBe(1);
    expect(rate(MAX_U64 - 16_000_000n, MAX_U64, 2)).toBe(8_000_000);
    // As doubles both counters would be 18446744073709551616 and the delta 0.
    expect(Number(MAX_U64 - 3n) === Number(MAX_U64)).toBe(true);
    expect(rate(MAX_U64 - 3n, MAX_U64, 1)).toBe(3);
  });

  it('gives null for an interval that is zero, negative or not a number', () => {
    expect(rate(0n, 10n, 0)).toBeNull();
    expect(rate(0n, 10n, -1)).toBeNull();
    expect(rate(0n, 10n, Number.NaN)).toBeNull();
    expect(rate(0n, 10n, Number.POSITIVE_INFINITY)).toBeNull();
  });
});
