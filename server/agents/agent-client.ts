import { createTRPCClient, httpLink, TRPCClientError, type TRPCLink } from '@trpc/client';
import type { inferRouterInputs } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import type { z } from 'zod';
import type { AgentRouter } from '../../agent/server/router';
import type { AgentEndpoint } from '../storage/hosts';
import { checkCallAnswer, checkCallData, checkStreamAnswer, checkStreamMessage, streamError } from './agent-answer';
import type { AgentStreamEvents, AgentStreamPath } from './agent-schemas';
import { AgentCallFailed, agentRefusal, NotAPatchbayAgent, safeText } from './agent-errors';
import { agentFetch, unreachable } from './agent-transport';
import { readSse, SseIdle, SseMessageTooLarge } from './sse';

// Calls from the dashboard's server to an agent. The token goes in a header from here and nowhere
// else; the browser only ever talks to the dashboard. Every call goes through agent-transport.ts
// (which addresses may be called, TLS or a pinned certificate) and every answer through
// agent-answer.ts (only what is shaped like a Patchbay agent's answer is used).

export { AgentCallFailed, NotAPatchbayAgent } from './agent-errors';

const ACTOR_HEADER = { 'x-patchbay-actor': 'dashboard' };

/**
 * How long an agent's stream may stay silent: the agent pings every 5 s (agent/server/trpc.ts), so
 * six missed pings mean the agent or the way to it is gone, not slow.
 */
const AGENT_STREAM_IDLE_MS = 30_000;

/** Checks the data of each answer against the schema for its path, and passes on the checked value. */
function checkedDataLink(url: string): TRPCLink<AgentRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) =>
        next(op).subscribe({
          next(value) {
            try {
              const data = checkCallData(url, op.path, (value.result as { data?: unknown }).data);
              observer.next({ ...value, result: { ...value.result, data } as typeof value.result });
            } catch (error) {
              observer.error(TRPCClientError.from(error as Error));
            }
          },
          error: (error) => observer.error(error),
          complete: () => observer.complete(),
        }),
      );
}

export function agentClient(endpoint: AgentEndpoint, timeoutMs = 15_000) {
  const send = agentFetch(endpoint);
  return createTRPCClient<AgentRouter>({
    links: [
      checkedDataLink(endpoint.url),
      httpLink({
        url: endpoint.url,
        headers: { authorization: `Bearer ${endpoint.token}`, ...ACTOR_HEADER },
        fetch: async (input, init) => {
          const timeout = AbortSignal.timeout(timeoutMs);
          const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
          return checkCallAnswer(endpoint.url, await send(input, { ...(init as RequestInit), signal }));
        },
      }),
    ],
  });
}

const isTimeout = (error: unknown) => error instanceof Error && error.name === 'TimeoutError';

/** Runs one agent call and turns every failure into a message a person can act on (and may be shown). */
export async function callAgent<T>(
  endpoint: AgentEndpoint,
  call: (client: ReturnType<typeof agentClient>) => Promise<T>,
  timeoutMs?: number,
): Promise<T> {
  try {
    return await call(agentClient(endpoint, timeoutMs));
  } catch (error) {
    const cause = error instanceof TRPCClientError ? error.cause : error;
    if (cause instanceof AgentCallFailed) throw cause;
    // The agent's own refusal: checkCallAnswer let it through only as a well-formed tRPC error.
    if (error instanceof TRPCClientError && error.shape !== undefined) throw agentRefusal(error.message);
    if (isTimeout(cause))
      throw new AgentCallFailed(
        `The agent at ${safeText(endpoint.url, 200)} did not answer within ${Math.round((timeoutMs ?? 15_000) / 1000)} s.`,
        false,
      );
    throw unreachable(endpoint.url, cause);
  }
}

type AgentInputs = inferRouterInputs<AgentRouter>;
/** What each subscription takes, from the agent's router itself. */
interface AgentStreamInputs {
  'plan.applyProgress': AgentInputs['plan']['applyProgress'];
  'counters.stream': AgentInputs['counters']['stream'];
}

/**
 * One of the agent's tRPC subscriptions, read as server-sent events. Yields each data message with
 * its tracked id, checked against the stream's schema (agent-schemas.ts STREAM_SCHEMAS, or `schema`)
 * and typed by the wire contract (core/wire/); ends when the agent says it is done; throws
 * AgentCallFailed when it cannot connect, the agent reports an error, or what answers is not a
 * Patchbay agent.
 */
export async function* subscribeAgent<P extends AgentStreamPath>(
  endpoint: AgentEndpoint,
  path: P,
  input: AgentStreamInputs[P],
  signal: AbortSignal,
  schema?: z.ZodType<AgentStreamEvents[P]>,
  idleMs = AGENT_STREAM_IDLE_MS,
): AsyncGenerator<{ id: string | undefined; data: AgentStreamEvents[P] }> {
  const url = `${endpoint.url.replace(/\/$/, '')}/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
  let body: ReadableStream<Uint8Array>;
  try {
    const response = await agentFetch(endpoint)(url, {
      headers: { authorization: `Bearer ${endpoint.token}`, accept: 'text/event-stream', ...ACTOR_HEADER },
      signal,
    });
    body = await checkStreamAnswer(endpoint.url, path, response);
  } catch (error) {
    if (signal.aborted) return;
    if (error instanceof AgentCallFailed) throw error;
    throw unreachable(endpoint.url, error);
  }
  try {
    for await (const message of readSse(body, undefined, idleMs)) {
      if (message.event === 'return') return;
      if (message.event === 'serialized-error') throw streamError(endpoint.url, path, message.data);
      if (message.event !== 'message') continue;
      yield checkStreamMessage(endpoint.url, path, message, schema);
    }
  } catch (error) {
    if (signal.aborted) return;
    if (error instanceof AgentCallFailed) throw error;
    if (error instanceof SseMessageTooLarge) throw new NotAPatchbayAgent(endpoint.url, `${path}: ${error.message}`);
    if (error instanceof SseIdle)
      throw new AgentCallFailed(
        `The agent at ${safeText(endpoint.url, 200)} sent nothing on the ${path} stream for ${Math.round(idleMs / 1000)} s, ` +
          'not even the keep-alive it sends every 5 s: it is hung or the network between us is cut.',
        false,
      );
    throw unreachable(endpoint.url, error);
  } finally {
    // A watcher that stops early closes the connection now, not when its signal ends.
    void body.cancel().catch(() => {});
  }
  if (!signal.aborted)
    throw new AgentCallFailed(`The agent at ${safeText(endpoint.url, 200)} closed the ${path} stream.`, false);
}
