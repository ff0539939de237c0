import { describe, expect, it } from 'vitest';
import { NO_PROGRESS, foldApplyEvent } from './apply-progress';

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
});
