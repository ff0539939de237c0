// Remembers each stack's previous reading so every tick can turn counters into rates.
import type { InterfaceCounters } from '../freebsd/types';
import type { InterfaceRates } from '../../core/wire/counters';
import { rate, type CounterReading } from './rates';

export interface InterfaceSample extends CounterReading, InterfaceRates {}

interface StackReading {
  /** One time for the whole stack: it comes from a single netstat call. */
  time: number;
  byName: Map<string, InterfaceCounters>;
}

export class RateTracker {
  private readonly stacks = new Map<string, StackReading>();

  /**
   * @param staleAfterMs a previous reading older than this gives no rate: averaged over a long hole
   *   (poller stopped, host unreachable) the chart would show a flat line that never happened.
   */
  constructor(private readonly staleAfterMs: number) {}

  /**
   * Adds `<stack>/<ifname>` samples for one stack read at `time` (ms) to `into`, and makes this read
   * the stack's previous one. Interfaces missing from it have vanished and are forgotten (§3.4).
   * Returns whether the stack's set of interface names changed since its previous reading.
   */
  record(
    stack: string,
    counters: readonly InterfaceCounters[],
    time: number,
    into: Record<string, InterfaceSample>,
  ): boolean {
    const previous = this.stacks.get(stack);
    const seconds =
      previous !== undefined && time - previous.time <= this.staleAfterMs ? (time - previous.time) / 1000 : Number.NaN;
    const byName = new Map<string, InterfaceCounters>();
    let namesChanged = false;
    for (const current of counters) {
      byName.set(current.name, current);
      const before = previous?.byName.get(current.name);
      if (previous !== undefined && before === undefined) namesChanged = true;
      into[`${stack}/${current.name}`] = sampleOf(Number.isNaN(seconds) ? undefined : before, current, seconds);
    }
    this.stacks.set(stack, { time, byName });
    // No name is new, so the sets differ only if one vanished.
    return namesChanged || (previous !== undefined && previous.byName.size !== byName.size);
  }

  /** Forgets stacks that are gone (a jail removed), so a later jail of the same name starts fresh. */
  retainOnly(stacks: ReadonlySet<string>): void {
    for (const stack of [...this.stacks.keys()]) if (!stacks.has(stack)) this.stacks.delete(stack);
  }
}

/**
 * One interface's sample. No rates without a comparable previous reading: none, a different ifindex
 * under the same name (a different ifnet), or any counter lower than before. Counters only go down
 * when the interface was destroyed and created again (docs/freebsd.md §4), and then a counter
 * that happens to be higher is no more trustworthy than the ones that dropped.
 * (A flat object literal rather than spreads: this runs for every interface on every tick.)
 */
function sampleOf(before: InterfaceCounters | undefined, current: InterfaceCounters, seconds: number): InterfaceSample {
  const comparable =
    before !== undefined &&
    before.linkIndex === current.linkIndex &&
    current.receivedBytes >= before.receivedBytes &&
    current.sentBytes >= before.sentBytes &&
    current.receivedPackets >= before.receivedPackets &&
    current.sentPackets >= before.sentPackets;
  return {
    rxBytes: current.receivedBytes,
    txBytes: current.sentBytes,
    rxPackets: current.receivedPackets,
    txPackets: current.sentPackets,
    rxBytesPerSecond: comparable ? rate(before.receivedBytes, current.receivedBytes, seconds) : null,
    txBytesPerSecond: comparable ? rate(before.sentBytes, current.sentBytes, seconds) : null,
    rxPacketsPerSecond: comparable ? rate(before.receivedPackets, current.receivedPackets, seconds) : null,
    txPacketsPerSecond: comparable ? rate(before.sentPackets, current.sentPackets, seconds) : null,
  };
}
