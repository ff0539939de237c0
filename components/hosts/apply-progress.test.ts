import { describe, expect, it } from 'vitest';
import { NO_PROGRESS, foldApplyEvent, foldUnconfirmedRevert } from './apply-progress';

describe('foldApplyEvent', () => {
  it('follows a failing apply: steps, the failure with its stderr, and the revert', () => {
    const events = [
      { type: 'step', index: 0, total: 2, summary: 'create bridge1' },
      { type: 'step-done', index: 0, total: 2 },
      { type: 'step', index: 1, total: 2, summary: 'create jail lab1' },
      { type: 'failed', index: 1, summary: 'create jail lab1', code: 1, stderr: 'emulator: injected fault\n' },
      { type: 'revert', index: 0, summary: 'create bridge1', ok: true },
      { type: 'done', ok: false },
    ] as const;
    const progress = events.reduce(foldApplyEvent, NO_PROGRESS);
    expect(progress.steps.map((s) => s.status)).toEqual(['done', 'failed']);
    expect(progress.failure).toMatchObject({ index: 1, stderr: 'emulator: injected fault\n' });
    expect(progress.reverted.map((r) => r.summary)).toEqual(['create bridge1']);
    expect(progress.total).toBe(2);
  });

  it('after an unconfirmed revert, no step shows as done but those whose undo failed', () => {
    const events = [0, 1, 2].flatMap((index) => [
      { type: 'step', index, total: 3, summary: `step ${index}` } as const,
      { type: 'step-done', index, total: 3 } as const,
    ]);
    const applied = events.reduce(foldApplyEvent, NO_PROGRESS);
    const reverted = foldUnconfirmedRevert(applied, {
      at: '2026-05-01T21:04:12Z',
      undone: ['step 2', 'step 0'],
      failures: [{ index: 1, summary: 'step 1', reason: 'its inverse failed' }],
    });
    expect(reverted.steps.map((s) => s.status)).toEqual(['undone', 'done', 'undone']);
    expect(reverted.unconfirmed?.at).toBe('2026-05-01T21:04:12Z');
    expect(applied.steps.map((s) => s.status)).toEqual(['done', 'done', 'done']);
  });
});
