import { describe, expect, it } from 'vitest';
import {
  Backoff,
  backoffDelayMs,
  CLIENT_POLICY,
  GLOBAL_POLICY,
  LoginThrottle,
  type AttemptOutcome,
} from './rate-limit';
import { SerialQueue } from './serial-queue';

const clock = (start = 1_000_000) => {
  const clock = { now: start, tick: (ms: number) => (clock.now += ms) };
  return clock;
};

describe('the exponential delay', () => {
  it('is 0 for the free failures, then doubles from 1 s up to its cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 50].map((n) => backoffDelayMs(n, CLIENT_POLICY))).toEqual([
      0, 0, 0, 1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
    expect([10, 11, 12, 13, 14, 40].map((n) => backoffDelayMs(n, GLOBAL_POLICY))).toEqual([
      0, 1000, 2000, 4000, 5000, 5000,
    ]);
  });

  it('counts from the last failure, per key, and forgets a key after a quiet hour', () => {
    const backoff = new Backoff(CLIENT_POLICY);
    for (let i = 0; i < 5; i++) backoff.recordFailure('a', 0);
    expect(backoff.retryAfterMs('a', 500)).toBe(1500);
    expect(backoff.retryAfterMs('a', 2000)).toBe(0);
    expect(backoff.retryAfterMs('b', 0)).toBe(0);
    expect(backoff.failures('a', 60 * 60_000 - 1)).toBe(5);
    expect(backoff.failures('a', 60 * 60_000)).toBe(0);
  });

  it('keeps at most maxKeys keys, dropping the one whose last failure is oldest', () => {
    const backoff = new Backoff({ ...CLIENT_POLICY, maxKeys: 2 });
    backoff.recordFailure('a', 1);
    backoff.recordFailure('b', 2);
    backoff.recordFailure('a', 3);
    backoff.recordFailure('c', 4);
    expect([backoff.failures('a', 5), backoff.failures('b', 5), backoff.failures('c', 5)]).toEqual([2, 0, 1]);
  });
});

describe('the login throttle', () => {
  const fail = async () => ({ outcome: 'failure' as AttemptOutcome, result: 'wrong' });
  const succeed = async () => ({ outcome: 'success' as AttemptOutcome, result: 'ok' });

  it('delays a guesser exponentially, never walls it: once the delay is over the next attempt is checked', async () => {
    const time = clock();
    const throttle = new LoginThrottle({ now: () => time.now });
    for (let i = 0; i < 3; i++) expect(await throttle.attempt('10.0.0.9', fail)).toEqual({ result: 'wrong' });
    expect(await throttle.attempt('10.0.0.9', fail)).toEqual({ result: 'wrong' }); // the 4th failure: 1 s from here
    expect(await throttle.attempt('10.0.0.9', succeed)).toEqual({
      refused: {
        retryAfterMs: 1000,
        message: 'Too many wrong attempts from your address (4 in a row): the next one is checked in 1 s.',
      },
    });
    time.tick(1000);
    expect(await throttle.attempt('10.0.0.9', fail)).toEqual({ result: 'wrong' }); // 5th: 2 s
    time.tick(1999);
    expect(await throttle.attempt('10.0.0.9', succeed)).toMatchObject({ refused: { retryAfterMs: 1 } });
    time.tick(1);
    expect(await throttle.attempt('10.0.0.9', succeed)).toEqual({ result: 'ok' }); // checked, and the count starts over
    expect(await throttle.attempt('10.0.0.9', fail)).toEqual({ result: 'wrong' });
  });

  it('caps the delay at 60 s however long the guessing goes on', async () => {
    const time = clock();
    const throttle = new LoginThrottle({
      now: () => time.now,
      global: new Backoff({ ...GLOBAL_POLICY, freeFailures: 1000 }),
    });
    for (let i = 0; i < 30; i++) {
      time.tick(throttle.refusal('a')?.retryAfterMs ?? 0);
      expect(await throttle.attempt('a', fail)).toEqual({ result: 'wrong' });
    }
    expect(throttle.refusal('a')).toMatchObject({ retryAfterMs: 60_000 });
  });

  it('does not lock the admin out because someone else guessed (issue 14: 5 wrong tries walled everyone for a minute)', async () => {
    const time = clock();
    const throttle = new LoginThrottle({ now: () => time.now });
    for (let i = 0; i < 9; i++) {
      time.tick(throttle.refusal('203.0.113.7')?.retryAfterMs ?? 0);
      await throttle.attempt('203.0.113.7', fail);
    }
    expect(throttle.refusal('203.0.113.7')).toMatchObject({ retryAfterMs: 32_000 });
    expect(await throttle.attempt('192.168.1.20', succeed)).toEqual({ result: 'ok' });
  });

  it('slows every address once many addresses together guessed wrong, by at most 5 s', async () => {
    const time = clock();
    const throttle = new LoginThrottle({ now: () => time.now });
    for (let i = 0; i < 11; i++) await throttle.attempt(`198.51.100.${i}`, fail);
    expect(await throttle.attempt('192.168.1.20', succeed)).toEqual({
      refused: {
        retryAfterMs: 1000,
        message:
          'Too many wrong attempts on this dashboard (11 in a row, from all addresses): the next one is checked in 1 s.',
      },
    });
    time.tick(1000);
    expect(await throttle.attempt('192.168.1.20', succeed)).toEqual({ result: 'ok' });
    expect(throttle.global.failures('all', time.now)).toBe(0);
  });

  it('checks one at a time, refuses at once beyond the queue bound, and re-checks the delay when a turn comes', async () => {
    const time = clock();
    const throttle = new LoginThrottle({
      now: () => time.now,
      queue: new SerialQueue(3),
      perClient: new Backoff({ ...CLIENT_POLICY, freeFailures: 0 }),
    });
    let running = 0;
    let most = 0;
    let checks = 0;
    const slowFail = async () => {
      checks++;
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return { outcome: 'failure' as AttemptOutcome, result: 'wrong' };
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => throttle.attempt('a', slowFail)));
    expect(most).toBe(1);
    expect(checks).toBe(1); // the two queued behind the first wrong guess were refused at their turn
    expect(results.filter((r) => 'result' in r)).toHaveLength(1);
    expect(
      results.filter(
        (r) =>
          'refused' in r && r.refused.message.startsWith('Too many password checks at once (3 in progress or waiting)'),
      ),
    ).toHaveLength(7);
    expect(
      results.filter(
        (r) => 'refused' in r && r.refused.message.startsWith('Too many wrong attempts from your address'),
      ),
    ).toHaveLength(2);
  });
});
