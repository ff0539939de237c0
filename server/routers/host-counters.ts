import { tracked } from '@trpc/server';
import { z } from 'zod';
import { relayCounters } from '../agents/relay';
import { publicProcedure, router } from '../trpc';
import { EventId } from '../../core/wire/inputs';
import { HostId } from './host-inputs';

// Live counters of a host's interfaces (merged into `hosts`).

export const hostCountersRouter = router({
  /** Live counters, relayed; says when the agent drops and resumes without gaps when it is back. */
  counters: publicProcedure
    .input(z.strictObject({ id: HostId, lastEventId: EventId.nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      const store = ctx.hosts();
      store.get(input.id); // an unknown host is NOT_FOUND now, not a stream that never connects
      for await (const event of relayCounters({
        endpoint: () => store.endpoint(input.id),
        lastEventId: input.lastEventId ?? null,
        signal: signal ?? new AbortController().signal,
      })) {
        yield event.type === 'sample' ? tracked(event.id, event) : event;
      }
    }),
});
