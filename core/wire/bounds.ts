import { z } from 'zod';

// Bounds on what crosses the wire between an agent and the dashboard. An agent URL can point at any
// server, so what comes back is bounded where a bad value would hurt (a huge string, an index).

export const Text = z.string().max(1_000_000);
export const Name = z.string().max(1_000);
export const IsoTime = z
  .string()
  .max(64)
  .refine((text) => !Number.isNaN(Date.parse(text)), 'a date and time');
export const Count = z.number().int().min(0).max(1_000_000);

/**
 * Compile-time agreement of a schema with the type it describes: every value of the type passes the
 * schema, and what the schema lets through has every field the type promises.
 */
export type Agrees<Schema extends z.ZodType, Type> = [Type] extends [z.input<Schema>]
  ? [z.output<Schema>] extends [Type]
    ? true
    : 'the schema lets through what the type does not promise'
  : 'a value of the type would fail the schema';
