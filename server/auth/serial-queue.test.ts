import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serial-queue';

describe('the serial queue', () => {
  it('runs tasks in order, one at a time, and goes on after a task throws', async () => {
    const queue = new SerialQueue(5);
    const order: string[] = [];
    const a = queue.run(async () => order.push('a'));
    const b = queue.run(async () => {
      throw new Error('b failed');
    });
    const c = queue.run(async () => order.push('c'));
    expect(queue.size).toBe(3);
    await a;
    await expect(b).rejects.toThrow('b failed');
    await c;
    expect(order).toEqual(['a', 'c']);
    expect(queue.size).toBe(0);
    expect(new SerialQueue(0).run(async () => 1)).toBeNull();
  });
});
