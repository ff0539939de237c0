import { createStore } from 'zustand/vanilla';
import type { Rate, RateUnit } from '../../core/traffic/format';

// Live counters for one host view. Rates are kept per counter key, and an entry is replaced only when
// its numbers change, so whatever watches one cable wakes up only for that cable. History lives
// beside the store (appended in place, one clock for every series) for sparklines and charts.

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
  rates: Record<string, Rate>;
  /** Agent time (ms) of the newest sample, and the sampling interval seen between samples. */
  lastTime: number | null;
  intervalMs: number | null;
  unit: RateUnit;
  /** The chart stops moving while paused; samples are still recorded. */
  paused: boolean;
  online: boolean | null;
  statusMessage: string;
  hovered: string | null;
  selected: string | null;
  /** Bumped on every sample, for views that read `history` directly. */
  historyVersion: number;
}

const sameRate = (a: Rate | undefined, b: Rate) => a !== undefined && a.rxBps === b.rxBps && a.txBps === b.txBps && a.rxPps === b.rxPps && a.txPps === b.txPps;

export function createTrafficStore(capacity = 300) {
  const history = new Map<string, Series>();
  let lastTime = -Infinity;
  const store = createStore<TrafficState>()(() => ({ rates: {}, lastTime: null, intervalMs: null, unit: 'bits', paused: false, online: null, statusMessage: 'Connecting…', hovered: null, selected: null, historyVersion: 0 }));

  function record(key: string, time: number, rate: Rate) {
    let series = history.get(key);
    if (!series) history.set(key, (series = { times: [], rxBps: [], txBps: [], rxPps: [], txPps: [] }));
    series.times.push(time / 1000);
    series.rxBps.push((rate.rxBps ?? 0) * 8);
    series.txBps.push((rate.txBps ?? 0) * 8);
    series.rxPps.push(rate.rxPps ?? 0);
    series.txPps.push(rate.txPps ?? 0);
    if (series.times.length > capacity) for (const values of Object.values(series)) values.splice(0, values.length - capacity);
  }

  return {
    store,
    history: history as ReadonlyMap<string, Series>,
    /**
     * Takes one sample; one no newer than the last is a replay and is ignored, so a resumed stream
     * never doubles. Time, not seq, decides: an agent that restarted numbers its samples from 1 again.
     */
    applySample(sample: WireSample) {
      if (sample.time <= lastTime) return;
      lastTime = sample.time;
      const previous = store.getState();
      let rates = previous.rates;
      let copied = false;
      for (const [key, wire] of Object.entries(sample.interfaces)) {
        const rate = { rxBps: wire.rxBps, txBps: wire.txBps, rxPps: wire.rxPps, txPps: wire.txPps };
        record(key, sample.time, rate);
        if (sameRate(rates[key], rate)) continue;
        if (!copied) [rates, copied] = [{ ...rates }, true];
        rates[key] = rate;
      }
      store.setState({ rates, lastTime: sample.time, intervalMs: previous.lastTime !== null && sample.time > previous.lastTime ? sample.time - previous.lastTime : previous.intervalMs, historyVersion: previous.historyVersion + 1 });
    },
    setStatus(online: boolean, statusMessage: string) {
      store.setState({ online, statusMessage });
    },
  };
}

export type TrafficStore = ReturnType<typeof createTrafficStore>;
