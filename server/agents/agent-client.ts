import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { AgentRouter } from '../../agent/server/router';
import type { AgentEndpoint } from '../storage/hosts';
import { readSse } from './sse';

// Calls from the dashboard's server to an agent. The token goes in a header from here and nowhere
// else; the browser only ever talks to the dashboard.

const ACTOR_HEADER = { 'x-patchbay-actor': 'dashboard' };

/** The agent could not be reached at all, or answered with a refusal; the message says which. */
export class AgentCallFailed extends Error {
  constructor(
    message: string,
    readonly reachable: boolean,
  ) {
    super(message);
    this.name = 'AgentCallFailed';
  }
}

function unreachable(endpoint: AgentEndpoint, error: unknown): AgentCallFailed {
  const cause = error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.message) : String(error);
  return new AgentCallFailed(`The agent at ${endpoint.url} did not answer (${cause}).`, false);
}

export function agentClient(endpoint: AgentEndpoint, timeoutMs = 15_000) {
  return createTRPCClient<AgentRouter>({
    links: [
      httpLink({
        url: endpoint.url,
        headers: { authorization: `Bearer ${endpoint.token}`, ...ACTOR_HEADER },
        fetch: (url, init) => fetch(url, { ...(init as RequestInit), signal: AbortSignal.timeout(timeoutMs) }),
      }),
    ],
  });
}

/** Runs one agent call and turns transport failures into messages a person can act on. */
export async function callAgent<T>(endpoint: AgentEndpoint, call: (client: ReturnType<typeof agentClient>) => Promise<T>, timeoutMs?: number): Promise<T> {
  try {
    return await call(agentClient(endpoint, timeoutMs));
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const status = (error.meta?.response as Response | undefined)?.status;
      if (status === 401) throw new AgentCallFailed(`The agent at ${endpoint.url} refused the token (401). Check the token on the hosts page.`, true);
      if (error.data || status) throw new AgentCallFailed(error.message, true);
      throw unreachable(endpoint, error.cause ?? error);
    }
    throw unreachable(endpoint, error);
  }
}

/**
 * One of the agent's tRPC subscriptions, read as server-sent events. Yields each data message with
 * its tracked id; ends when the agent says it is done; throws AgentCallFailed when it cannot connect
 * or the agent reports an error.
 */
export async function* subscribeAgent(endpoint: AgentEndpoint, path: string, input: unknown, signal: AbortSignal): AsyncGenerator<{ id: string | undefined; data: unknown }> {
  const url = `${endpoint.url.replace(/\/$/, '')}/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${endpoint.token}`, accept: 'text/event-stream', ...ACTOR_HEADER }, signal });
  } catch (error) {
    if (signal.aborted) return;
    throw unreachable(endpoint, error);
  }
  if (response.status === 401) throw new AgentCallFailed(`The agent at ${endpoint.url} refused the token (401).`, true);
  if (!response.ok || !response.body) throw new AgentCallFailed(`The agent at ${endpoint.url} answered ${response.status} to ${path}.`, true);
  try {
    for await (const message of readSse(response.body)) {
      if (message.event === 'return') return;
      if (message.event === 'serialized-error') {
        const detail = JSON.parse(message.data || 'null') as { message?: string } | null;
        throw new AgentCallFailed(detail?.message ?? `The agent reported an error on ${path}.`, true);
      }
      if (message.event !== 'message') continue;
      yield { id: message.id || undefined, data: JSON.parse(message.data) };
    }
  } catch (error) {
    if (signal.aborted) return;
    if (error instanceof AgentCallFailed) throw error;
    throw unreachable(endpoint, error);
  }
  if (!signal.aborted) throw new AgentCallFailed(`The agent at ${endpoint.url} closed the ${path} stream.`, false);
}
