import { tracked } from '@trpc/server';
import { z } from 'zod';
import { auditPlan } from '../../core/audit/plan-audit';
import { MigratingTopologySchema } from '../../core/topology/document';
import { callAgent, subscribeAgent } from '../agents/agent-client';
import { publicProcedure, relayAgentStream, router } from '../trpc';
import { AdoptKey, ConfirmSeconds, EventId, Uuid } from '../../core/wire/inputs';
import { HostId } from './host-inputs';

// Plan, apply, confirm and the journal of a host (merged into `hosts`).

/** Recovery undoes up to thousands of steps on the host; the default call timeout would give up mid-way. */
const RECOVERY_TIMEOUT_MS = 120_000;

export const hostApplyRouter = router({
  /** A plan from the host's actual state to a saved design (or a topology given inline). */
  plan: publicProcedure
    .input(
      z
        .strictObject({
          id: HostId,
          designId: Uuid.optional(),
          topology: MigratingTopologySchema.optional(),
          adopt: z.array(AdoptKey).max(1000).optional(),
          allowUplinkChanges: z.boolean().optional(),
        })
        .refine(
          (input) => (input.designId === undefined) !== (input.topology === undefined),
          'give either designId or topology',
        ),
    )
    .mutation(async ({ ctx, input }) => {
      const desired = input.designId ? ctx.designs().open(input.designId).topology : input.topology!;
      const endpoint = ctx.hosts().endpoint(input.id);
      const { actual, ...made } = await callAgent(
        endpoint,
        (agent) =>
          agent.plan.create.mutate({
            desired,
            ...(input.adopt ? { adopt: input.adopt } : {}),
            ...(input.allowUplinkChanges ? { allowUplinkChanges: true } : {}),
          }),
        60_000,
      );
      // Reachability before and after, said before anything runs, against the host the plan was made from.
      return { ...made, audit: auditPlan(actual, desired) };
    }),

  /** Starts applying a plan made by `plan`: a mutation, so it goes over POST and the cross-site check. */
  startApply: publicProcedure
    .input(z.strictObject({ id: HostId, planId: Uuid, confirmSeconds: ConfirmSeconds.optional() }))
    .mutation(({ ctx, input }) =>
      callAgent(
        ctx.hosts().endpoint(input.id),
        (agent) =>
          agent.plan.startApply.mutate({
            planId: input.planId,
            ...(input.confirmSeconds !== undefined ? { confirmSeconds: input.confirmSeconds } : {}),
          }),
        60_000,
      ),
    ),

  /** An apply's steps as they happen, then its result; read-only, resumable by event id. */
  applyProgress: publicProcedure
    .input(z.strictObject({ id: HostId, applyId: Uuid, lastEventId: EventId.nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      const stream = subscribeAgent(
        ctx.hosts().endpoint(input.id),
        'plan.applyProgress',
        { applyId: input.applyId, ...(input.lastEventId ? { lastEventId: input.lastEventId } : {}) },
        signal ?? new AbortController().signal,
      );
      for await (const { id, data } of relayAgentStream(stream)) yield id === undefined ? data : tracked(id, data);
    }),

  confirm: publicProcedure
    .input(z.strictObject({ id: HostId, applyId: Uuid }))
    .mutation(({ ctx, input }) =>
      callAgent(ctx.hosts().endpoint(input.id), (agent) => agent.plan.confirm.mutate({ applyId: input.applyId })),
    ),

  journal: publicProcedure
    .input(z.strictObject({ id: HostId, limit: z.number().int().min(1).max(500).default(100) }))
    .query(async ({ ctx, input }) => {
      const store = ctx.hosts();
      return {
        host: store.get(input.id),
        applies: await callAgent(store.endpoint(input.id), (agent) => agent.journal.list.query({ limit: input.limit })),
      };
    }),

  recover: publicProcedure
    .input(z.strictObject({ id: HostId }))
    .mutation(({ ctx, input }) =>
      callAgent(ctx.hosts().endpoint(input.id), (agent) => agent.journal.recover.mutate(), RECOVERY_TIMEOUT_MS),
    ),

  /**
   * Lets applies run again on a host with an interrupted apply, keeping it as it is; the agent journals who and why.
   */
  dismiss: publicProcedure
    .input(z.strictObject({ id: HostId, reason: z.string().trim().min(1).max(500) }))
    .mutation(({ ctx, input }) =>
      callAgent(ctx.hosts().endpoint(input.id), (agent) => agent.journal.dismiss.mutate({ reason: input.reason })),
    ),
});
