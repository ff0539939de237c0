import { z } from 'zod';
import { readDesignName } from '../../core/editor/design-name';
import { MigratingTopologySchema } from '../../core/topology/document';
import { validate } from '../../core/validate/validate';
import { publicProcedure, router } from '../trpc';

// Saved designs with their history. A design is stored even with validation problems (work in
// progress is worth keeping); what is wrong travels back with it.

const DesignId = z.string().uuid();
// The browser's rule (core/editor/design-name.ts), checked again here.
const Name = z.string().transform((text, ctx) => {
  const read = readDesignName(text);
  if (read.ok) return read.name;
  ctx.addIssue({ code: 'custom', message: read.reason });
  return z.NEVER;
});

export const designsRouter = router({
  list: publicProcedure.query(({ ctx }) => ctx.designs().list()),

  open: publicProcedure
    .input(z.strictObject({ id: DesignId, version: z.number().int().min(1).optional() }))
    .query(({ ctx, input }) => {
      const opened = ctx.designs().open(input.id, input.version);
      return { ...opened, problems: validate(opened.topology) };
    }),

  create: publicProcedure
    .input(z.strictObject({ name: Name, topology: MigratingTopologySchema }))
    .mutation(({ ctx, input }) => ctx.designs().create(input.name, input.topology)),

  save: publicProcedure
    .input(z.strictObject({ id: DesignId, topology: MigratingTopologySchema, note: z.string().max(200).optional() }))
    .mutation(({ ctx, input }) => ({
      version: ctx.designs().save(input.id, input.topology, input.note),
      problems: validate(input.topology),
    })),

  versions: publicProcedure
    .input(z.strictObject({ id: DesignId }))
    .query(({ ctx, input }) => ctx.designs().versions(input.id)),

  rename: publicProcedure
    .input(z.strictObject({ id: DesignId, name: Name }))
    .mutation(({ ctx, input }) => ctx.designs().rename(input.id, input.name)),

  duplicate: publicProcedure
    .input(z.strictObject({ id: DesignId, name: Name }))
    .mutation(({ ctx, input }) => ctx.designs().duplicate(input.id, input.name)),

  delete: publicProcedure.input(z.strictObject({ id: DesignId })).mutation(({ ctx, input }) => {
    ctx.designs().delete(input.id);
    return { deleted: input.id };
  }),

  restore: publicProcedure
    .input(z.strictObject({ id: DesignId, version: z.number().int().min(1) }))
    .mutation(({ ctx, input }) => ({ version: ctx.designs().restore(input.id, input.version) })),
});
