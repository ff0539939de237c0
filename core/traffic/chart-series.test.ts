import { describe, expect, it } from 'vitest';
import { typicalStep, withGaps } from './chart-series';

describe('withGaps', () => {
  it('leaves an unbroken history as it is', () => {
    expect(withGaps([1, 2, 3], [[10, 20, 30]], 1)).toEqual({ times: [1, 2, 3], values: [[10, 20, 30]] });
  });

  it('breaks the line where the interface was missing, in every series at the same time', () => {
    const gapped = withGaps(
      [1, 2, 3, 10, 11],
      [
        [5, 5, 5, 7, 7],
        [1, 1, 1, 2, 2],
      ],
      1,
    );
    expect(gapped.times).toEqual([1, 2, 3, 4, 10, 11]);
    expect(gapped.values).toEqual([
      [5, 5, 5, null, 7, 7],
      [1, 1, 1, null, 2, 2],
    ]);
  });

  it('reads the step from the samples when the stream has not said it, so a hole does not hide itself', () => {
    const gapped = withGaps([0, 2, 4, 6, 20, 22], [[1, 1, 1, 1, 1, 1]]);
    expect(gapped.times).toEqual([0, 2, 4, 6, 8, 20, 22]);
    expect(gapped.values[0]![4]).toBeNull();
  });

  it('tolerates jitter in the sampling clock', () => {
    expect(withGaps([0, 1.2, 2.1, 3.4], [[1, 2, 3, 4]], 1).times).toEqual([0, 1.2, 2.1, 3.4]);
  });

  it('draws nothing from nothing, and one sample as one point', () => {
    expect(withGaps([], [[], []])).toEqual({ times: [], values: [[], []] });
    expect(withGaps([5], [[9]])).toEqual({ times: [5], values: [[9]] });
  });
});

describe('typicalStep', () => {
  it('is the median step, so one long hole does not stretch it', () => {
    expect(typicalStep([0, 1, 2, 3, 50])).toBe(1);
    expect(typicalStep([7])).toBeNull();
  });
});
