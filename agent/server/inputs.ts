import { z } from 'zod';
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
