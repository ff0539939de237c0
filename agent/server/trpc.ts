import { initTRPC, TRPCError } from '@trpc/server';
import { ApplyRefused, type ApplyService } from '../apply/apply-service';
import { PersistRefused, type PersistService } from '../persist/persist-service';
import type { CounterSample } from '../counters/poller';
import type { ApplyProgressLogs } from './apply-progress-log';
import { SAFE_TRPC_OPTIONS, safeErrorShape } from './safe-errors';

// initTRPC once for the agent; each resource's procedures live in routes/.

export type { CounterSample } from '../counters/poller';

/** What the counters poller offers: replay from a sequence number, then live samples. */
export interface CounterSource {
  intervalMs: number;
  subscribe(listener: (sample: CounterSample) => void, options?: { sinceSeq?: number }): () => void;
}

export interface AgentContext {
  service: ApplyService;
  counters: CounterSource;
  progress: ApplyProgressLogs;
  /** Writing rendered files on the host; absent when the agent was started without it. */
  persist?: PersistService;
  driver: 'freebsd' | 'emulator';
  /** Who is calling, as the dashboard says (it authenticated with the token). */
  who: string;
}

export const t = initTRPC.context<AgentContext>().create({
  ...SAFE_TRPC_OPTIONS,
  errorFormatter: safeErrorShape('The agent'),
  sse: { ping: { enabled: true, intervalMs: 5_000 } },
});

export function persistService(ctx: AgentContext): PersistService {
  if (!ctx.persist)
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: "This agent was started without access to the host's files.",
    });
  return ctx.persist;
}

export function asTrpcError(error: unknown): never {
  if (error instanceof ApplyRefused || error instanceof PersistRefused)
    throw new TRPCError({ code: error.code, message: error.message });
  throw error;
}
