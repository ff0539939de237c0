import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { persistRule } from '../../core/render/persist-rules';
import { RenderError } from '../../core/render/quote';
import { renderConfig, type RenderedFile } from '../../core/render/render-all';
import { callAgent } from '../agents/agent-client';
import { publicProcedure, router } from '../trpc';
import { HostId, PersistPath, Uuid } from './host-inputs';

// Writing a design's FreeBSD files on a host (merged into `hosts`).

/** The design's files: RenderError (a value that cannot be written safely) is the request's fault and names the field. */
function render(topology: Parameters<typeof renderConfig>[0]): RenderedFile[] {
  try {
    return renderConfig(topology);
  } catch (error) {
    if (error instanceof RenderError) throw new TRPCError({ code: 'BAD_REQUEST', message: `The design cannot be written as FreeBSD files: ${error.message}`, cause: error });
    throw error;
  }
}

export const hostPersistRouter = router({
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

});
