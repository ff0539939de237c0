import { z } from 'zod';

// What `patchbay … --json` prints, subcommand by subcommand. The CLI checks every value against its
// schema before printing it, and the tests parse the bundle's real output with these same schemas,
// so a script reading the JSON can rely on them. Where a value crosses the agent's wire too (a plan,
// an apply's result), the schema is the wire contract's own (core/wire/answers.ts, apply-progress.ts).

export const CLI_JSON_VERSION = 1;

export const ProblemSchema = z.strictObject({
  severity: z.enum(['error', 'warning']),
  rule: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});

/** Every failure, whatever the subcommand: what went wrong and where, and the exit code it ended with. */
export const CliErrorOutputSchema = z.strictObject({
  version: z.literal(CLI_JSON_VERSION),
  ok: z.literal(false),
  exit: z.number().int().min(1).max(4),
  error: z.strictObject({
    message: z.string(),
    file: z.string().optional(),
    field: z.string().optional(),
    rule: z.string().optional(),
  }),
  /** When the error is a design's problems, all of them. */
  problems: z.array(ProblemSchema).optional(),
});

export const ValidateOutputSchema = z.strictObject({
  version: z.literal(CLI_JSON_VERSION),
  command: z.literal('validate'),
  file: z.string(),
  ok: z.boolean(),
  errors: z.number().int().min(0),
  warnings: z.number().int().min(0),
  problems: z.array(ProblemSchema),
});

export const AsciiOutputSchema = z.strictObject({
  version: z.literal(CLI_JSON_VERSION),
  command: z.literal('ascii'),
  file: z.string(),
  text: z.string(),
});

export const RenderOutputSchema = z.strictObject({
  version: z.literal(CLI_JSON_VERSION),
  command: z.literal('render'),
  file: z.string(),
  out: z.string(),
  files: z.array(
    z.strictObject({
      /** Where the file goes on the FreeBSD host. */
      hostPath: z.string(),
      /** Where the CLI wrote it, under --out. */
      written: z.string(),
      owner: z.enum(['patchbay', 'user']),
      purpose: z.string(),
      bytes: z.number().int().min(0),
    }),
  ),
});
