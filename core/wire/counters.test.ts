import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Agrees } from './bounds';
import { WireCounterSampleSchema, type InterfaceRates, type WireCounterSample } from './counters';

const sample: WireCounterSample = {
  seq: 3,
  time: 1_700_000_000_000,
  interfaces: {
    'host/ixl0': {
      rxBytes: '18446744073709551615',
      txBytes: '0',
      rxPackets: '12',
      txPackets: '7',
      rxBytesPerSecond: 1_250_000,
      txBytesPerSecond: 0,
      rxPacketsPerSecond: 6_000,
      txPacketsPerSecond: 0,
    },
    'www-jail/e0b_www': {
      rxBytes: '1',
      txBytes: '2',
      rxPackets: '3',
      txPackets: '4',
      rxBytesPerSecond: null,
      txBytesPerSecond: null,
      rxPacketsPerSecond: null,
      txPacketsPerSecond: null,
    },
  },
};

describe('the counter sample on the wire', () => {
  it('is described by its schema and its type alike (checked by tsc)', () => {
    expectTypeOf<Agrees<typeof WireCounterSampleSchema, WireCounterSample>>().toEqualTypeOf<true>();
    // A type the schema does not describe is told apart: the check can fail.
    expectTypeOf<
      Agrees<typeof WireCounterSampleSchema, { seq: number; time: number; interfaces: Record<string, InterfaceRates> }>
    >().not.toEqualTypeOf<true>();
  });

  it('passes a sample unchanged, totals above 2^53 as decimal strings and a first sighting as null rates', () => {
    expect(WireCounterSampleSchema.parse(sample)).toEqual(sample);
  });

  it('spells every rate with its unit: the short names of old are refused, not read as bits or bytes', () => {
    const { rxBytesPerSecond, txBytesPerSecond, rxPacketsPerSecond, txPacketsPerSecond, ...totals } =
      sample.interfaces['host/ixl0']!;
    void [rxBytesPerSecond, txBytesPerSecond, rxPacketsPerSecond, txPacketsPerSecond];
    const old = { ...sample, interfaces: { 'host/ixl0': { ...totals, rxBps: 1, txBps: 1, rxPps: 1, txPps: 1 } } };
    expect(WireCounterSampleSchema.safeParse(old).success).toBe(false);
  });

  it('refuses totals that are numbers (they lose precision) and negative rates', () => {
    const withNumber = { ...sample, interfaces: { a: { ...sample.interfaces['host/ixl0']!, rxBytes: 5 } } };
    const negative = { ...sample, interfaces: { a: { ...sample.interfaces['host/ixl0']!, txBytesPerSecond: -1 } } };
    expect(WireCounterSampleSchema.safeParse(withNumber).success).toBe(false);
    expect(WireCounterSampleSchema.safeParse(negative).success).toBe(false);
  });
});
