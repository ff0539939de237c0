import { z } from 'zod';

// Live interface counters as they travel: agent → dashboard server (counters.stream) → browser
// (hosts.counters). Every rate field spells its unit; a bit rate is something only a view computes.
// Types, not interfaces: an interface has no index signature, so it would not fit the loose schemas.

/** The host's own stack: the prefix of its interfaces' counter keys ("host/ixl0"); a jail's is its dotted path. */
export const HOST_STACK = 'host';

/** Per second; null when no honest rate exists for this sample (first sighting, a counter reset). */
export type InterfaceRates = {
  rxBytesPerSecond: number | null;
  txBytesPerSecond: number | null;
  rxPacketsPerSecond: number | null;
  txPacketsPerSecond: number | null;
};

/** One interface in one sample. The totals are decimal strings: JSON numbers lose precision above 2^53. */
export type WireInterfaceCounters = InterfaceRates & {
  rxBytes: string;
  txBytes: string;
  rxPackets: string;
  txPackets: string;
};

/** One tick of the agent's poller, as counters.stream sends it (tracked by its seq). */
export type WireCounterSample = {
  /** Strictly increasing per agent run; an agent that restarted numbers from 1 again. */
  seq: number;
  /** When the tick started, in ms of the agent's clock. */
  time: number;
  /** Keyed `host/<ifname>` or `<jail>/<ifname>`; a vanished interface simply stops appearing. */
  interfaces: Record<string, WireInterfaceCounters>;
};

/**
 * What the dashboard relays to the browser: samples (tracked by the agent's seq) and whether the agent is reachable.
 */
export type CounterStreamEvent =
  { type: 'sample'; id: string; sample: WireCounterSample } | { type: 'status'; online: boolean; message: string };

const Decimal = z.string().regex(/^[0-9]{1,40}$/);
const PerSecond = z.number().min(0).nullable();

/** Checks an agent's sample; loose, so a newer agent's extra fields pass through. */
export const WireCounterSampleSchema = z.looseObject({
  seq: z.number().int().min(0),
  time: z.number(),
  interfaces: z.record(
    z.string().max(400),
    z.looseObject({
      rxBytes: Decimal,
      txBytes: Decimal,
      rxPackets: Decimal,
      txPackets: Decimal,
      rxBytesPerSecond: PerSecond,
      txBytesPerSecond: PerSecond,
      rxPacketsPerSecond: PerSecond,
      txPacketsPerSecond: PerSecond,
    }),
  ),
});
