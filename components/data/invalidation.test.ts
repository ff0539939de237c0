import { createTRPCClient, httpLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { describe, expect, it } from 'vitest';
import type { AppRouter } from '../../server/routers/app';
import { afterDesignChange, afterHostChange, afterHostsChange, invalidate } from './invalidation';
import { createQueryClient } from './query-client';

// Real query keys, as views make them; the client is never called (the cache is filled by hand).
function cache() {
  const queryClient = createQueryClient();
  const client = createTRPCClient<AppRouter>({ links: [httpLink({ url: 'http://127.0.0.1:9/never-called' })] });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient });
  const keys = {
    stateA: trpc.hosts.state.queryKey({ id: 'a' }),
    stateB: trpc.hosts.state.queryKey({ id: 'b' }),
    journalA: trpc.hosts.journal.queryKey({ id: 'a' }),
    journalB: trpc.hosts.journal.queryKey({ id: 'b' }),
    recoveryA: trpc.hosts.recovery.queryKey({ id: 'a' }),
    recoveryB: trpc.hosts.recovery.queryKey({ id: 'b' }),
    hostList: trpc.hosts.list.queryKey(),
    designList: trpc.designs.list.queryKey(),
    openD1: trpc.designs.open.queryKey({ id: 'd1' }),
    openD1v2: trpc.designs.open.queryKey({ id: 'd1', version: 2 }),
    openD2: trpc.designs.open.queryKey({ id: 'd2' }),
    versionsD1: trpc.designs.versions.queryKey({ id: 'd1' }),
  };
  for (const key of Object.values(keys)) queryClient.setQueryData(key, {} as never);
  const stale = () =>
    Object.entries(keys)
      .filter(([, key]) => queryClient.getQueryState(key)?.isInvalidated)
      .map(([name]) => name)
      .sort();
  return { queryClient, trpc, stale };
}

describe('what a change makes stale', () => {
  it('a change on a host: its state, journal and recovery status, not another host, the list or designs', async () => {
    const { queryClient, trpc, stale } = cache();
    await invalidate(queryClient, afterHostChange(trpc, 'a'));
    expect(stale()).toEqual(['journalA', 'recoveryA', 'stateA']);
  });

  it('a host added or removed: only the hosts list', async () => {
    const { queryClient, trpc, stale } = cache();
    await invalidate(queryClient, afterHostsChange(trpc));
    expect(stale()).toEqual(['hostList']);
  });

  it('a design saved: the designs list and that design (every version read), not another design', async () => {
    const { queryClient, trpc, stale } = cache();
    await invalidate(queryClient, afterDesignChange(trpc, 'd1'));
    expect(stale()).toEqual(['designList', 'openD1', 'openD1v2', 'versionsD1']);
  });

  it('a design created: only the designs list', async () => {
    const { queryClient, trpc, stale } = cache();
    await invalidate(queryClient, afterDesignChange(trpc));
    expect(stale()).toEqual(['designList']);
  });
});
