import { z } from 'zod';
import { PersistPath, Uuid } from '../../../core/wire/inputs';
import { PersistPreviewInput } from '../inputs';
import { asTrpcError, persistService, t } from '../trpc';

// Writing a design's FreeBSD files on the host: preview (the agent renders the design itself), then
// write exactly what was previewed. Raw files only with an override on an agent that allows them.

export const persistRouter = t.router({
  /** What writing the design's files would change, file by file; kept ten minutes for persist.write. */
  preview: t.procedure
    .input(PersistPreviewInput)
    .mutation(({ ctx, input }) => persistService(ctx).preview(input, ctx.who).catch(asTrpcError)),
  /** Writes exactly what preview `id` showed, or nothing. */
  write: t.procedure
    .input(
      z.strictObject({
        id: Uuid,
        adopt: z.array(PersistPath).max(200).optional(),
        allowConflicts: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      try {
        return persistService(ctx).write(
          input.id,
          { ...(input.adopt ? { adopt: input.adopt } : {}), ...(input.allowConflicts ? { allowConflicts: true } : {}) },
          ctx.who,
        );
      } catch (error) {
        return asTrpcError(error);
      }
    }),
});
