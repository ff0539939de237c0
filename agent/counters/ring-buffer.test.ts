import { describe, expect, it } from 'vitest';
import { capacityFor, RingBuffer } from './ring-buffer';

const item = (seq: number) => ({ seq });
const seqs = (items: { seq: number }[]) => items.map((i) => i.seq);

describe('RingBuffer', () => {
  it('keeps the newest `capacity` items, oldest first', () => {
    const ring = new RingBuffer<{ seq: number }>(3);
    expect(ring.toArray()).toEqual([]);
    for (let seq = 1; seq <= 5; seq++) ring.push(item(seq));
    expect(seqs(ring.toArray())).toEqual([3, 4, 5]);
    expect(ring.length).toBe(3);
    expect(ring.newest()?.seq).toBe(5);
    expect(ring.at(0)?.seq).toBe(3);
    expect(ring.at(3)).toBeUndefined();
  });

  it('returns the items after a seq, for resuming', () => {
    const ring = new RingBuffer<{ seq: number }>(4);
    for (const seq of [2, 4, 6, 8, 10]) ring.push(item(seq));
    expect(seqs(ring.since(0))).toEqual([4, 6, 8, 10]);
    expect(seqs(ring.since(4))).toEqual([6, 8, 10]);
    expect(seqs(ring.since(5))).toEqual([6, 8, 10]);
    expect(seqs(ring.since(10))).toEqual([]);
    expect(seqs(ring.since(-Infinity))).toEqual([4, 6, 8, 10]);
  });

  it('refuses a seq that does not grow and a capacity that is not a positive integer', () => {
    const ring = new RingBuffer<{ seq: number }>(2);
    ring.push(item(1));
    expect(() => ring.push(item(1))).toThrow(RangeError);
    expect(() => new RingBuffer(0)).toThrow(RangeError);
    expect(() => new RingBuffer(1.5)).toThrow(RangeError);
  });

  it('is sized for ten minutes of samples, both ends included', () => {
    expect(capacityFor(2000)).toBe(301);
    expect(capacityFor(1000)).toBe(601);
    expect(capacityFor(3000)).toBe(201);
    expect(capacityFor(7000)).toBe(87);
    expect(capacityFor(10_000)).toBe(61);
  });
});
