import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { RenderError } from '../../core/text/quote';
import { renderConfig } from '../../core/render/render-all';
import { callAgent } from '../agents/agent-client';
import { publicProcedure, router } from '../trpc';
import { PersistPath, Uuid } from '../../core/wire/inputs';
import { HostId } from './host-inputs';

// Writing a design's FreeBSD files on a host (merged into `hosts`).

/** Throws BAD_REQUEST naming the field when the design has a value that cannot be written safely (RenderError). */
function assertRenders(topology: Parameters<typeof renderConfig>[0]): void {
  try {
    renderConfig(topology);
  } catch (error) {
    if (error instanceof RenderError)
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: `The design cannot be written as FreeBSD files: ${error.message}`,
        cause: error,
      });
    throw error;
  }
}

export const hostPersistRouter = router({
  /**
   * What writing a saved design's files on the host would change (the agent keeps the preview ten
   * minutes). The agent gets the design, not files: it renders them itself, so what it writes is what
   * Patchbay's renderers made, never text composed on the way (docs/security/persist.md). Files
   * Patchbay never writes (pf.conf) come back as `manual`: lines for the admin to add.
   */
  persistPreview: publicProcedure
    .input(z.strictObject({ id: HostId, designId: Uuid }))
    .mutation(async ({ ctx, input }) => {
      const { topology } = ctx.designs().open(input.designId);
      // Rendered here too, only so a value that cannot be written is refused with its field before the agent is called.
      assertRenders(topology);
      const preview = await callAgent(
        ctx.hosts().endpoint(input.id),
        (agent) => agent.persist.preview.mutate({ topology }),
        30_000,
      );
      return {
        ...preview,
        changes: preview.changes.map((change) => ({ ...change, purpose: change.purpose ?? '' })),
        manual: preview.manual.map(({ path, content, purpose }) => ({ path, content, purpose })),
      };
    }),

  /** Writes exactly what preview `previewId` showed, or nothing (the agent refuses if a file changed since). */
  persistWrite: publicProcedure
    .input(
      z.strictObject({
        id: HostId,
        previewId: Uuid,
        adopt: z.array(PersistPath).max(200).optional(),
        allowConflicts: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      callAgent(
        ctx.hosts().endpoint(input.id),
        (agent) =>
          agent.persist.write.mutate({
            id: input.previewId,
            ...(input.adopt ? { adopt: input.adopt } : {}),
            ...(input.allowConflicts ? { allowConflicts: true } : {}),
          }),
        30_000,
      ),
    ),
});
