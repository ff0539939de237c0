import { tracked } from '@trpc/server';
import { z } from 'zod';
import type { WireCounterSample, WireInterfaceCounters } from '../../../core/wire/counters';
import { EventId } from '../../../core/wire/inputs';
import { t, type CounterSample, type CounterSource } from '../trpc';

// Live interface counters: replay from a sequence number, then live samples.

/** One wire form per sample, however many subscribers send it. */
const wireForms = new WeakMap<CounterSample, WireCounterSample>();

function wireSample(sample: CounterSample): WireCounterSample {
  let wire = wireForms.get(sample);
  if (!wire) wireForms.set(sample, (wire = toWire(sample)));
  return wire;
}

/** bigint counters travel as decimal strings: JSON numbers lose precision above 2^53. */
function toWire(sample: CounterSample): WireCounterSample {
  const interfaces: Record<string, WireInterfaceCounters> = {};
  for (const [key, c] of Object.entries(sample.interfaces)) {
    interfaces[key] = {
      rxBytes: c.rxBytes.toString(),
      txBytes: c.txBytes.toString(),
      rxPackets: c.rxPackets.toString(),
      txPackets: c.txPackets.toString(),
      rxBytesPerSecond: c.rxBytesPerSecond,
      txBytesPerSecond: c.txBytesPerSecond,
      rxPacketsPerSecond: c.rxPacketsPerSecond,
      txPacketsPerSecond: c.txPacketsPerSecond,
    };
  }
  return { seq: sample.seq, time: sample.time, interfaces };
}

async function* samples(counters: CounterSource, sinceSeq: number | undefined, signal: AbortSignal | undefined) {
  const queue: CounterSample[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = counters.subscribe(
    (sample) => {
      queue.push(sample);
      wake?.();
    },
    sinceSeq === undefined ? {} : { sinceSeq },
  );
  // One abort listener wakes the loop; racing a long-lived promise each round would leak a reaction per sample.
  signal?.addEventListener('abort', () => wake?.(), { once: true });
  try {
    while (!signal?.aborted) {
      while (queue.length) yield queue.shift()!;
      if (signal?.aborted) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    unsubscribe();
  }
}

export const countersRouter = t.router({
  stream: t.procedure
    .input(z.strictObject({ lastEventId: EventId.nullish() }).optional())
    .subscription(async function* ({ ctx, input, signal }) {
      const since = input?.lastEventId ? Number(input.lastEventId) : undefined;
      for await (const sample of samples(ctx.counters, since, signal))
        yield tracked(String(sample.seq), wireSample(sample));
    }),
});
