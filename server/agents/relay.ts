import { setTimeout as sleep } from 'node:timers/promises';
import type { CounterStreamEvent } from '../../core/wire/counters';
import type { AgentEndpoint } from '../storage/hosts';
import { AgentCallFailed, subscribeAgent } from './agent-client';
import { safeText } from './agent-errors';

// The counters stream from an agent, kept alive across the agent going away: when the connection
// drops the relay says so, retries, and resumes from the last sample it passed on — the agent
// replays what it buffered meanwhile, so the browser sees no gap and no duplicate.

export interface RelayOptions {
  endpoint: () => AgentEndpoint;
  lastEventId?: string | null;
  signal: AbortSignal;
  retryMs?: number;
}

/** Waits, or stops waiting as soon as the subscriber goes away. */
const pause = (ms: number, signal: AbortSignal) => sleep(ms, undefined, { signal }).catch(() => {});

export async function* relayCounters({
  endpoint,
  lastEventId,
  signal,
  retryMs = 2_000,
}: RelayOptions): AsyncGenerator<CounterStreamEvent> {
  let last = lastEventId ?? null;
  let online: boolean | null = null;
  while (!signal.aborted) {
    try {
      const target = endpoint();
      for await (const { id, data } of subscribeAgent(
        target,
        'counters.stream',
        last ? { lastEventId: last } : {},
        signal,
      )) {
        if (online !== true) {
          online = true;
          yield { type: 'status', online: true, message: `Receiving counters from ${target.url}.` };
        }
        if (id === undefined) continue;
        last = id;
        yield { type: 'sample', id, sample: data };
      }
    } catch (error) {
      if (signal.aborted) return;
      if (online !== false) {
        online = false;
        yield {
          type: 'status',
          online: false,
          message: error instanceof AgentCallFailed ? error.message : safeText(String(error), 500),
        };
      }
    }
    await pause(retryMs, signal);
  }
}
