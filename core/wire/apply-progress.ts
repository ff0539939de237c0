import { z } from 'zod';
import { Count, Name, Text } from './bounds';

// An apply as it happens: agent (plan.applyProgress) → dashboard server (hosts.applyProgress) → browser.
// On a failing step the agent reverts the steps already done, newest first, and says so step by step.

export type ApplyEvent =
  | { type: 'step'; index: number; total: number; summary: string }
  | { type: 'step-done'; index: number; total: number }
  | { type: 'failed'; index: number; summary: string; code: number; stderr: string }
  | { type: 'revert'; index: number; summary: string; ok: boolean; stderr?: string }
  | { type: 'done'; ok: boolean };

/** One completed step undone after a failure: whether its inverse worked, and FreeBSD's words if not. */
export type RevertedStep = {
  summary: string;
  ok: boolean;
  stderr?: string;
};

export type ApplyResult = {
  ok: boolean;
  completed: number;
  failure?: { index: number; summary: string; argv: string[]; code: number; stderr: string };
  reverted: RevertedStep[];
  /** The names the kernel printed for `captures` tokens, needed to undo this apply later. */
  bindings: Record<string, string>;
};

/** Every event of an apply's progress stream: its steps, then its result (tracked id 'result'). */
export type ApplyProgressEvent = ApplyEvent | { type: 'result'; result: ApplyResult };

const RevertedStepSchema = z.looseObject({ summary: Text, ok: z.boolean(), stderr: Text.optional() });

export const ApplyResultSchema = z.looseObject({
  ok: z.boolean(),
  completed: Count,
  failure: z
    .looseObject({ index: Count, summary: Text, argv: z.array(Text), code: z.number().int(), stderr: Text })
    .optional(),
  reverted: z.array(RevertedStepSchema),
  bindings: z.record(z.string(), Name),
});

/** Checks an agent's apply progress; step indexes are bounded because a page uses them as array indexes. */
export const ApplyProgressEventSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('step'), index: Count, total: Count, summary: Text }),
  z.looseObject({ type: z.literal('step-done'), index: Count, total: Count }),
  z.looseObject({ type: z.literal('failed'), index: Count, summary: Text, code: z.number().int(), stderr: Text }),
  z.looseObject({ type: z.literal('revert'), index: Count, summary: Text, ok: z.boolean(), stderr: Text.optional() }),
  z.looseObject({ type: z.literal('done'), ok: z.boolean() }),
  z.looseObject({ type: z.literal('result'), result: ApplyResultSchema }),
]);
