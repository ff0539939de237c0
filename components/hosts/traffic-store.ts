import { createStore } from 'zustand/vanilla';
import type { Rate, RateUnit } from '../../core/traffic/format';

// Live counters for one host view. Rates live outside React state, per counter key, with listeners per
// key: a sample wakes exactly the cables whose numbers changed, and nothing else (no per-tick copy of
// every rate, no subscriber that has to look and find nothing new). History lives beside them in
// fixed rings on one clock for sparklines and charts. The zustand store holds what views show about
// the stream (status, interval, last sample, unit, pause, hover, selection).

export interface WireSample {
  seq: number;
  time: number;
  interfaces: Record<string, Rate>;
}

export interface Series {
  times: number[];
  rxBps: number[];
  txBps: number[];
  rxPps: number[];
  txPps: number[];
}

export interface TrafficState {
  /** Agent time (ms) of the newest sample (it changes with every sample: views that show history
   *  re-render on it), and the sampling interval seen between samples. */
  lastTime: number | null;
  intervalMs: number | null;
  unit: RateUnit;
  /** Whether cable labels are drawn (not when zoomed out too far to read them). */
  labels: boolean;
  /** The chart stops moving while paused; samples are still recorded. */
  paused: boolean;
  online: boolean | null;
  statusMessage: string;
  hovered: string | null;
  selected: string | null;
}

const sameRate = (a: Rate | undefined, b: Rate) => a !== undefined && a.rxBps === b.rxBps && a.txBps === b.txBps && a.rxPps === b.rxPps && a.txPps === b.txPps;

const FIELDS = ['times', 'rxBps', 'txBps', 'rxPps', 'txPps'] as const;

/** One interface's history in fixed-size rings: recording a sample allocates and moves nothing. */
class Ring {
  private readonly columns: Float64Array[];
  private next = 0;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.columns = FIELDS.map(() => new Float64Array(capacity));
  }

  push(time: number, rate: Rate) {
    const [times, rxBps, txBps, rxPps, txPps] = this.columns as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    times[this.next] = time / 1000;
    rxBps[this.next] = (rate.rxBps ?? 0) * 8;
    txBps[this.next] = (rate.txBps ?? 0) * 8;
    rxPps[this.next] = rate.rxPps ?? 0;
    txPps[this.next] = rate.txPps ?? 0;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** Oldest first, as plain arrays (for the one or two series a view is showing). */
  read(): Series {
    const start = (this.next - this.size + this.capacity) % this.capacity;
    const column = (c: number) => Array.from({ length: this.size }, (_, i) => this.columns[c]![(start + i) % this.capacity]!);
    return { times: column(0), rxBps: column(1), txBps: column(2), rxPps: column(3), txPps: column(4) };
  }
}

export function createTrafficStore(capacity = 300) {
  // One entry per counter key, so a sample costs one lookup per interface.
  const entries = new Map<string, { ring: Ring; rate: Rate | undefined; listeners: Set<(rate: Rate) => void> | undefined }>();
  const entry = (key: string) => {
    let found = entries.get(key);
    if (!found) entries.set(key, (found = { ring: new Ring(capacity), rate: undefined, listeners: undefined }));
    return found;
  };
  const store = createStore<TrafficState>()(() => ({ lastTime: null, intervalMs: null, unit: 'bits', labels: true, paused: false, online: null, statusMessage: 'Connecting…', hovered: null, selected: null }));

  return {
    store,
    rate(key: string): Rate | undefined {
      return entries.get(key)?.rate;
    },
    /** Calls `listener` whenever the numbers of `key` change; returns the unsubscribe. */
    onRate(key: string, listener: (rate: Rate) => void): () => void {
      const found = entry(key);
      const set = (found.listeners ??= new Set());
      set.add(listener);
      return () => set.delete(listener);
    },
    /** The recorded history of one counter key, oldest first. */
    series(key: string): Series | undefined {
      return entries.get(key)?.ring.read();
    },
    /**
     * Takes one sample; one no newer than the last is a replay and is ignored, so a resumed stream
     * never doubles. Time, not seq, decides: an agent that restarted numbers its samples from 1 again.
     */
    applySample(sample: WireSample) {
      const previous = store.getState();
      if (previous.lastTime !== null && sample.time <= previous.lastTime) return;
      for (const key in sample.interfaces) {
        // Wire objects come from JSON.parse and are never changed, so they are kept as they are.
        const rate = sample.interfaces[key]!;
        const found = entry(key);
        found.ring.push(sample.time, rate);
        if (sameRate(found.rate, rate)) continue;
        found.rate = rate;
        if (found.listeners) for (const listener of found.listeners) listener(rate);
      }
      store.setState({ lastTime: sample.time, intervalMs: previous.lastTime === null ? null : sample.time - previous.lastTime });
    },
    setStatus(online: boolean, statusMessage: string) {
      store.setState({ online, statusMessage });
    },
  };
}

export type TrafficStore = ReturnType<typeof createTrafficStore>;
