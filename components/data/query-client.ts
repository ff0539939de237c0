import { QueryClient } from '@tanstack/react-query';

/**
 * One cache for the whole dashboard. A failed read is shown at once (the page says why a host is
 * offline; retrying would hide that for seconds), and coming back to the window does not re-read:
 * a host read is a full discovery on the agent, so reads happen on the intervals in polling.ts and
 * after a change (invalidation.ts), not on focus.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false },
    },
  });
}
