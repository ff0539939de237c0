import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { CSRF_HEADER } from '../core/wire/csrf-header';
import type { AppRouter } from '../server/routers/app';

// The browser's client for the dashboard's own API (never an agent's: those stay on the server).
// Every request says it comes from the dashboard's own pages: a cross-site form or fetch cannot set
// this header, so the server refuses mutations without it.
const FROM_THE_DASHBOARD = { [CSRF_HEADER]: '1' };

export const api = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      // EventSource reconnects by itself and sends the last tracked id back, so streams resume.
      true: httpSubscriptionLink({ url: '/api/trpc' }),
      false: httpBatchLink({ url: '/api/trpc', headers: FROM_THE_DASHBOARD }),
    }),
  ],
});

/** What a subscription's event is once its tracking envelope is off (no event of ours has both `id` and `data`). */
export type Untracked<V> = V extends { id: string; data: infer D } ? D : V;

/** A subscription's event without its tracking envelope: tracked events arrive as `{ id, data }`. */
export function eventOf<V>(value: V): Untracked<V> {
  return (
    typeof value === 'object' && value !== null && 'data' in value && 'id' in value ? value.data : value
  ) as Untracked<V>;
}
