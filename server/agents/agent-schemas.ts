import type { inferRouterOutputs } from '@trpc/server';
import { z } from 'zod';
import type { AgentRouter } from '../../agent/server/router';
import {
  HostInfoSchema,
  JournalListSchema,
  PersistPreviewSchema,
  PersistWriteSchema,
  PlanSchema,
  RecoveryReportSchema,
  RecoveryStatusSchema,
  StateReadSchema,
} from '../../core/wire/answers';
import { ApplyProgressEventSchema, type ApplyProgressEvent } from '../../core/wire/apply-progress';
import { Name, type Agrees } from '../../core/wire/bounds';
import { WireCounterSampleSchema, type WireCounterSample } from '../../core/wire/counters';

// What the dashboard accepts back from an agent, call by call. The typed tRPC client only *says*
// what an agent returns; an agent URL can point at anything, so every answer is checked against the
// wire contract's schema for its path (core/wire/) before a router or a page dereferences it, and
// only the checked value (defaults filled) is passed on. Objects are not strict: a newer agent may
// add fields, and they pass through untouched (z.looseObject), so nothing an agent sends is silently
// dropped on the way to the code that knows it. The type checks at the end keep the contract in step
// with the agent's router.

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
