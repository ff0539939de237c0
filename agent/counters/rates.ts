// Rates from two readings of 64-bit interface counters (docs/freebsd.md §3.2: netstat prints
// them as u_long, so they are read as bigint). The subtraction happens in bigint, and only the
// delta becomes a JS number: a counter near 2^64 would lose its low digits as a double, a delta
// of one tick does not.
//
// Counters only go down when the interface was destroyed and created again (§4), so a smaller
// reading means "no rate for this sample" rather than a negative rate or a 2^64 wrap spike.

/** The four counters a rate is taken from. */
export interface CounterReading {
  rxBytes: bigint;
  txBytes: bigint;
  rxPackets: bigint;
  txPackets: bigint;
}

/** (current - previous) / seconds, or null on a counter reset or a zero/negative/unknown interval. */
export function rate(previous: bigint, current: bigint, seconds: number): number | null {
  if (!Number.isFinite(seconds) || seconds <= 0) return null;
  if (current < previous) return null;
  return Number(current - previous) / seconds;
}
