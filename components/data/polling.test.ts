import { describe, expect, it } from 'vitest';
import { AFTER_DEADLINE_MS, HOST_STATE_MS, hostStateRefetchIn } from './polling';

describe('host page polling', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  const inMs = (ms: number) => new Date(now + ms).toISOString();

  it('reads on the usual interval with no apply waiting for confirmation', () => {
    expect(hostStateRefetchIn(null, now)).toBe(HOST_STATE_MS);
    expect(hostStateRefetchIn(undefined, now)).toBe(HOST_STATE_MS);
  });

  it('reads just after a deadline that comes before the next usual read', () => {
    expect(hostStateRefetchIn(inMs(4_000), now)).toBe(4_000 + AFTER_DEADLINE_MS);
    expect(hostStateRefetchIn(inMs(-1_000), now)).toBe(AFTER_DEADLINE_MS - 1_000);
  });

  it('keeps the usual interval for a far deadline, and once the deadline read is past', () => {
    expect(hostStateRefetchIn(inMs(60_000), now)).toBe(HOST_STATE_MS);
    expect(hostStateRefetchIn(inMs(-AFTER_DEADLINE_MS - 1), now)).toBe(HOST_STATE_MS);
  });
});
