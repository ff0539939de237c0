// Benchmark of one poller tick on a big host: 2,000 interfaces in one netstat, 100 subscribers.
// Not a test: `npm run bench` calls benchCounterTick() and prints msPerTick against the baseline,
// JSON.parse of the same text in the same run, so the ratio holds on any machine.
import type { Executor } from '../executor/types';
import { CounterPoller } from './poller';
import { formatNetstatLibxo, type SyntheticInterface } from '../freebsd/netstat-format';

export interface CounterTickBenchOptions {
  interfaces?: number;
  subscribers?: number;
  ticks?: number;
  /** Untimed ticks first, so the JIT has settled before the clock runs. */
  warmupTicks?: number;
}

export interface CounterTickBenchResult {
  /** Mean time of poller.tickOnce(): netstat text → parsed → rates → buffered → every subscriber. */
  msPerTick: number;
  /** Mean time of JSON.parse of the same netstat texts: the floor any reader of this output pays. */
  baselineMsPerTick: number;
  interfaces: number;
  subscribers: number;
  ticks: number;
  /** Bytes of netstat output per tick. */
  textBytes: number;
}

const INTERVAL_MS = 2000;
const ABOVE_2_32 = 2n ** 32n;

/**
 * A host of bridges and epair pairs; some carry addresses, so the text has address rows like a real one
 * (docs/freebsd.md §3.2).
 */
function bigHost(count: number): SyntheticInterface[] {
  return Array.from({ length: count }, (_, i) => {
    const name =
      i === 0
        ? 'ixl0'
        : i % 50 === 1
          ? `bridge${Math.floor(i / 50)}`
          : `epair${Math.floor(i / 2)}${i % 2 === 0 ? 'a' : 'b'}`;
    const addresses =
      i % 4 === 0
        ? [
            {
              network: `10.${(i >> 8) & 255}.${i & 255}.0/24`,
              address: `10.${(i >> 8) & 255}.${i & 255}.1`,
              receivedPackets: 0n,
              receivedBytes: 0n,
              sentPackets: 0n,
              sentBytes: 0n,
            },
          ]
        : [];
    const base = ABOVE_2_32 + BigInt(i) * 1_000_003n;
    const mac = `58:9c:fc:${[i >> 16, i >> 8, i].map((b) => (b & 255).toString(16).padStart(2, '0')).join(':')}`;
    return {
      name,
      index: i + 1,
      linkAddress: mac,
      receivedPackets: base / 1000n,
      receivedBytes: base,
      sentPackets: base / 900n,
      sentBytes: base * 2n,
      addresses,
    };
  });
}

/** Every counter moves by its own amount per tick, so each interface has a different, non-zero rate. */
function advance(interfaces: SyntheticInterface[]): void {
  interfaces.forEach((iface, i) => {
    const step = BigInt((i % 97) + 1);
    iface.receivedBytes += step * 12_345n;
    iface.sentBytes += step * 23_456n;
    iface.receivedPackets += step * 9n;
    iface.sentPackets += step * 17n;
  });
}

export async function benchCounterTick(options: CounterTickBenchOptions = {}): Promise<CounterTickBenchResult> {
  const { interfaces: count = 2000, subscribers = 100, ticks = 200, warmupTicks = 10 } = options;
  const host = bigHost(count);
  let netstatText = formatNetstatLibxo(host);
  let clock = 0;
  const executor: Executor = {
    kind: 'emulator',
    run: async ({ argv }) => ({
      code: 0,
      stdout: argv[0] === 'jls' ? '{"__version": "2", "jail-information": {"jail": []}}\n' : netstatText,
      stderr: '',
    }),
  };
  const poller = new CounterPoller({ executor, intervalMs: INTERVAL_MS, now: () => clock, autoStart: false });

  let delivered = 0;
  let checksum = 0;
  const watched = `host/${host[count - 1]?.name ?? 'ixl0'}`;
  for (let s = 0; s < subscribers; s++) {
    poller.subscribe((sample) => {
      delivered++;
      checksum += sample.interfaces[watched]?.rxBytesPerSecond ?? 0;
    });
  }

  let tickMs = 0;
  let parseMs = 0;
  for (let t = 0; t < warmupTicks + ticks; t++) {
    // Untimed: the next netstat output, as the host would print it two seconds later.
    advance(host);
    netstatText = formatNetstatLibxo(host);
    clock += INTERVAL_MS;

    const tickStart = performance.now();
    const sample = await poller.tickOnce();
    const tickEnd = performance.now();
    JSON.parse(netstatText);
    const parseEnd = performance.now();

    if (sample === undefined) throw new Error(`bench tick failed: ${poller.lastError?.message ?? 'no sample'}`);
    if (t >= warmupTicks) {
      tickMs += tickEnd - tickStart;
      parseMs += parseEnd - tickEnd;
    }
  }
  // Makes sure the fan-out really ran (and that the work is not optimised away).
  if (delivered !== subscribers * (warmupTicks + ticks) || !(checksum > 0))
    throw new Error(`bench: ${delivered} deliveries, checksum ${checksum}`);

  return {
    msPerTick: tickMs / ticks,
    baselineMsPerTick: parseMs / ticks,
    interfaces: count,
    subscribers,
    ticks,
    textBytes: Buffer.byteLength(netstatText),
  };
}
