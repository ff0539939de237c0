import { auditPlan } from '../../core/audit/plan-audit';
import { tracked, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { persistRule } from '../../core/render/persist-rules';
import { RenderError } from '../../core/render/quote';
import { renderConfig, type RenderedFile } from '../../core/render/render-all';
import { TopologySchema } from '../../core/topology/schema';
import { callAgent, subscribeAgent } from '../agents/agent-client';
import { relayCounters } from '../agents/relay';
import type { AgentInfo, HostSummary } from '../storage/hosts';
import { publicProcedure, router } from '../trpc';

// Hosts and everything done to them. The browser names a host by id; the URL and token of its agent
// are looked up here, on the server, and never travel back.

const HostId = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, 'host ids are letters, digits and "-"');
const Uuid = z.string().uuid();
const EventId = z.string().regex(/^[0-9]{1,15}$/, 'event ids are decimal numbers').nullish();
const AdoptKey = z.string().max(300).regex(/^[A-Za-z0-9_.-]*(\/[A-Za-z0-9_]+)?$/, 'adopt keys are "<jail>/<interface>" or a jail name');

const PersistPath = z.string().min(2).max(1024).regex(/^(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)+$/, 'paths are absolute, made of letters, digits, "_", "." and "-"');

/** The design's files: RenderError (a value that cannot be written safely) is the request's fault and names the field. */
function render(topology: Parameters<typeof renderConfig>[0]): RenderedFile[] {
  try {
    return renderConfig(topology);
  } catch (error) {
    if (error instanceof RenderError) throw new TRPCError({ code: 'BAD_REQUEST', message: `The design cannot be written as FreeBSD files: ${error.message}`, cause: error });
    throw error;
  }
}

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

export const hostsRouter = router({
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

  /** A plan from the host's actual state to a saved design (or a topology given inline). */
  plan: publicProcedure
    .input(
      z.strictObject({
        id: HostId,
        designId: Uuid.optional(),
        topology: TopologySchema.optional(),
        adopt: z.array(AdoptKey).max(1000).optional(),
        allowUplinkChanges: z.boolean().optional(),
      }).refine((input) => (input.designId === undefined) !== (input.topology === undefined), 'give either designId or topology'),
    )
    .mutation(async ({ ctx, input }) => {
      const desired = input.designId ? ctx.designs().open(input.designId).topology : input.topology!;
      const endpoint = ctx.hosts().endpoint(input.id);
      const { actual, ...made } = await callAgent(endpoint, (agent) => agent.plan.create.mutate({ desired, ...(input.adopt ? { adopt: input.adopt } : {}), ...(input.allowUplinkChanges ? { allowUplinkChanges: true } : {}) }), 60_000);
      // Reachability before and after, said before anything runs, against the host the plan was made from.
      return { ...made, audit: auditPlan(actual, desired) };
    }),

  /** Runs a plan, passing on each step as it happens; resumable by event id. */
  // tRPC reserves `apply` as a procedure name.
  execute: publicProcedure.input(z.strictObject({ id: HostId, planId: Uuid, lastEventId: EventId })).subscription(async function* ({ ctx, input, signal }) {
    const stream = subscribeAgent(ctx.hosts().endpoint(input.id), 'plan.execute', { planId: input.planId, ...(input.lastEventId ? { lastEventId: input.lastEventId } : {}) }, signal ?? new AbortController().signal);
    for await (const { id, data } of stream) yield id === undefined ? data : tracked(id, data);
  }),

  confirm: publicProcedure.input(z.strictObject({ id: HostId, applyId: Uuid })).mutation(({ ctx, input }) => callAgent(ctx.hosts().endpoint(input.id), (agent) => agent.plan.confirm.mutate({ applyId: input.applyId }))),

  journal: publicProcedure.input(z.strictObject({ id: HostId, limit: z.number().int().min(1).max(500).default(100) })).query(async ({ ctx, input }) => {
    const store = ctx.hosts();
    return { host: store.get(input.id), applies: await callAgent(store.endpoint(input.id), (agent) => agent.journal.list.query({ limit: input.limit })) };
  }),

  recover: publicProcedure.input(z.strictObject({ id: HostId })).mutation(({ ctx, input }) => callAgent(ctx.hosts().endpoint(input.id), (agent) => agent.journal.recover.mutate())),

  /**
   * What writing a saved design's files on the host would change (the agent keeps the preview ten
   * minutes). Files Patchbay never writes (pf.conf) come back as `manual`: lines for the admin to add.
   */
  persistPreview: publicProcedure.input(z.strictObject({ id: HostId, designId: Uuid })).mutation(async ({ ctx, input }) => {
    const files = render(ctx.designs().open(input.designId).topology);
    const manual = files.filter((f) => {
      const rule = persistRule(f.path);
      return !rule.ok && rule.shownOnly;
    });
    const sent = files.filter((f) => !manual.includes(f));
    const purposes = new Map(sent.map((f) => [f.path, f.purpose]));
    const preview = await callAgent(ctx.hosts().endpoint(input.id), (agent) => agent.persist.preview.mutate({ files: sent.map(({ path, owner, content }) => ({ path, owner, content })) }), 30_000);
    return {
      ...preview,
      changes: preview.changes.map((change) => ({ ...change, purpose: purposes.get(change.path) ?? '' })),
      manual: manual.map(({ path, content, purpose }) => ({ path, content, purpose })),
    };
  }),

  /** Writes exactly what preview `previewId` showed, or nothing (the agent refuses if a file changed since). */
  persistWrite: publicProcedure
    .input(z.strictObject({ id: HostId, previewId: Uuid, adopt: z.array(PersistPath).max(200).optional(), allowConflicts: z.boolean().optional() }))
    .mutation(({ ctx, input }) =>
      callAgent(ctx.hosts().endpoint(input.id), (agent) => agent.persist.write.mutate({ id: input.previewId, ...(input.adopt ? { adopt: input.adopt } : {}), ...(input.allowConflicts ? { allowConflicts: true } : {}) }), 30_000),
    ),

  /** Live counters, relayed; says when the agent drops and resumes without gaps when it is back. */
  counters: publicProcedure.input(z.strictObject({ id: HostId, lastEventId: EventId })).subscription(async function* ({ ctx, input, signal }) {
    const store = ctx.hosts();
    store.get(input.id); // an unknown host is NOT_FOUND now, not a stream that never connects
    for await (const event of relayCounters({ endpoint: () => store.endpoint(input.id), lastEventId: input.lastEventId ?? null, signal: signal ?? new AbortController().signal })) {
      yield event.type === 'sample' ? tracked(event.id, event) : event;
    }
  }),
});
