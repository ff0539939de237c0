import { z } from 'zod';
import { callAgent } from '../agents/agent-client';
import type { AgentInfo, HostSummary } from '../storage/hosts';
import { mergeRouters, publicProcedure, router } from '../trpc';
import { hostApplyRouter } from './host-apply';
import { hostCountersRouter } from './host-counters';
import { HostId } from './host-inputs';
import { hostPersistRouter } from './host-persist';

// Hosts and everything done to them. The browser names a host by id; the URL and token of its agent
// are looked up here, on the server, and never travel back. Each resource has its own file; they
// are merged here so the browser's paths stay hosts.*.

export const NewHost = z.strictObject({
  name: z.string().trim().min(1, 'a host needs a name').max(64, 'host names are at most 64 characters'),
  url: z
    .string()
    .trim()
    .url('the agent URL must be a URL like https://jailhost.example.org:7780')
    .refine((url) => /^https?:\/\//.test(url), 'the agent URL must start with http:// or https://')
    .transform((url) => url.replace(/\/+$/, '')),
  token: z.string().trim().min(16, 'agent tokens are at least 16 characters (see the agent token file)').max(512, 'agent tokens are at most 512 characters').regex(/^\S+$/, 'an agent token has no spaces'),
});

export interface HostStatus extends HostSummary {
  online: boolean;
  /** Why it is offline, in words. */
  problem: string | null;
}

const hostRegistryRouter = router({
  /** Every host with a fresh reachability check (a few seconds at most, all at once). */
  list: publicProcedure.query(async ({ ctx }): Promise<HostStatus[]> => {
    const store = ctx.hosts();
    return Promise.all(
      store.list().map(async (host) => {
        try {
          const info = (await callAgent(store.endpoint(host.id), (agent) => agent.host.info.query(), 3_000)) as AgentInfo;
          return { ...host, lastSeen: store.markSeen(host.id, info), lastInfo: info, online: true, problem: null };
        } catch (error) {
          return { ...host, online: false, problem: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
  }),

  add: publicProcedure.input(NewHost).mutation(({ ctx, input }) => ctx.hosts().add(input)),

  remove: publicProcedure.input(z.strictObject({ id: HostId })).mutation(({ ctx, input }) => {
    ctx.hosts().remove(input.id);
    return { removed: input.id };
  }),

  /** What the agent discovered on the host right now. */
  state: publicProcedure.input(z.strictObject({ id: HostId })).query(async ({ ctx, input }) => {
    const store = ctx.hosts();
    return { host: store.get(input.id), ...(await callAgent(store.endpoint(input.id), (agent) => agent.state.read.query())) };
  }),

});

export const hostsRouter = mergeRouters(hostRegistryRouter, hostApplyRouter, hostPersistRouter, hostCountersRouter);
