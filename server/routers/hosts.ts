import { z } from 'zod';
import { checkAgentUrl } from '../agents/agent-address';
import { AgentCallFailed, callAgent } from '../agents/agent-client';
import { safeText } from '../agents/agent-errors';
import type { AgentInfo, HostSummary } from '../storage/hosts';
import { mergeRouters, publicProcedure, router } from '../trpc';
import { hostApplyRouter } from './host-apply';
import { hostCountersRouter } from './host-counters';
import { CertificateFingerprint, HostId } from './host-inputs';
import { hostOpenRouter } from './host-open';
import { hostPersistRouter } from './host-persist';

// Hosts and everything done to them. The browser names a host by id; the URL and token of its agent
// are looked up here, on the server, and never travel back. Each resource has its own file; they
// are merged here so the browser's paths stay hosts.*.

/**
 * The agent URL's own rules (server/agents/agent-address.ts), stored as WHATWG normalises it, so the
 * URL shown is the address called (`http://0x7f000001` is stored as http://127.0.0.1). Whether plain
 * http is allowed depends on allowHttp, so that rule is checked with the whole host, below.
 */
const AgentUrl = z
  .string()
  .trim()
  .max(2048, 'agent URLs are at most 2048 characters')
  .transform((url, ctx) => {
    const check = checkAgentUrl(url, { allowHttp: true });
    if (check.ok) return check.checked.url;
    ctx.addIssue({ code: 'custom', message: check.problem });
    return z.NEVER;
  });

export const NewHost = z
  .strictObject({
    name: z.string().trim().min(1, 'a host needs a name').max(64, 'host names are at most 64 characters'),
    url: AgentUrl,
    token: z
      .string()
      .trim()
      .min(16, 'agent tokens are at least 16 characters (see the agent token file)')
      .max(512, 'agent tokens are at most 512 characters')
      .regex(/^\S+$/, 'an agent token has no spaces'),
    /** Plain http to an agent that is not on this machine: the token then travels unencrypted. */
    allowHttp: z.boolean().default(false),
    fingerprint: CertificateFingerprint.optional(),
  })
  .superRefine((host, ctx) => {
    const check = checkAgentUrl(host.url, { allowHttp: host.allowHttp });
    if (!check.ok) ctx.addIssue({ code: 'custom', path: ['url'], message: check.problem });
    if (host.fingerprint && !host.url.startsWith('https://'))
      ctx.addIssue({
        code: 'custom',
        path: ['fingerprint'],
        message: 'a certificate fingerprint is for an https:// agent URL',
      });
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
          const answer = await callAgent(store.endpoint(host.id), (agent) => agent.host.info.query(), 3_000);
          // Only the fields the page shows are kept (the answer was checked; a newer agent may say more).
          const info: AgentInfo = {
            hostname: answer.hostname,
            freebsdVersion: answer.freebsdVersion,
            driver: answer.driver,
            agentVersion: answer.agentVersion,
          };
          return { ...host, lastSeen: store.markSeen(host.id, info), lastInfo: info, online: true, problem: null };
        } catch (error) {
          return {
            ...host,
            online: false,
            problem:
              error instanceof AgentCallFailed
                ? error.message
                : safeText(error instanceof Error ? error.message : String(error), 500),
          };
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
    return {
      host: store.get(input.id),
      ...(await callAgent(store.endpoint(input.id), (agent) => agent.state.read.query())),
    };
  }),

  /**
   * Whether an apply waits to be recovered, and how the last recovery went: from the agent's journal, without reading
   * the host.
   */
  recovery: publicProcedure
    .input(z.strictObject({ id: HostId }))
    .query(({ ctx, input }) => callAgent(ctx.hosts().endpoint(input.id), (agent) => agent.state.recovery.query())),
});

export const hostsRouter = mergeRouters(
  hostRegistryRouter,
  hostApplyRouter,
  hostPersistRouter,
  hostCountersRouter,
  hostOpenRouter,
);
