// The counters poller: one per host agent, one sampling clock for every interface of every stack,
// any number of subscribers (docs/architecture.md, design rules: "Counters"). Each tick runs one netstat for the host
// stack and one `netstat -j` per vnet jail (an interface moved into a jail leaves the host's netstat,
// docs/freebsd.md §3.4), turns the 64-bit counters into rates, stores the sample in a ring
// buffer and hands the same sample to every subscriber.
import { HOST_STACK } from '../../core/wire/counters';
import type { Executor } from '../executor/types';
import type { InterfaceCounters } from '../freebsd/types';
import { RateTracker, type InterfaceSample } from './rate-tracker';
import { capacityFor, RingBuffer } from './ring-buffer';
import { listVnetJails, readStackCounters } from './stack-reads';

export type { InterfaceSample } from './rate-tracker';

export interface CounterSample {
  /** Global, strictly increasing, one per tick that produced a sample. */
  readonly seq: number;
  /** When the tick started, in ms of the poller's clock. */
  readonly time: number;
  /** Keyed `host/<ifname>` or `<jail>/<ifname>`; a vanished interface simply stops appearing. */
  readonly interfaces: Readonly<Record<string, InterfaceSample>>;
}

export type SampleListener = (sample: CounterSample) => void;

export interface PollError {
  time: number;
  /** "host", a jail name, "jls", or "poller" for a bug of ours. */
  stack: string;
  message: string;
}

export interface CounterPollerOptions {
  executor: Executor;
  /** Sampling period in ms, 1000 to 10000; default 2000. */
  intervalMs?: number;
  /** Clock in ms for sample times and rates; default Date.now. Tests pass the emulator's clock. */
  now?: () => number;
  /** Names of the jails whose own stacks are read; default: vnet jails from `jls` (§7.2). */
  readStacks?: (executor: Executor) => Promise<readonly string[]>;
  /** Re-list the jails after this many ticks even when nothing hints at a change; default ~30 s. */
  jailRefreshTicks?: number;
  /** Told when a listener throws; the listener stays subscribed and the others still get the sample. */
  onListenerError?: (error: unknown) => void;
  /** false: subscribers never start the timer; the caller drives start()/tickOnce() (tests). Default true. */
  autoStart?: boolean;
}

export interface SubscribeOptions {
  /** Replay only buffered samples after this seq (a reconnecting subscriber); default: all. */
  sinceSeq?: number;
}

const MIN_INTERVAL_MS = 1000;
const MAX_INTERVAL_MS = 10_000;
const JAIL_REFRESH_MS = 30_000;
/** Missed ticks after which a previous reading no longer gives a rate (see RateTracker). */
const STALE_AFTER_TICKS = 5;

interface Subscription {
  listener: SampleListener;
}

export class CounterPoller {
  readonly intervalMs: number;
  private readonly executor: Executor;
  private readonly now: () => number;
  private readonly readStacks: (executor: Executor) => Promise<readonly string[]>;
  private readonly jailRefreshTicks: number;
  private readonly onListenerError: (error: unknown) => void;
  private readonly autoStart: boolean;
  private readonly buffer: RingBuffer<CounterSample>;
  private readonly tracker: RateTracker;
  private readonly subscriptions = new Set<Subscription>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private startedBySubscribers = false;
  private inFlight: Promise<CounterSample | undefined> | undefined;
  private seq = 0;
  private jails: readonly string[] | undefined;
  private jailsStale = true;
  private ticksSinceJailList = 0;
  private error: PollError | undefined;

  constructor(options: CounterPollerOptions) {
    const intervalMs = options.intervalMs ?? 2000;
    if (!Number.isFinite(intervalMs) || intervalMs < MIN_INTERVAL_MS || intervalMs > MAX_INTERVAL_MS) {
      throw new RangeError(
        `intervalMs must be between ${MIN_INTERVAL_MS} and ${MAX_INTERVAL_MS} ms, got ${intervalMs}`,
      );
    }
    const jailRefreshTicks = options.jailRefreshTicks ?? Math.ceil(JAIL_REFRESH_MS / intervalMs);
    if (!Number.isInteger(jailRefreshTicks) || jailRefreshTicks < 1)
      throw new RangeError(`jailRefreshTicks must be a positive integer, got ${jailRefreshTicks}`);
    this.intervalMs = intervalMs;
    this.executor = options.executor;
    this.now = options.now ?? Date.now;
    this.readStacks = options.readStacks ?? listVnetJails;
    this.jailRefreshTicks = jailRefreshTicks;
    this.onListenerError = options.onListenerError ?? (() => {});
    this.autoStart = options.autoStart ?? true;
    this.buffer = new RingBuffer(capacityFor(intervalMs));
    this.tracker = new RateTracker(STALE_AFTER_TICKS * intervalMs);
  }

