import { z } from 'zod';
import { PHASES } from '../plan/types';
import { TopologySchema } from '../topology/schema';
import { Count, IsoTime, Name, Text } from './bounds';

// What an agent answers to each query and mutation, as the dashboard checks it: an agent URL can
// point at anything, so every answer is checked before a router or a page dereferences it. Objects
// are loose: a newer agent may add fields, and they pass through untouched. Values a page uses are
// bounded where a bad one would hurt. server/agents/agent-schemas.ts maps each tRPC path to its
// schema and checks at compile time that the agent's router agrees.

export const HostInfoSchema = z.looseObject({
  hostname: z.string().min(1).max(255),
  freebsdVersion: z.string().max(100),
  driver: z.enum(['freebsd', 'emulator']),
  agentVersion: z.string().max(100),
});

/**
 * How an apply was undone or left: a revert (failed or not confirmed in time), a recovery (interrupted by a crash), or
 * a dismissal.
 */
export const CLOSING_TYPES = ['reverted', 'recovered', 'dismissed'] as const;
/** Where an apply stands in the journal. */
export const APPLY_OUTCOMES = [
  'running',
  'interrupted',
  'failed',
  'awaiting-confirmation',
  'confirmed',
  ...CLOSING_TYPES,
] as const;

const RecoveryFailureSchema = z.looseObject({ index: Count, summary: Text, reason: Text });

/** How a revert, a recovery or a dismissal ended (agent/apply/journal.ts Closing). */
const ClosingSchema = z.looseObject({
  type: z.enum(CLOSING_TYPES),
  at: IsoTime,
  who: Name,
  detail: Text.optional(),
  failures: z.array(RecoveryFailureSchema).optional(),
  matchesPreApplyState: z.boolean().optional(),
  undone: z.array(Text).max(100_000).optional(),
});

const LastRecoverySchema = ClosingSchema.extend({ id: Name, summary: Text });

/** An interrupted apply waiting to be recovered or dismissed, and how the last one went. */
const RECOVERY_FIELDS = {
  interrupted: Name.nullable(),
  // Older agents send neither: nothing interrupted to describe, no recovery to report.
  interruptedApply: z
    .looseObject({ id: Name, at: IsoTime, who: Name, summary: Text, steps: Count, completed: Count })
    .nullable()
    .default(null),
  lastRecovery: LastRecoverySchema.nullable().default(null),
};

export const RecoveryStatusSchema = z.looseObject(RECOVERY_FIELDS);

export const StateReadSchema = z.looseObject({
  topology: TopologySchema,
  owned: z.record(z.string(), z.boolean()),
  osrelease: z.string().max(100),
  pf: z.looseObject({
    enabled: z.boolean(),
    anchors: z.array(z.looseObject({ name: Name, rules: z.array(Text), nat: z.array(Text) })),
  }),
  notes: z.array(Text),
  hash: z.string().max(200),
  awaitingConfirmation: z.looseObject({ id: Name, deadline: IsoTime }).nullable(),
  ...RECOVERY_FIELDS,
});

export const RecoveryReportSchema = z.looseObject({
  ok: z.boolean(),
  considered: Count,
  undone: Count,
  notOnHost: Count,
  failures: z.array(RecoveryFailureSchema),
  matchesPreApplyState: z.boolean(),
  differences: z.array(Text),
  detail: Text,
});

const PlanCommandSchema = z.looseObject({
  argv: z.array(Text).min(1),
  jail: Name.optional(),
  stdin: Text.optional(),
  captures: Name.optional(),
});

const PlanStepSchema = z.looseObject({
  phase: z.enum(PHASES),
  summary: Text,
  command: PlanCommandSchema,
  inverse: z.array(PlanCommandSchema),
});

/** The host's values of one interface, which a refusal offers the design (core/plan/types.ts HostValues). */
const HostValuesSchema = z.looseObject({
  stack: Name,
  interface: Name,
  values: z.looseObject({
    description: Text.nullable().optional(),
    mtu: Count.optional(),
    mac: Name.nullable().optional(),
    addresses: z.array(Name).max(10_000).optional(),
    up: z.boolean().optional(),
  }),
});

export const PlanSchema = z.looseObject({
  id: Name,
  createdAt: IsoTime,
  steps: z.array(PlanStepSchema),
  refusals: z.array(
    z.looseObject({
      subject: Text,
      reason: Text,
      override: z.enum(['allowUplinkChanges', 'adopt']).optional(),
      adoptKey: Name.optional(),
      heldBack: z.array(PlanStepSchema).max(10_000).optional(),
      takeHostValues: HostValuesSchema.optional(),
    }),
  ),
  notes: z.array(Text),
  actualHash: z.string().max(200),
  actual: TopologySchema,
});

export const JournalListSchema = z.array(
  z.looseObject({
    id: Name,
    at: IsoTime,
    who: Name,
    summary: Text,
    steps: Count,
    completed: Count,
    outcome: z.enum(APPLY_OUTCOMES),
    failure: z.looseObject({ index: Count, summary: Text, stderr: Text }).optional(),
    deadline: IsoTime.optional(),
    closing: ClosingSchema.optional(),
    stepSummaries: z.array(Text),
  }),
);

export const PersistPreviewSchema = z.looseObject({
  id: Name,
  createdAt: IsoTime,
  source: z.enum(['design', 'override']),
  changes: z.array(
    z.looseObject({
      path: Name,
      owner: z.enum(['patchbay', 'user']),
      action: z.enum(['create', 'update', 'unchanged', 'refused']),
      diff: Text,
      conflicts: z.array(Text),
      foreign: z.boolean(),
      reason: Text.optional(),
      purpose: Text.optional(),
    }),
  ),
  manual: z.array(z.looseObject({ path: Name, content: Text, purpose: Text })),
});

export const PersistWriteSchema = z.looseObject({
  written: z.array(z.looseObject({ path: Name, backup: Name.optional() })),
});
