import type { inferRouterOutputs } from '@trpc/server';
import { z } from 'zod';
import type { AgentRouter } from '../../agent/server/router';
import type { Phase } from '../../core/plan/types';
import { TopologySchema } from '../../core/topology/schema';
import { ApplyProgressEventSchema, type ApplyProgressEvent } from '../../core/wire/apply-progress';
import { Count, IsoTime, Name, Text, type Agrees } from '../../core/wire/bounds';
import { WireCounterSampleSchema, type WireCounterSample } from '../../core/wire/counters';

// What the dashboard accepts back from an agent, call by call. The typed tRPC client only *says*
// what an agent returns; an agent URL can point at anything, so every answer is checked here before
// a router or a page dereferences it, and only the checked value (defaults filled) is passed on.
// Objects are not strict: a newer agent may add fields, and they pass through untouched
// (z.looseObject), so nothing an agent sends is silently dropped on the way to the code that knows
// it. Values a page uses are strict in type and bounded where a bad one would hurt (an apply step's
// index is used as an array index). The type checks at the end keep these in step with the agent.
// The schemas of the streams, which the browser receives too, are in the wire contract (core/wire/).

const PHASES = ['pf-remove', 'route-remove', 'member-remove', 'address-remove', 'move-out', 'jail-remove', 'destroy', 'create', 'rename', 'jail-create', 'move-in', 'configure', 'member-add', 'route-add', 'sysctl', 'pf'] as const satisfies readonly Phase[];

export const HostInfoSchema = z.looseObject({
  hostname: z.string().min(1).max(255),
  freebsdVersion: z.string().max(100),
  driver: z.enum(['freebsd', 'emulator']),
  agentVersion: z.string().max(100),
});

const RecoveryFailureSchema = z.looseObject({ index: Count, summary: Text, reason: Text });

/** How a revert, a recovery or a dismissal ended (agent/apply/journal.ts Closing). */
const ClosingSchema = z.looseObject({
  type: z.enum(['reverted', 'recovered', 'dismissed']),
  at: IsoTime,
  who: Name,
  detail: Text.optional(),
  failures: z.array(RecoveryFailureSchema).optional(),
  matchesPreApplyState: z.boolean().optional(),
});

const LastRecoverySchema = ClosingSchema.extend({ id: Name, summary: Text });

/** An interrupted apply waiting to be recovered or dismissed, and how the last one went. */
const RECOVERY_FIELDS = {
  interrupted: Name.nullable(),
  // Older agents send neither: nothing interrupted to describe, no recovery to report.
  interruptedApply: z.looseObject({ id: Name, at: IsoTime, who: Name, summary: Text, steps: Count, completed: Count }).nullable().default(null),
  lastRecovery: LastRecoverySchema.nullable().default(null),
};

export const RecoveryStatusSchema = z.looseObject(RECOVERY_FIELDS);

export const StateReadSchema = z.looseObject({
  topology: TopologySchema,
  owned: z.record(z.string(), z.boolean()),
  osrelease: z.string().max(100),
  sharedStackJails: z.array(Name),
  pf: z.looseObject({ enabled: z.boolean(), anchors: z.array(z.looseObject({ name: Name, rules: z.array(Text), nat: z.array(Text) })) }),
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

const PlanCommandSchema = z.looseObject({ argv: z.array(Text).min(1), jail: Name.optional(), stdin: Text.optional(), captures: Name.optional() });

export const PlanSchema = z.looseObject({
  id: Name,
  createdAt: IsoTime,
  steps: z.array(z.looseObject({ phase: z.enum(PHASES), summary: Text, command: PlanCommandSchema, inverse: z.array(PlanCommandSchema) })),
  refusals: z.array(z.looseObject({ subject: Text, reason: Text, override: z.enum(['allowUplinkChanges', 'adopt']).optional() })),
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
    outcome: z.enum(['running', 'interrupted', 'failed', 'awaiting-confirmation', 'confirmed', 'reverted', 'recovered', 'dismissed']),
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

export const PersistWriteSchema = z.looseObject({ written: z.array(z.looseObject({ path: Name, backup: Name.optional() })) });

/** Every query and mutation the dashboard may make, by tRPC path. A path missing here is refused. */
export const CALL_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  'host.info': HostInfoSchema,
  'state.read': StateReadSchema,
  'state.recovery': RecoveryStatusSchema,
  'plan.create': PlanSchema,
  'plan.startApply': z.looseObject({ applyId: Name }),
  'plan.confirm': z.looseObject({ confirmed: z.boolean() }),
  'journal.list': JournalListSchema,
  'journal.recover': RecoveryReportSchema,
  'journal.dismiss': z.looseObject({ id: Name }),
  'persist.preview': PersistPreviewSchema,
  'persist.write': PersistWriteSchema,
};

/** What each of the agent's subscriptions sends, by path (the types of core/wire/). */
export interface AgentStreamEvents {
  'plan.applyProgress': ApplyProgressEvent;
  'counters.stream': WireCounterSample;
}
export type AgentStreamPath = keyof AgentStreamEvents;

/** Every subscription, by path: the schema of each data message. */
export const STREAM_SCHEMAS: { readonly [P in AgentStreamPath]: z.ZodType<AgentStreamEvents[P]> } = {
  'plan.applyProgress': ApplyProgressEventSchema,
  'counters.stream': WireCounterSampleSchema,
};

// Compile-time: a real agent's answer passes each schema (its output type is accepted by the
// schema's input), and what a schema lets through has every field the typed client promises.
type Outputs = inferRouterOutputs<AgentRouter>;
type StreamData<T> = T extends AsyncIterable<{ data: infer D }> ? D : never;
export const SCHEMAS_AGREE_WITH_THE_AGENT: [
  Agrees<typeof HostInfoSchema, Outputs['host']['info']>,
  Agrees<typeof StateReadSchema, Outputs['state']['read']>,
  Agrees<typeof RecoveryStatusSchema, Outputs['state']['recovery']>,
  Agrees<typeof PlanSchema, Outputs['plan']['create']>,
  Agrees<typeof JournalListSchema, Outputs['journal']['list']>,
  Agrees<typeof RecoveryReportSchema, Outputs['journal']['recover']>,
  Agrees<typeof PersistPreviewSchema, Outputs['persist']['preview']>,
  Agrees<typeof PersistWriteSchema, Outputs['persist']['write']>,
  Agrees<typeof ApplyProgressEventSchema, StreamData<Outputs['plan']['applyProgress']>>,
  Agrees<typeof WireCounterSampleSchema, StreamData<Outputs['counters']['stream']>>,
] = [true, true, true, true, true, true, true, true, true, true];
