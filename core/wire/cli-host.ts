import { z } from 'zod';
import { TopologySchema } from '../topology/schema';
import { PlanSchema, RecoveryStatusSchema } from './answers';
import { ApplyProgressEventSchema, ApplyResultSchema } from './apply-progress';
import { Count, IsoTime, Name, Text } from './bounds';
import { CLI_JSON_VERSION } from './cli';
import { AuditChangeSchema } from './cli-audit';

// What `patchbay plan|apply|import … --json` prints. The plan and the apply's events are the agent's
// own answers, checked by the dashboard's agent client against the wire contract (answers.ts,
// apply-progress.ts) and passed on as they came, so these schemas build on those; only the CLI's own
// frame (which file, which host, what happened) is strict.

/** The host a command talked to: its URL as given (never the token) and, once read, its name. */
const HostSchema = z.strictObject({ url: z.string(), hostname: Name.optional() });

/** core/audit/plan-audit.ts PlanAudit: the pairs a plan opens and closes, and the intents it would break. */
export const PlanAuditSchema = z.strictObject({
  changes: z.array(AuditChangeSchema),
  changeCount: Count,
  broken: z.array(
    z.strictObject({
      id: Name,
      text: Text,
      violations: z.array(z.strictObject({ pair: Text, found: Text, reason: Text })),
    }),
  ),
  notes: z.array(Text),
});

/** A plan as the dashboard's hosts.plan returns it: the agent's plan without the host it read, and the audit. */
export const CliPlanSchema = PlanSchema.omit({ actual: true }).extend({ audit: PlanAuditSchema });

export const PlanOutputSchema = z.strictObject({
  version: z.literal(CLI_JSON_VERSION),
  command: z.literal('plan'),
  file: z.string(),
  host: HostSchema,
  /** False when the plan has refusals or would break an intent: the exit code is then 1. */
  ok: z.boolean(),
  plan: CliPlanSchema,
});

/**
 * How an apply ended: nothing to do; applied and confirmed; a step failed and the agent rolled back;
 * or applied and not confirmed (declined, no answer, a failed self-check), so the agent reverted it.
 * 'refused' is a plan with refusals, never started.
 */
export const APPLY_OUTCOMES_CLI = ['already-matches', 'refused', 'confirmed', 'rolled-back', 'reverted'] as const;

export const ApplyOutputSchema = z.strictObject({
  version: z.literal(CLI_JSON_VERSION),
  command: z.literal('apply'),
  file: z.string(),
  host: HostSchema,
  planId: Name,
  /** Null when nothing was started (nothing to do, or refusals). */
  applyId: Name.nullable(),
  plan: CliPlanSchema,
  confirmSeconds: Count,
  /** Every event of plan.applyProgress, in order, the result last. */
  events: z.array(ApplyProgressEventSchema),
  result: ApplyResultSchema.nullable(),
  confirmed: z.boolean(),
  outcome: z.enum(APPLY_OUTCOMES_CLI),
  /** Why it was not confirmed, when it was not. */
  unconfirmed: z.enum(['declined', 'no-answer', 'self-check-failed', 'too-late']).optional(),
  /** When not confirmed: the agent's revert as its journal tells it (state.recovery lastRecovery). */
  revert: RecoveryStatusSchema.shape.lastRecovery.optional(),
  deadline: IsoTime.optional(),
});

export const ImportOutputSchema = z.strictObject({
  version: z.literal(CLI_JSON_VERSION),
  command: z.literal('import'),
  host: HostSchema,
  /** The file written, or null when the design went only into this document. */
  out: z.string().nullable(),
  /** The design, as the file holds it (a topology document). */
  design: TopologySchema,
  /** What the design could not carry over from the host. */
  notes: z.array(Text),
});
