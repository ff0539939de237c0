import type { HostFiles } from './host-files';

// Every write backs up the file it replaces, so without a limit /etc would fill with
// rc.conf.patchbay-<time>.bak files, one per write, for ever. After a successful write only the
// newest `keep` backups of each written file stay.

export const DEFAULT_KEEP_BACKUPS = 10;
const MAX_KEEP_BACKUPS = 1000;

/** Throws unless `keep` is a whole number from 1 (the backup just made is never deleted) to MAX_KEEP_BACKUPS. */
export function checkKeepBackups(keep: number): number {
  if (!Number.isInteger(keep) || keep < 1 || keep > MAX_KEEP_BACKUPS)
    throw new RangeError(`keepBackups must be a whole number from 1 to ${MAX_KEEP_BACKUPS}; got ${keep}.`);
  return keep;
}

/**
 * Of `backups` (names from backupPath, which end in a fixed-width ISO time, so they sort by name in
 * time order), the ones beyond the newest `keep`, oldest last.
 */
export function backupsBeyond(backups: string[], keep: number): string[] {
  return [...backups].sort().reverse().slice(keep);
}

/** Deletes the backups of `path` beyond the newest `keep`; returns what it deleted, in the order it did. */
export function pruneBackups(files: HostFiles, path: string, keep: number): string[] {
  const removed: string[] = [];
  for (const backup of backupsBeyond(files.backups(path), keep)) {
    files.removeBackup(path, backup);
    removed.push(backup);
  }
  return removed;
}