  /** The most recent failure (a command, a parse, jls); kept until the next one replaces it. */
  get lastError(): PollError | undefined {
    return this.error;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  get subscriberCount(): number {
    return this.subscriptions.size;
  }

  /** Buffered samples, oldest first (the last 10 minutes at this interval). */
  history(): CounterSample[] {
    return this.buffer.toArray();
  }

  /**
   * Replays buffered samples with seq > sinceSeq at once, then delivers live ones. A sinceSeq beyond
   * the newest sample comes from an earlier poller (agent restart), so everything is replayed.
   * The first subscriber starts the timer and the last one to leave stops it.
   */
  subscribe(listener: SampleListener, options: SubscribeOptions = {}): () => void {
    const newestSeq = this.buffer.newest()?.seq ?? 0;
    const since = options.sinceSeq === undefined || options.sinceSeq > newestSeq ? -Infinity : options.sinceSeq;
    for (const sample of this.buffer.since(since)) this.deliver(listener, sample);
    // Replay and registration happen in one synchronous step, and a tick pushes to the buffer before
    // it fans out, so a subscriber never misses nor repeats a sample.
    const subscription: Subscription = { listener };
    this.subscriptions.add(subscription);
    if (this.timer === undefined && this.autoStart) {
      this.startTimer();
      this.startedBySubscribers = true;
    }
    return () => {
      if (!this.subscriptions.delete(subscription)) return;
      if (this.subscriptions.size === 0 && this.startedBySubscribers) this.stop();
    };
  }

  /** Starts sampling now and every intervalMs, whether or not anyone listens. */
  start(): void {
    if (this.timer === undefined) this.startTimer();
    this.startedBySubscribers = false;
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.startedBySubscribers = false;
  }

  /** Takes one sample (after any tick still running); resolves to it, or undefined if the host read failed. */
  tickOnce(): Promise<CounterSample | undefined> {
    const tick = (this.inFlight ?? Promise.resolve(undefined)).then(() => this.runTick());
    const tracked = tick.finally(() => {
      if (this.inFlight === tracked) this.inFlight = undefined;
    });
    this.inFlight = tracked;
    return tracked;
  }

  private startTimer(): void {
    void this.tickOnce();
    // A tick still running (a slow host) makes the timer skip a beat rather than pile up netstats.
    this.timer = setInterval(() => {
      if (this.inFlight === undefined) void this.tickOnce();
    }, this.intervalMs);
  }

  /** Never rejects: every failure ends up in lastError and the next tick tries again. */
  private async runTick(): Promise<CounterSample | undefined> {
    try {
      if (this.jails === undefined || this.jailsStale || this.ticksSinceJailList >= this.jailRefreshTicks)
        await this.refreshJails();
      this.ticksSinceJailList++;
      const time = this.now();
      const jails = this.jails ?? [];
      const [host, jailReads] = await Promise.all([
        settle(readStackCounters(this.executor)),
        Promise.all(jails.map((jail) => settle(readStackCounters(this.executor, jail)))),
      ]);
      if (!host.ok) {
        // No sample: one without the host's interfaces would look like every one of them vanished.
        this.recordError(time, HOST_STACK, host.error);
        return undefined;
      }
      // A jail read most often fails because the jail went away (§5.2); ask jls before calling it an error.
      if (jailReads.some((read) => !read.ok)) await this.refreshJails();
      const listed = new Set(this.jails ?? []);
      jails.forEach((jail, i) => {
        const read = jailReads[i];
        if (read?.ok === false && listed.has(jail)) this.recordError(time, jail, read.error);
      });

      const interfaces: Record<string, InterfaceSample> = {};
      const hostInterfacesChanged = this.tracker.record(HOST_STACK, host.value, time, interfaces);
      jails.forEach((jail, i) => {
        const read = jailReads[i];
        if (read?.ok && listed.has(jail)) this.tracker.record(jail, read.value, time, interfaces);
      });
      // A failed jail keeps its previous reading, so its next good read resumes the rates.
      this.tracker.retainOnly(new Set([HOST_STACK, ...listed]));
      // Interfaces leave or join the host stack when they move into or out of a vnet jail
      // (§3.4, §5.2): a hint that the jail list changed, cheaper than running jls every tick.
      if (hostInterfacesChanged) this.jailsStale = true;

      const sample: CounterSample = { seq: ++this.seq, time, interfaces };
      this.publish(sample);
      return sample;
    } catch (error) {
      this.recordError(this.now(), 'poller', error);
      return undefined;
    }
  }

  private async refreshJails(): Promise<void> {
    try {
      this.jails = await this.readStacks(this.executor);
      this.jailsStale = false;
      this.ticksSinceJailList = 0;
    } catch (error) {
      // Keep reading the jails we knew; stay stale so the next tick asks again.
      this.recordError(this.now(), 'jls', error);
      this.jailsStale = true;
    }
  }

  private publish(sample: CounterSample): void {
    this.buffer.push(sample);
    // A snapshot: whoever subscribes from inside a listener already got this sample from the buffer.
    for (const subscription of [...this.subscriptions]) {
      if (this.subscriptions.has(subscription)) this.deliver(subscription.listener, sample);
    }
  }

  private deliver(listener: SampleListener, sample: CounterSample): void {
    try {
      listener(sample);
    } catch (error) {
      this.onListenerError(error);
    }
  }

  private recordError(time: number, stack: string, error: unknown): void {
    this.error = { time, stack, message: error instanceof Error ? error.message : String(error) };
  }
}

type Settled = { ok: true; value: InterfaceCounters[] } | { ok: false; error: unknown };

function settle(read: Promise<InterfaceCounters[]>): Promise<Settled> {
  return read.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}
