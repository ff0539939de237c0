import { z } from 'zod';
import { MigratingTopologySchema } from '../../core/topology/document';
import { PersistPath } from '../../core/wire/inputs';
import { MAX_FILE_BYTES } from '../persist/host-files';

// The agent's own input rules: whatever the dashboard checked, the agent checks again before anything
// runs. The rules it shares with the dashboard are in core/wire/inputs.ts.

export const PersistFile = z.strictObject({
  path: PersistPath,
  owner: z.enum(['patchbay', 'user']),
  // Text configuration: tabs and newlines, no other control characters (no NUL, no CR).
  content: z
    .string()
    .max(MAX_FILE_BYTES)
    .regex(
      /^[^\u0000-\u0008\u000b-\u001f\u007f]*$/,
      'file content may hold tabs and newlines but no other control characters',
    ),
});

/** Why files not rendered from a design are written anyway: one line, journaled with the write. */
export const PersistOverride = z.strictObject({
  reason: z
    .string()
    .min(1)
    .max(500)
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'the override reason is one line of text, without control characters')
    .refine((reason) => reason.trim() !== '', 'the override reason must say something'),
});

/**
 * persist.preview: `{ topology }`, a design the agent renders itself, or `{ files, override }`, files
 * as they are, which the agent takes only when started with --allow-raw-files.
 */
export const PersistPreviewInput = z.union(
  [
    z.strictObject({ topology: MigratingTopologySchema }),
    z.strictObject({ files: z.array(PersistFile).min(1).max(200), override: PersistOverride }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? 'persist.preview takes { topology } (a design, which the agent renders) or { files, override: { reason } } (files as they are, only on an agent started with --allow-raw-files)'
        : undefined,
  },
);
