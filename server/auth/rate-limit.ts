import { SerialQueue } from './serial-queue';

// Wrong passwords (and wrong setup codes) slow down whoever sends them, by an exponential delay
// rather than a wall: after the free failures, the next attempt is checked only once
// base·2^(extra failures − 1) has passed since the last failure, capped; when that time has passed it
// IS checked, and a right password resets the count. Two counters:
// - per client address (client-address.ts): one guesser cannot lock out the admin elsewhere;
// - global, looser: many addresses together still get a bounded number of checks a minute.
// Every check waits its turn in one SerialQueue, so hashing never runs twice at once.

export interface BackoffPolicy {
  /** Failures in a row that cost nothing (typos). */
  freeFailures: number;
  baseMs: number;
  capMs: number;
  /** A key with no failure for this long starts over. */
  forgetAfterMs: number;
  /** Keys kept at most; the one whose last failure is oldest goes first. */
  maxKeys: number;
}

/** Per address: 3 free, then 1 s, 2 s, 4 s … 32 s, then 60 s from the 10th failure in a row. */
export const CLIENT_POLICY: BackoffPolicy = {
  freeFailures: 3,
  baseMs: 1000,
  capMs: 60_000,
  forgetAfterMs: 60 * 60_000,
  maxKeys: 10_000,
};
/** All addresses together: 10 free, then 1 s, 2 s, 4 s, then 5 s: at most 12 checked failures a minute. */
export const GLOBAL_POLICY: BackoffPolicy = {
  freeFailures: 10,
  baseMs: 1000,
  capMs: 5_000,
  forgetAfterMs: 60 * 60_000,
  maxKeys: 1,
};
/** Password checks running or waiting at once. */
export const MAX_PENDING_CHECKS = 4;

export function backoffDelayMs(failures: number, policy: BackoffPolicy): number {
  const extra = failures - policy.freeFailures;
  return extra <= 0 ? 0 : Math.min(policy.baseMs * 2 ** (extra - 1), policy.capMs);
}

export class Backoff {
  private readonly entries = new Map<string, { failures: number; lastFailureAt: number }>();

  constructor(readonly policy: BackoffPolicy) {}

  failures(key: string, now: number): number {
    const entry = this.entries.get(key);
    if (entry && now - entry.lastFailureAt >= this.policy.forgetAfterMs) this.entries.delete(key);
    return this.entries.get(key)?.failures ?? 0;
  }

  /** Milliseconds until the next attempt under `key` is checked; 0 when now. */
  retryAfterMs(key: string, now: number): number {
    const failures = this.failures(key, now);
    if (failures === 0) return 0;
    return Math.max(0, this.entries.get(key)!.lastFailureAt + backoffDelayMs(failures, this.policy) - now);
  }

  recordFailure(key: string, now: number): void {
    const failures = this.failures(key, now) + 1;
    this.entries.delete(key); // re-inserted last: the Map's order is the order of last failures
    this.entries.set(key, { failures, lastFailureAt: now });
    if (this.entries.size > this.policy.maxKeys) this.entries.delete(this.entries.keys().next().value!);
  }

  reset(key: string): void {
    this.entries.delete(key);
  }
}

export type AttemptOutcome = 'success' | 'failure' | 'neutral';
export interface ThrottleRefusal {
  retryAfterMs: number;
  message: string;
}

const GLOBAL_KEY = 'all';
const seconds = (ms: number) => Math.ceil(ms / 1000);

export class LoginThrottle {
  readonly perClient: Backoff;
  readonly global: Backoff;
  private readonly queue: SerialQueue;
  private readonly now: () => number;

  constructor(options: { perClient?: Backoff; global?: Backoff; queue?: SerialQueue; now?: () => number } = {}) {
    this.perClient = options.perClient ?? new Backoff(CLIENT_POLICY);
    this.global = options.global ?? new Backoff(GLOBAL_POLICY);
    this.queue = options.queue ?? new SerialQueue(MAX_PENDING_CHECKS);
    this.now = options.now ?? Date.now;
  }

  /** Why an attempt from `client` may not be checked now, or null when it may. */
  refusal(client: string): ThrottleRefusal | null {
    const now = this.now();
    const own = this.perClient.retryAfterMs(client, now);
    const all = this.global.retryAfterMs(GLOBAL_KEY, now);
    if (own === 0 && all === 0) return null;
    if (own >= all)
      return {
        retryAfterMs: own,
        message: `Too many wrong attempts from your address (${this.perClient.failures(client, now)} in a row): the next one is checked in ${seconds(own)} s.`,
      };
    return {
      retryAfterMs: all,
      message: `Too many wrong attempts on this dashboard (${this.global.failures(GLOBAL_KEY, now)} in a row, from all addresses): the next one is checked in ${seconds(all)} s.`,
    };
  }

  /**
   * Runs `check` in its turn, unless the client must wait or the queue is full. The delay is looked
   * at again when the turn comes: a request queued behind a wrong guess from the same address is
   * refused then, without hashing.
   */
  async attempt<T>(
    client: string,
    check: () => Promise<{ outcome: AttemptOutcome; result: T }>,
  ): Promise<{ refused: ThrottleRefusal } | { result: T }> {
    const early = this.refusal(client);
    if (early) return { refused: early };
    const queued = this.queue.run(async () => {
      const late = this.refusal(client);
      if (late) return { refused: late };
      const { outcome, result } = await check();
      this.record(client, outcome);
      return { result };
    });
    if (queued) return queued;
    return {
      refused: {
        retryAfterMs: 1000,
        message: `Too many password checks at once (${this.queue.maxPending} in progress or waiting): try again in a second.`,
      },
    };
  }

  private record(client: string, outcome: AttemptOutcome): void {
    if (outcome === 'failure') {
      const now = this.now();
      this.perClient.recordFailure(client, now);
      this.global.recordFailure(GLOBAL_KEY, now);
    } else if (outcome === 'success') {
      this.perClient.reset(client);
      this.global.reset(GLOBAL_KEY);
    }
  }
}
