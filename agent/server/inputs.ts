import { z } from 'zod';
import { TopologySchema } from '../../core/topology/schema';
import { MAX_FILE_BYTES } from '../persist/host-files';

// The agent's own input rules: whatever the dashboard checked, the agent checks again before anything runs.

export const EventId = z.string().regex(/^[0-9]{1,15}$/, 'event ids are decimal numbers');
/** Adoption keys: "<jail path or empty>/<interface>" or a jail path; the same safe characters as names. */
export const AdoptKey = z.string().max(300).regex(/^[A-Za-z0-9_.-]*(\/[A-Za-z0-9_]+)?$/, 'adopt keys are "<jail>/<interface>" or a jail name');
export const Id = z.string().uuid();

/** A path the agent may be asked about: absolute, plain characters, no "." or ".." parts, no "//". */
export const PersistPath = z
  .string()
  .min(2)
  .max(1024)
  .regex(/^(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)+$/, 'paths are absolute, made of letters, digits, "_", "." and "-", with no "//" and no part starting with "." or "-"');
export const PersistFile = z.strictObject({
  path: PersistPath,
  owner: z.enum(['patchbay', 'user']),
  // Text configuration: tabs and newlines, no other control characters (no NUL, no CR).
  content: z.string().max(MAX_FILE_BYTES).regex(/^[^\u0000-\u0008\u000b-\u001f\u007f]*$/, 'file content may hold tabs and newlines but no other control characters'),
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
export const PersistPreviewInput = z.union([z.strictObject({ topology: TopologySchema }), z.strictObject({ files: z.array(PersistFile).min(1).max(200), override: PersistOverride })], {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? 'persist.preview takes { topology } (a design, which the agent renders) or { files, override: { reason } } (files as they are, only on an agent started with --allow-raw-files)'
      : undefined,
});
