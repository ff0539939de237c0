import { describe, expect, it } from 'vitest';
import { keepUnchangedRead } from './host-read';

describe('a host read again', () => {
  const read = { hash: 'h1', awaitingConfirmation: null, interrupted: null, notes: [] as string[] };

  it('keeps the previous object when nothing drawn changed', () => {
    const again = { ...read, notes: [] };
    expect(keepUnchangedRead(read, again)).toBe(read);
  });

  it('takes the new read when the host, the awaited apply or the interrupted apply changed', () => {
    for (const next of [
      { ...read, hash: 'h2' },
      { ...read, awaitingConfirmation: { id: 'a1' } },
      { ...read, interrupted: 'a1' },
    ]) {
      expect(keepUnchangedRead(read, next)).toBe(next);
    }
  });

  it('takes the new read when there was none before', () => {
    expect(keepUnchangedRead(undefined, read)).toBe(read);
  });
});
