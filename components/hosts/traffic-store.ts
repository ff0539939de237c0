import { createStore } from 'zustand/vanilla';
import type { RateUnit } from '../../core/traffic/format';
import type { InterfaceRates, WireCounterSample } from '../../core/wire/counters';

// Live counters for one host view. Rates live outside React state, per counter key, with listeners per
// key: a sample wakes exactly the cables whose numbers changed, and nothing else (no per-tick copy of
// every rate, no subscriber that has to look and find nothing new). History lives beside them in
// fixed rings on one clock for sparklines and charts. The zustand store holds what views show about
// the stream (status, interval, last sample, unit, pause, hover, selection).

/** One interface's history, oldest first, for charts: seconds on the agent's clock, bits and packets per second. */
export interface Series {
  times: number[];
  rxBitsPerSecond: number[];
  txBitsPerSecond: number[];
  rxPacketsPerSecond: number[];
  txPacketsPerSecond: number[];
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

const sameRate = (a: InterfaceRates | undefined, b: InterfaceRates) =>
  a !== undefined &&
  a.rxBytesPerSecond === b.rxBytesPerSecond &&
  a.txBytesPerSecond === b.txBytesPerSecond &&
  a.rxPacketsPerSecond === b.rxPacketsPerSecond &&
  a.txPacketsPerSecond === b.txPacketsPerSecond;

const FIELDS = ['times', 'rxBitsPerSecond', 'txBitsPerSecond', 'rxPacketsPerSecond', 'txPacketsPerSecond'] as const;

/** One interface's history in fixed-size rings: recording a sample allocates and moves nothing. */
class Ring {
  private readonly columns: Float64Array[];
  private next = 0;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.columns = FIELDS.map(() => new Float64Array(capacity));
  }

  push(time: number, rate: InterfaceRates) {
    const [times, rxBits, txBits, rxPackets, txPackets] = this.columns as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    times[this.next] = time / 1000;
    rxBits[this.next] = (rate.rxBytesPerSecond ?? 0) * 8;
    txBits[this.next] = (rate.txBytesPerSecond ?? 0) * 8;
    rxPackets[this.next] = rate.rxPacketsPerSecond ?? 0;
    txPackets[this.next] = rate.txPacketsPerSecond ?? 0;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** Oldest first, as plain arrays (for the one or two series a view is showing). */
  read(): Series {
    const start = (this.next - this.size + this.capacity) % this.capacity;
    const column = (c: number) =>
      Array.from({ length: this.size }, (_, i) => this.columns[c]![(start + i) % this.capacity]!);
    return {
      times: column(0),
      rxBitsPerSecond: column(1),
      txBitsPerSecond: column(2),
      rxPacketsPerSecond: column(3),
      txPacketsPerSecond: column(4),
    };
  }
}

export function createTrafficStore(capacity = 300) {
  // One entry per counter key, so a sample costs one lookup per interface.
  const entries = new Map<
    string,
    {
      ring: Ring;
      rate: InterfaceRates | undefined;
      listeners: Set<(rate: InterfaceRates | undefined) => void> | undefined;
    }
  >();
  const entry = (key: string) => {
    let found = entries.get(key);
    if (!found) entries.set(key, (found = { ring: new Ring(capacity), rate: undefined, listeners: undefined }));
    return found;
  };
  const store = createStore<TrafficState>()(() => ({
    lastTime: null,
    intervalMs: null,
    unit: 'bits',
    labels: true,
    paused: false,
    online: null,
    statusMessage: 'Connecting…',
    hovered: null,
    selected: null,
  }));

  return {
    store,
    rate(key: string): InterfaceRates | undefined {
      return entries.get(key)?.rate;
    },
    /** Calls `listener` whenever the numbers of `key` change; returns the unsubscribe. */
    onRate(key: string, listener: (rate: InterfaceRates | undefined) => void): () => void {
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
    applySample(sample: WireCounterSample) {
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
      store.setState({
        lastTime: sample.time,
        intervalMs: previous.lastTime === null ? null : sample.time - previous.lastTime,
      });
    },
    /**
     * Forgets the numbers and history of every key not in `keys` (the interfaces the host has now):
     * after a revert removed an interface, its last rate must not linger on a cable drawn in its
     * place. Its listeners hear `undefined` (no traffic) and stay, should the interface come back.
     */
    retain(keys: ReadonlySet<string>) {
      for (const [key, found] of entries) {
        if (keys.has(key)) continue;
        if (!found.listeners?.size) {
          entries.delete(key);
          continue;
        }
        found.ring = new Ring(capacity);
        if (found.rate === undefined) continue;
        found.rate = undefined;
        for (const listener of found.listeners) listener(undefined);
      }
      const { selected, hovered } = store.getState();
      if ((selected && !keys.has(selected)) || (hovered && !keys.has(hovered)))
        store.setState({
          ...(selected && !keys.has(selected) ? { selected: null } : {}),
          ...(hovered && !keys.has(hovered) ? { hovered: null } : {}),
        });
    },
    setStatus(online: boolean, statusMessage: string) {
      store.setState({ online, statusMessage });
    },
  };
}

export type TrafficStore = ReturnType<typeof createTrafficStore>;
