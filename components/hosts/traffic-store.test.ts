import { describe, expect, it } from 'vitest';
import { createTrafficStore } from './traffic-store';

/** An interface receiving `bytesPerSecond` and sending half of it; the totals do not matter here. */
const rate = (bytesPerSecond: number) => ({
  rxBytes: '0',
  txBytes: '0',
  rxPackets: '0',
  txPackets: '0',
  rxBytesPerSecond: bytesPerSecond,
  txBytesPerSecond: bytesPerSecond / 2,
  rxPacketsPerSecond: 10,
  txPacketsPerSecond: 5,
});

describe('traffic store', () => {
  it('wakes the listeners of the keys whose numbers changed, and only those', () => {
    const traffic = createTrafficStore();
    const heard: string[] = [];
    traffic.onRate('host/ixl0', (r) => heard.push(`ixl0 ${r?.rxBytesPerSecond}`));
    const stop = traffic.onRate('www/epair2b', (r) => heard.push(`epair2b ${r?.rxBytesPerSecond}`));
    traffic.applySample({ seq: 1, time: 1000, interfaces: { 'host/ixl0': rate(100), 'www/epair2b': rate(50) } });
    traffic.applySample({ seq: 2, time: 3000, interfaces: { 'host/ixl0': rate(100), 'www/epair2b': rate(70) } });
    stop();
    traffic.applySample({ seq: 3, time: 5000, interfaces: { 'host/ixl0': rate(100), 'www/epair2b': rate(90) } });
    expect(heard).toEqual(['ixl0 100', 'epair2b 50', 'epair2b 70']);
    expect(traffic.rate('www/epair2b')?.rxBytesPerSecond).toBe(90);
    expect(traffic.store.getState()).toMatchObject({ lastTime: 5000, intervalMs: 2000 });
  });

  it('forgets what a revert removed: the rate, the history, the selection, and tells the cable', () => {
    const traffic = createTrafficStore();
    const heard: (number | null | undefined)[] = [];
    traffic.onRate('www/epair2b', (r) => heard.push(r?.rxBytesPerSecond));
    traffic.applySample({ seq: 1, time: 1000, interfaces: { 'host/ixl0': rate(100), 'www/epair2b': rate(50) } });
    traffic.store.setState({ selected: 'www/epair2b' });
    traffic.retain(new Set(['host/ixl0']));
    expect(heard).toEqual([50, undefined]);
    expect(traffic.rate('www/epair2b')).toBeUndefined();
    expect(traffic.series('www/epair2b')?.times).toEqual([]);
    expect(traffic.store.getState().selected).toBeNull();
    expect(traffic.rate('host/ixl0')?.rxBytesPerSecond).toBe(100);
    // Back again (a new apply), it counts afresh for the cable still listening.
    traffic.applySample({ seq: 2, time: 3000, interfaces: { 'www/epair2b': rate(70) } });
    expect(heard).toEqual([50, undefined, 70]);
  });

  it('ignores a replayed sample, so a resumed stream never counts twice', () => {
    const traffic = createTrafficStore();
    traffic.applySample({ seq: 1, time: 1000, interfaces: { a: rate(1) } });
    traffic.applySample({ seq: 2, time: 3000, interfaces: { a: rate(2) } });
    traffic.applySample({ seq: 2, time: 3000, interfaces: { a: rate(2) } });
    expect(traffic.series('a')!.times).toEqual([1, 3]);
    expect(traffic.series('a')!.rxBitsPerSecond).toEqual([8, 16]);
  });

  it('takes the samples of an agent that restarted and numbers them from 1 again', () => {
    const traffic = createTrafficStore();
    traffic.applySample({ seq: 40, time: 80_000, interfaces: { a: rate(1) } });
    traffic.applySample({ seq: 1, time: 95_000, interfaces: { a: rate(3) } });
    expect(traffic.series('a')!.times).toEqual([80, 95]);
    expect(traffic.store.getState().lastTime).toBe(95_000);
  });

  it('keeps a bounded history on one clock for every series', () => {
    const traffic = createTrafficStore(3);
    for (let seq = 1; seq <= 5; seq++)
      traffic.applySample({ seq, time: seq * 2000, interfaces: { a: rate(seq), b: rate(seq * 2) } });
    expect(traffic.series('a')!.times).toEqual([6, 8, 10]);
    expect(traffic.series('b')!.times).toEqual(traffic.series('a')!.times);
    expect(traffic.series('b')!.txBitsPerSecond).toEqual([24, 32, 40]);
    expect(traffic.series('b')!.txPacketsPerSecond).toEqual([5, 5, 5]);
  });
});
