// Failed logins are limited per process: after `limit` failures within `windowMs`, every attempt is
// refused until the oldest failure ages out. One admin, one counter: guessing gets 5 tries a minute.

export class FailureLimiter {
  private failures: number[] = [];

  constructor(
    readonly limit = 5,
    readonly windowMs = 60_000,
  ) {}

  /** Milliseconds until another attempt is allowed; 0 when one is allowed now. */
  retryAfterMs(now = Date.now()): number {
    this.failures = this.failures.filter((at) => at > now - this.windowMs);
    if (this.failures.length < this.limit) return 0;
    return this.failures[this.failures.length - this.limit]! + this.windowMs - now;
  }

  recordFailure(now = Date.now()): void {
    this.failures.push(now);
  }
}

/** The message for a refused attempt. */
export function tooManyAttempts(limiter: FailureLimiter, retryAfterMs: number): string {
  return `Too many failed attempts (at most ${limiter.limit} a minute): try again in ${Math.ceil(retryAfterMs / 1000)} s.`;
}
