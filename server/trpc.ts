import { initTRPC, TRPCError } from '@trpc/server';
import { DesignNotFound, DesignStore } from './storage/designs';
import { UnreadableDesign } from './storage/stored-topology';
import { sharedDatabase } from './storage/database';
import { HostNotFound, HostStore } from './storage/hosts';
import { AgentCallFailed } from './agents/agent-client';
import { SAFE_TRPC_OPTIONS, safeErrorShape } from '../core/wire/safe-errors';

/** Per-request context. Storage opens on first use, so pages that never touch it never open it. */
export interface Context {
  designs: () => DesignStore;
  hosts: () => HostStore;
}

let designs: DesignStore | undefined;
let hosts: HostStore | undefined;

export function createContext(): Context {
  return {
    designs: () => (designs ??= new DesignStore(sharedDatabase())),
    hosts: () => (hosts ??= new HostStore(sharedDatabase())),
  };
}

const t = initTRPC.context<Context>().create({
  ...SAFE_TRPC_OPTIONS,
  errorFormatter: safeErrorShape('The dashboard'),
  // A stream that goes quiet (an apply waiting on a slow step, counters of an idle host) still sends a
  // comment every 5 s; a browser that hears nothing for 20 s takes the connection for lost and opens
  // it again, resuming from the last tracked event (tRPC's SSE client, reconnectAfterInactivityMs).
  sse: { ping: { enabled: true, intervalMs: 5_000 }, client: { reconnectAfterInactivityMs: 20_000 } },
});

/**
 * Storage errors a person can act on become NOT_FOUND or UNPROCESSABLE_CONTENT; anything else stays an internal error.
 */
const storageErrors = t.middleware(async ({ next }) => {
  const result = await next();
  const cause = result.ok ? undefined : result.error.cause;
  if (cause instanceof DesignNotFound || cause instanceof HostNotFound)
    throw new TRPCError({ code: 'NOT_FOUND', message: cause.message, cause });
  // A stored design that no longer reads back is named with its rule and path, not a 500.
  if (cause instanceof UnreadableDesign)
    throw new TRPCError({ code: 'UNPROCESSABLE_CONTENT', message: cause.message, cause });
  if (cause instanceof AgentCallFailed) throw agentError(cause);
  return result;
});

/** An agent that is away or refuses is not the dashboard's fault: say what happened, as a 502. */
function agentError(cause: AgentCallFailed): TRPCError {
  return new TRPCError({ code: 'BAD_GATEWAY', message: cause.message, cause });
}

/**
 * An agent's stream passed on, its failures said as calls' are: a subscription's events are read
 * after the middleware has returned, so what goes wrong mid-stream never reaches `storageErrors`.
 */
export async function* relayAgentStream<T>(stream: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* stream;
  } catch (error) {
    throw error instanceof AgentCallFailed ? agentError(error) : error;
  }
}

export const router = t.router;
export const mergeRouters = t.mergeRouters;
export const publicProcedure = t.procedure.use(storageErrors);
export const createCallerFactory = t.createCallerFactory;
