import { z } from 'zod';
import { Id, PersistFile, PersistPath } from '../inputs';
import { asTrpcError, persistService, t } from '../trpc';

// Writing rendered files on the host: preview, then write exactly what was previewed.

export const persistRouter = t.router({
  /** What writing these rendered files would change, file by file; kept ten minutes for persist.write. */
  preview: t.procedure
    .input(z.strictObject({ files: z.array(PersistFile).min(1).max(200) }))
    .mutation(({ ctx, input }) => persistService(ctx).preview(input.files)),
  /** Writes exactly what preview `id` showed, or nothing. */
  write: t.procedure
    .input(z.strictObject({ id: Id, adopt: z.array(PersistPath).max(200).optional(), allowConflicts: z.boolean().optional() }))
    .mutation(({ ctx, input }) => {
      try {
        return persistService(ctx).write(input.id, { ...(input.adopt ? { adopt: input.adopt } : {}), ...(input.allowConflicts ? { allowConflicts: true } : {}) }, ctx.who);
      } catch (error) {
        return asTrpcError(error);
      }
    }),
});
