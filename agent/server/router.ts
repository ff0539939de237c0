import { initTRPC, tracked, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { TopologySchema } from '../../core/topology/schema';
import { ApplyRefused, type ApplyService } from '../apply/apply-service';
import type { ApplyEvent, ApplyResult } from '../apply/run-plan';
import { PersistRefused, type PersistService } from '../persist/persist-service';
import { MAX_FILE_BYTES } from '../persist/host-files';
import { ApplyRuns } from './apply-runs';

// The agent's tRPC API. Every input goes through zod before anything runs; authentication happens
// earlier, in the HTTP layer, so an unauthenticated request never reaches a procedure.

export const AGENT_VERSION = '0.1.0';

export interface CounterSample {
  seq: number;
  time: number;
  interfaces: Record<string, { rxBytes: bigint; txBytes: bigint; rxPackets: bigint; txPackets: bigint; rxBps: number | null; txBps: number | null; rxPps: number | null; txPps: number | null }>;
}

/** What the counters poller offers: replay from a sequence number, then live samples. */
export interface CounterSource {
  intervalMs: number;
  subscribe(listener: (sample: CounterSample) => void, options?: { sinceSeq?: number }): () => void;
}

export interface AgentContext {
  service: ApplyService;
  counters: CounterSource;
  runs: ApplyRuns;
  /** Writing rendered files on the host; absent when the agent was started without it. */
  persist?: PersistService;
  driver: 'freebsd' | 'emulator';
  /** Who is calling, as the dashboard says (it authenticated with the token). */
  who: string;
}

const t = initTRPC.context<AgentContext>().create({ sse: { ping: { enabled: true, intervalMs: 5_000 } } });

/** Adoption keys: "<jail path or empty>/<interface>" or a jail path; the same safe characters as names. */
const AdoptKey = z.string().max(300).regex(/^[A-Za-z0-9_.-]*(\/[A-Za-z0-9_]+)?$/, 'adopt keys are "<jail>/<interface>" or a jail name');
const Id = z.string().uuid();

/** A path the agent may be asked about: absolute, plain characters, no "." or ".." parts, no "//". */
const PersistPath = z
  .string()
  .min(2)
  .max(1024)
  .regex(/^(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)+$/, 'paths are absolute, made of letters, digits, "_", "." and "-", with no "//" and no part starting with "." or "-"');
const PersistFile = z.strictObject({
  path: PersistPath,
  owner: z.enum(['patchbay', 'user']),
  // Text configuration: tabs and newlines, no other control characters (no NUL, no CR).
  content: z.string().max(MAX_FILE_BYTES).regex(/^[^\u0000-\u0008\u000b-\u001f\u007f]*$/, 'file content may hold tabs and newlines but no other control characters'),
});

function persistService(ctx: AgentContext): PersistService {
  if (!ctx.persist) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'This agent was started without access to the host\'s files.' });
  return ctx.persist;
}

function asTrpcError(error: unknown): never {
  if (error instanceof ApplyRefused || error instanceof PersistRefused) throw new TRPCError({ code: error.code, message: error.message });
  throw error;
}

/** bigint counters travel as decimal strings: JSON numbers lose precision above 2^53. */
function wireSample(sample: CounterSample) {
  const interfaces: Record<string, Record<string, string | number | null>> = {};
  for (const [key, c] of Object.entries(sample.interfaces)) {
    interfaces[key] = { rxBytes: c.rxBytes.toString(), txBytes: c.txBytes.toString(), rxPackets: c.rxPackets.toString(), txPackets: c.txPackets.toString(), rxBps: c.rxBps, txBps: c.txBps, rxPps: c.rxPps, txPps: c.txPps };
  }
  return { seq: sample.seq, time: sample.time, interfaces };
}

