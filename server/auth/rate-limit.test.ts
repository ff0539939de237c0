import { describe, expect, it } from 'vitest';
import { FailureLimiter, tooManyAttempts } from './rate-limit';

describe('failed-login limiter', () => {
  it('allows five failures a minute, then refuses until the oldest ages out', () => {
    const limiter = new FailureLimiter(5, 60_000);
    for (let i = 0; i < 5; i++) {
      expect(limiter.retryAfterMs(1000 + i)).toBe(0);
      limiter.recordFailure(1000 + i);
    }
    expect(limiter.retryAfterMs(1010)).toBe(60_000 - 10);
    expect(limiter.retryAfterMs(60_999)).toBe(1);
    expect(limiter.retryAfterMs(61_000)).toBe(0);
    limiter.recordFailure(61_000);
    expect(limiter.retryAfterMs(61_000)).toBe(1);
  });

  it('says when to try again', () => {
    const limiter = new FailureLimiter();
    expect(tooManyAttempts(limiter, 41_200)).toBe('Too many failed attempts (at most 5 a minute): try again in 42 s.');
  });
});
