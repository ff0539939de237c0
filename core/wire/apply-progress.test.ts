import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ApplyProgressEventSchema,
  ApplyResultSchema,
  type ApplyEvent,
  type ApplyProgressEvent,
  type ApplyResult,
} from './apply-progress';
import type { Agrees } from './bounds';

describe("an apply's progress on the wire", () => {
  it('is described by its schemas and its types alike (checked by tsc)', () => {
    expectTypeOf<Agrees<typeof ApplyProgressEventSchema, ApplyProgressEvent>>().toEqualTypeOf<true>();
    expectTypeOf<Agrees<typeof ApplyResultSchema, ApplyResult>>().toEqualTypeOf<true>();
    // The steps alone lack the result event the schema lets through: the check can fail.
    expectTypeOf<Agrees<typeof ApplyProgressEventSchema, ApplyEvent>>().not.toEqualTypeOf<true>();
  });

  it('passes every kind of event unchanged, the result last', () => {
    const events: ApplyProgressEvent[] = [
      { type: 'step', index: 0, total: 2, summary: 'create bridge1' },
      { type: 'step-done', index: 0, total: 2 },
      { type: 'failed', index: 1, summary: 'create jail lab1', code: 1, stderr: 'jail: exists' },
      { type: 'revert', index: 0, summary: 'create bridge1', ok: true },
      { type: 'done', ok: false },
      {
        type: 'result',
        result: {
          ok: false,
          completed: 1,
          failure: { index: 1, summary: 'create jail lab1', argv: ['jail', '-c'], code: 1, stderr: 'jail: exists' },
          reverted: [{ summary: 'create bridge1', ok: true }],
          bindings: {},
        },
      },
    ];
    for (const event of events) expect(ApplyProgressEventSchema.parse(event)).toEqual(event);
  });

  it('has one word for undoing a failed apply: a "rollback" event or a "rolledBack" result is not the contract', () => {
    expect(ApplyProgressEventSchema.safeParse({ type: 'rollback', index: 0, summary: 'x', ok: true }).success).toBe(
      false,
    );
    expect(
      ApplyProgressEventSchema.safeParse({
        type: 'result',
        result: { ok: true, completed: 0, rolledBack: [], bindings: {} },
      }).success,
    ).toBe(false);
  });

  it('refuses a step index a page could not use as an array index', () => {
    expect(ApplyProgressEventSchema.safeParse({ type: 'step-done', index: -1, total: 2 }).success).toBe(false);
    expect(ApplyProgressEventSchema.safeParse({ type: 'step-done', index: 1.5, total: 2 }).success).toBe(false);
  });
});
