// A fixed-capacity ring of samples, oldest first. Subscribers that arrive late get the buffered
// history at once (docs/architecture.md, design rules: "Counters"), and a reconnecting one resumes after the last seq
// it saw.

/** Enough slots for `windowMs` of samples taken every `intervalMs` (both ends included). */
export function capacityFor(intervalMs: number, windowMs = 600_000): number {
  return Math.ceil(windowMs / intervalMs) + 1;
}

export class RingBuffer<T extends { readonly seq: number }> {
  private readonly slots: (T | undefined)[];
  /** Index of the oldest item. */
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.slots = new Array<T | undefined>(capacity).fill(undefined);
  }

  get length(): number {
    return this.count;
  }

  /** The i-th item, oldest first. */
  at(i: number): T | undefined {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) return undefined;
    return this.slots[(this.head + i) % this.capacity];
  }

  newest(): T | undefined {
    return this.at(this.count - 1);
  }

  /** O(1); overwrites the oldest item when full. seq must grow, so since() can binary-search. */
  push(item: T): void {
    const newest = this.newest();
    if (newest !== undefined && item.seq <= newest.seq)
      throw new RangeError(`seq must increase: ${item.seq} after ${newest.seq}`);
    if (this.count < this.capacity) {
      this.slots[(this.head + this.count) % this.capacity] = item;
      this.count++;
    } else {
      this.slots[this.head] = item;
      this.head = (this.head + 1) % this.capacity;
    }
  }

  toArray(): T[] {
    return this.range(0);
  }

  /** Items with a seq greater than `seq`, oldest first. */
  since(seq: number): T[] {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.at(middle)?.seq ?? Infinity) > seq) high = middle;
      else low = middle + 1;
    }
    return this.range(low);
  }

  private range(from: number): T[] {
    const items: T[] = [];
    for (let i = from; i < this.count; i++) {
      const item = this.at(i);
      if (item !== undefined) items.push(item);
    }
    return items;
  }
}