async function* samples(counters: CounterSource, sinceSeq: number | undefined, signal: AbortSignal | undefined) {
  const queue: CounterSample[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = counters.subscribe((sample) => {
    queue.push(sample);
    wake?.();
  }, sinceSeq === undefined ? {} : { sinceSeq });
  // One abort listener wakes the loop; racing a long-lived promise each round would leak a reaction per sample.
  signal?.addEventListener('abort', () => wake?.(), { once: true });
  try {
    while (!signal?.aborted) {
      while (queue.length) yield queue.shift()!;
      if (signal?.aborted) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    unsubscribe();
  }
}

export const agentRouter = t.router({
  host: t.router({
    info: t.procedure.query(async ({ ctx }) => {
      const read = await ctx.service.read();
      const host = read.topology.stacks.find((s) => s.kind === 'host');
      return { hostname: host?.kind === 'host' ? host.hostname : 'unknown', freebsdVersion: read.osrelease, driver: ctx.driver, agentVersion: AGENT_VERSION };
    }),
  }),
  state: t.router({
    read: t.procedure.query(async ({ ctx }) => {
      const read = await ctx.service.read();
      return { ...read, awaitingConfirmation: ctx.service.awaitingConfirmation() ?? null, interrupted: ctx.service.interrupted()?.id ?? null };
    }),
  }),
  plan: t.router({
    create: t.procedure
      .input(z.strictObject({ desired: TopologySchema, adopt: z.array(AdoptKey).max(1000).optional(), allowUplinkChanges: z.boolean().optional() }))
      .mutation(({ ctx, input }) => ctx.service.plan(input).catch(asTrpcError)),
    // tRPC reserves `apply` (a Function.prototype method), so applying is `plan.execute`.
    execute: t.procedure.input(z.strictObject({ planId: Id, lastEventId: z.string().regex(/^[0-9]{1,15}$/).nullish() })).subscription(async function* ({ ctx, input, signal }) {
      const run = ctx.runs.start(input.planId, () => ctx.service.apply(input.planId, ctx.who, (event) => ctx.runs.push(input.planId, event)));
      const from = input.lastEventId ? Number(input.lastEventId) + 1 : 0;
      for await (const [index, event] of run.events(from, signal)) yield tracked(String(index), event);
      const outcome = await run.result.catch(asTrpcError);
      yield tracked('result', { type: 'result' as const, result: outcome });
    }),
    confirm: t.procedure.input(z.strictObject({ applyId: Id })).mutation(({ ctx, input }) => {
      try {
        ctx.service.confirm(input.applyId, ctx.who);
        return { confirmed: true };
      } catch (error) {
        return asTrpcError(error);
      }
    }),
  }),
  journal: t.router({
    list: t.procedure.input(z.strictObject({ limit: z.number().int().min(1).max(500).default(50) }).optional()).query(({ ctx, input }) =>
      ctx.service.journal.records().slice(0, input?.limit ?? 50).map(({ plan, bindings, ...record }) => ({ ...record, stepSummaries: plan.steps.map((s) => s.summary) })),
    ),
    recover: t.procedure.mutation(async ({ ctx }) => ({ rolledBack: await ctx.service.recoverInterrupted(ctx.who).catch(asTrpcError) })),
  }),
  persist: t.router({
    /** What writing these rendered files would change, file by file; kept ten minutes for persist.write. */
    preview: t.procedure
      .input(z.strictObject({ files: z.array(PersistFile).min(1).max(200) }))
      .mutation(({ ctx, input }) => persistService(ctx).preview(input.files)),
    /** Writes exactly what preview `id` showed, or nothing. */
    write: t.procedure
      .input(z.strictObject({ id: Id, adopt: z.array(PersistPath).max(200).optional(), allowConflicts: z.boolean().optional() }))
      .mutation(({ ctx, input }) => {
        try {
          return persistService(ctx).write(input.id, { ...(input.adopt ? { adopt: input.adopt } : {}), ...(input.allowConflicts ? { allowConflicts: true } : {}) }, ctx.who);
        } catch (error) {
          return asTrpcError(error);
        }
      }),
  }),
  counters: t.router({
    stream: t.procedure.input(z.strictObject({ lastEventId: z.string().regex(/^[0-9]{1,15}$/).nullish() }).optional()).subscription(async function* ({ ctx, input, signal }) {
      const since = input?.lastEventId ? Number(input.lastEventId) : undefined;
      for await (const sample of samples(ctx.counters, since, signal)) yield tracked(String(sample.seq), wireSample(sample));
    }),
  }),
});

export type AgentRouter = typeof agentRouter;
export type { ApplyEvent, ApplyResult };
