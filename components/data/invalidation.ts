import { useQueryClient, type QueryClient, type QueryFilters } from '@tanstack/react-query';
import type { TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { useCallback } from 'react';
import type { AppRouter } from '../../server/routers/app';
import { useTRPC } from './trpc';

// What each change makes stale. Mutations name one of these lists instead of re-reading by hand,
// so every view showing the same data reads it again.

type Trpc = TRPCOptionsProxy<AppRouter>;

/** An apply, confirm, recover or dismiss on a host: the host as read, its journal and its recovery status. */
export function afterHostChange(trpc: Trpc, hostId: string): QueryFilters[] {
  const host = { id: hostId };
  return [
    trpc.hosts.state.queryFilter(host),
    trpc.hosts.journal.queryFilter(host),
    trpc.hosts.recovery.queryFilter(host),
  ];
}

/** A host added or removed. */
export function afterHostsChange(trpc: Trpc): QueryFilters[] {
  return [trpc.hosts.list.queryFilter()];
}

/** A design created, saved, renamed, duplicated, deleted or restored: the list, and that design. */
export function afterDesignChange(trpc: Trpc, designId?: string): QueryFilters[] {
  const list = trpc.designs.list.queryFilter();
  return designId
    ? [list, trpc.designs.open.queryFilter({ id: designId }), trpc.designs.versions.queryFilter({ id: designId })]
    : [list];
}

export function invalidate(queryClient: QueryClient, filters: QueryFilters[]): Promise<void> {
  return Promise.all(filters.map((filter) => queryClient.invalidateQueries(filter))).then(() => undefined);
}

/**
 * `invalidateAfter((trpc) => afterHostChange(trpc, id))`: marks those queries stale and re-reads the ones on screen.
 */
export function useInvalidate() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    (filtersOf: (trpc: Trpc) => QueryFilters[]) => invalidate(queryClient, filtersOf(trpc)),
    [trpc, queryClient],
  );
}
