import { z } from 'zod';
import { blogNetwork } from '../../core/demo/blog-network';
import { validate, checkTopologyText } from '../../core/validate/validate';
import { publicProcedure, router } from '../trpc';

/** Topology JSON can be large, but not unbounded: a 2 MB document is thousands of jails. */
export const MAX_TOPOLOGY_TEXT = 2_000_000;

// Checks of designs that need no storage (stored designs are `designs`, in designs.ts).
export const validationRouter = router({
  /** The built-in demo design (the blog diagram in docs/architecture.md plus a Tor relay), with its validation. */
  demo: publicProcedure.query(() => {
    const topology = blogNetwork();
    return { topology, problems: validate(topology) };
  }),

  /** Parses and validates topology JSON text; never throws on bad input, it reports it. */
  check: publicProcedure
    .input(
      z.strictObject({
        text: z.string().max(MAX_TOPOLOGY_TEXT, `topology JSON is limited to ${MAX_TOPOLOGY_TEXT} characters`),
      }),
    )
    .mutation(({ input }) => checkTopologyText(input.text)),
});
