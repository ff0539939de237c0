import { persistRule } from '../../core/render/persist-rules';

// The agent's only way to read and write configuration files on the host. Two implementations:
// node-files.ts (the real host, as root) and memory-files.ts (the emulator's small filesystem). Both
// refuse symlinks and anything that is not a regular file (node-files also a file with a second hard
// link, whose other name may be anywhere on the same filesystem), create only Patchbay's own
// directories, and write a file by renaming a finished temporary file over it, so a reader (or a
// crash) sees the old content or the new, never half.

export interface HostFiles {
  /** The file's text, or undefined when it (or a directory above it) does not exist. */
  read(path: string): string | undefined;
  /** Replaces or creates the file atomically: 0644 root for a new file, an existing file keeps its mode and owner. */
  write(path: string, content: string): void;
  /** Copies `path` to `to` (which must not exist yet), keeping its mode. */
  backup(path: string, to: string): void;
  /** The backups of `path` that exist (regular files named by backupPath), in no particular order. */
  backups(path: string): string[];
  /** Deletes one backup of `path` (only a name backupPath could have made). */
  removeBackup(path: string, backup: string): void;
}

export class HostFileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'HostFileError';
  }
}

/** Largest file read or written: configuration files are small; anything bigger is not one of ours. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Throws unless the allow-list lets Patchbay write `path` (defence in depth: the service checks first). */
export function assertAllowed(path: string): void {
  const rule = persistRule(path);
  if (!rule.ok) throw new HostFileError(path, rule.reason);
}

const BACKUP = /^\.patchbay-\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\.bak$/;

/** Backups sit next to their file, named `<path>.patchbay-<ISO time>.bak`. */
export function backupPath(path: string, at: Date): string {
  return `${path}.patchbay-${at.toISOString()}.bak`;
}

/** Whether `candidate` is a name backupPath(path, …) returns. */
export function isBackupOf(path: string, candidate: string): boolean {
  return candidate.startsWith(path) && BACKUP.test(candidate.slice(path.length));
}

export function assertBackup(path: string, to: string): void {
  assertAllowed(path);
  if (!isBackupOf(path, to))
    throw new HostFileError(to, `${to} is not a backup name for ${path} (<path>.patchbay-<ISO time>.bak).`);
}

/** "/a/b/c" → ["/a", "/a/b"]: the directories above a path, top first. */
export function ancestors(path: string): string[] {
  const parts = path.split('/').slice(1, -1);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}`);
}
