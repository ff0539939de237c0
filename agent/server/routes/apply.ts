import { tracked, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { MigratingTopologySchema } from '../../../core/topology/document';
import type { ApplyProgressEvent } from '../../../core/wire/apply-progress';
import { AdoptKey, ConfirmSeconds, EventId, Uuid } from '../../../core/wire/inputs';
import { asTrpcError, t } from '../trpc';

// Plan → apply → confirm, and the journal of applies.

export const planRouter = t.router({
  create: t.procedure
    .input(
      z.strictObject({
        desired: MigratingTopologySchema,
        adopt: z.array(AdoptKey).max(1000).optional(),
        allowUplinkChanges: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.service.plan(input).catch(asTrpcError)),
  /**
   * Starts applying a stored plan: a mutation (POST, so the dashboard's cross-site check covers it),
   * answered once the apply has passed its checks and begun, or refused with the reason. Progress is
   * then read, and re-read after a reconnect, with applyProgress. (tRPC reserves `apply` as a name.)
   */
  startApply: t.procedure
    .input(z.strictObject({ planId: Uuid, confirmSeconds: ConfirmSeconds.optional() }))
    .mutation(async ({ ctx, input }) => {
      const log = ctx.progress.start(input.planId, () =>
        ctx.service.apply(
          input.planId,
          ctx.who,
          (event) => ctx.progress.push(input.planId, event),
          input.confirmSeconds,
        ),
      );
      await Promise.race([log.result, log.nextEvent(0)]).catch(asTrpcError);
      return { applyId: input.planId };
    }),
  /** An apply's events from `lastEventId` on, then its result; changes nothing. */
  applyProgress: t.procedure
    .input(z.strictObject({ applyId: Uuid, lastEventId: EventId.nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      const log = ctx.progress.get(input.applyId);
      if (!log)
        throw new TRPCError({
          code: 'NOT_FOUND',
          message: `No apply ${input.applyId} is running or recently finished on this agent; start it with startApply.`,
        });
      const from = input.lastEventId ? Number(input.lastEventId) + 1 : 0;
      for await (const [index, event] of log.events(from, signal))
        yield tracked(String(index), event satisfies ApplyProgressEvent);
      const outcome = await log.result.catch(asTrpcError);
      yield tracked('result', { type: 'result', result: outcome } satisfies ApplyProgressEvent);
    }),
  confirm: t.procedure.input(z.strictObject({ applyId: Uuid })).mutation(({ ctx, input }) => {
    try {
      ctx.service.confirm(input.applyId, ctx.who);
      return { confirmed: true };
    } catch (error) {
      return asTrpcError(error);
    }
  }),
});

export const journalRouter = t.router({
  list: t.procedure
    .input(z.strictObject({ limit: z.number().int().min(1).max(500).default(50) }).optional())
    .query(({ ctx, input }) =>
      // The plan, the names and the host before are for recovery; the list says what happened.
      ctx.service.journal
        .records()
        .slice(0, input?.limit ?? 50)
        .map(({ plan, bindings, before, ...record }) => ({
          ...record,
          stepSummaries: plan.steps.map((s) => s.summary),
        })),
    ),
  /**
   * Undoes what the host still shows of an interrupted apply; the report says what failed and whether the host is back.
   */
  recover: t.procedure.mutation(({ ctx }) => ctx.service.recoverInterrupted(ctx.who).catch(asTrpcError)),
  /** Keeps the host as the interrupted apply left it and lets applies run again; the reason is journalled. */
  dismiss: t.procedure
    .input(z.strictObject({ reason: z.string().trim().min(1).max(500) }))
    .mutation(({ ctx, input }) => {
      try {
        return ctx.service.dismissInterrupted(ctx.who, input.reason);
      } catch (error) {
        return asTrpcError(error);
      }
    }),
});
