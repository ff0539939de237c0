import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDemoHost } from '../emulator/demo-host';
import { CounterPoller, type CounterSample } from './poller';
import { netstatArgv } from './stack-reads';
import { demoRig, RecordingExecutor } from './test-support';

const seqs = (samples: readonly CounterSample[]) => samples.map((s) => s.seq);

describe('CounterPoller subscribers', () => {
  it('gives a late subscriber the history at once, then live samples with no gap or duplicate', async () => {
    const rig = demoRig();
    const early: CounterSample[] = [];
    rig.poller.subscribe((s) => early.push(s));
    for (let i = 0; i < 3; i++) await rig.step();

    const late: CounterSample[] = [];
    rig.poller.subscribe((s) => late.push(s));
    expect(seqs(late)).toEqual([1, 2, 3]); // synchronously, before any further tick
    for (let i = 0; i < 2; i++) await rig.step();

    expect(seqs(late)).toEqual([1, 2, 3, 4, 5]);
    // One sampling clock: both see the very same sample objects.
    expect(late).toEqual(early);
    late.forEach((sample, i) => expect(sample).toBe(early[i]));
  });

  it('resumes after the last seq a subscriber saw', async () => {
    const rig = demoRig();
    for (let i = 0; i < 4; i++) await rig.step();
    const resumed: CounterSample[] = [];
    rig.poller.subscribe((s) => resumed.push(s), { sinceSeq: 2 });
    await rig.step();
    expect(seqs(resumed)).toEqual([3, 4, 5]);

    const upToDate: CounterSample[] = [];
    rig.poller.subscribe((s) => upToDate.push(s), { sinceSeq: 5 });
    expect(upToDate).toEqual([]);
    // A seq from before an agent restart (beyond anything buffered) gets the whole history.
    const fromOldAgent: CounterSample[] = [];
    rig.poller.subscribe((s) => fromOldAgent.push(s), { sinceSeq: 9_999 });
    expect(seqs(fromOldAgent)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps only the last ten minutes of samples', async () => {
    const rig = demoRig({ intervalMs: 10_000 });
    for (let i = 0; i < 70; i++) await rig.step(10);
    const history = rig.poller.history();
    expect(history).toHaveLength(61);
    expect(history.at(-1)!.time - history[0]!.time).toBe(600_000);
    expect(seqs(history)).toEqual(Array.from({ length: 61 }, (_, i) => i + 10));
  });

  it('isolates a throwing listener and stops delivering after unsubscribe', async () => {
    const errors: unknown[] = [];
    const rig = demoRig({ onListenerError: (e) => errors.push(e) });
    const good: number[] = [];
    rig.poller.subscribe(() => {
      throw new Error('listener bug');
    });
    const unsubscribe = rig.poller.subscribe((s) => good.push(s.seq));
    await rig.step();
    await rig.step();
    unsubscribe();
    unsubscribe(); // twice is harmless
    await rig.step();
    expect(good).toEqual([1, 2]);
    expect(errors).toHaveLength(3); // the thrower stays subscribed
    expect(errors.every((e) => e instanceof Error && e.message === 'listener bug')).toBe(true);
    expect(rig.poller.subscriberCount).toBe(1);
  });

  it('does not repeat a sample to a subscriber that joins from inside a listener', async () => {
    const rig = demoRig();
    const nested: number[] = [];
    const unsubscribe = rig.poller.subscribe(() => {
      rig.poller.subscribe((s) => nested.push(s.seq));
      unsubscribe();
    });
    await rig.step();
    await rig.step();
    expect(nested).toEqual([1, 2]);
  });

  it('lets any number of subscribers share one poller: one netstat per tick for all of them', async () => {
    const rig = demoRig();
    const counts = Array.from({ length: 50 }, () => 0);
    counts.forEach((_, i) => rig.poller.subscribe(() => counts[i]!++));
    for (let i = 0; i < 3; i++) await rig.step();
    expect(counts.every((c) => c === 3)).toBe(true);
    expect(rig.executor.count(netstatArgv().join(' '))).toBe(3);
  });
});

describe('CounterPoller timer', () => {
  afterEach(() => vi.useRealTimers());

  function timed() {
    vi.useFakeTimers();
    const executor = new RecordingExecutor(createDemoHost());
    const poller = new CounterPoller({ executor });
    const hostReads = () => executor.count(netstatArgv().join(' '));
    return { poller, hostReads };
  }

  it('starts with the first subscriber, samples every interval, and stops when the last leaves', async () => {
    const { poller, hostReads } = timed();
    expect(poller.running).toBe(false);
    const first: number[] = [];
    const leaveFirst = poller.subscribe((s) => first.push(s.seq));
    const leaveSecond = poller.subscribe(() => {});
    expect(poller.running).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(first).toEqual([1]); // the first sample is taken at once
    await vi.advanceTimersByTimeAsync(6_000);
    expect(first).toEqual([1, 2, 3, 4]);
    const times = poller.history().map((s) => s.time);
    expect(times.slice(1).map((t, i) => t - times[i]!)).toEqual([2000, 2000, 2000]);

    leaveFirst();
    expect(poller.running).toBe(true);
    leaveSecond();
    expect(poller.running).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(hostReads()).toBe(4);
  });

  it('keeps sampling after start() until stop(), whoever comes and goes', async () => {
    const { poller, hostReads } = timed();
    poller.start();
    poller.subscribe(() => {})();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(poller.running).toBe(true);
    expect(hostReads()).toBe(3);
    poller.stop();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(hostReads()).toBe(3);
  });

  it('skips a beat rather than piling up netstats when a tick is slower than the interval', async () => {
    vi.useFakeTimers();
    const host = createDemoHost();
    let calls = 0;
    const slow = {
      kind: 'emulator' as const,
      run: async (request: Parameters<typeof host.run>[0]) => {
        if (request.argv[0] === 'netstat' && !request.argv.includes('-j')) {
          calls++;
          await new Promise((resolve) => setTimeout(resolve, 5_000));
        }
        return host.run(request);
      },
    };
    const poller = new CounterPoller({ executor: slow });
    poller.start();
    await vi.advanceTimersByTimeAsync(9_000);
    poller.stop();
    expect(calls).toBe(2); // at 0 s and at 6 s: the 2 s and 4 s beats found a tick still running
  });
});
