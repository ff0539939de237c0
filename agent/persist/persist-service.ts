import { createHash, randomUUID } from 'node:crypto';
import { JsonLines } from '../apply/json-lines';
import { blockConflicts, BlockError, hasPatchbayHeader, mergeBlock, persistRule } from '../../core/render/persist-rules';
import { unifiedDiff } from '../../core/text/diff';
import { anchorOfFilePath } from '../../core/render/pf-files';
import type { Executor } from '../executor/types';
import { backupPath, HostFileError, type HostFiles } from './host-files';

// Persisting a design on the host: preview says, file by file, what would change (a diff, conflicts,
// refusals) and is kept for ten minutes; write then writes exactly what was previewed, all or
// nothing up front: it refuses, having changed nothing, if a file changed on disk since the preview,
// if a foreign file was not adopted, or if a conflict was not allowed. Every replaced file is backed
// up first, and each write is journaled (persist.jsonl in the state directory).

const PREVIEW_LIFETIME_MS = 10 * 60_000;
const MAX_PREVIEWS = 20;

export class PersistRefused extends Error {
  constructor(
    readonly code: 'PRECONDITION_FAILED' | 'NOT_FOUND',
    message: string,
  ) {
    super(message);
    this.name = 'PersistRefused';
  }
}

export interface PersistFile {
  path: string;
  owner: 'patchbay' | 'user';
  content: string;
}

export interface PersistChange {
  path: string;
  owner: 'patchbay' | 'user';
  action: 'create' | 'update' | 'unchanged' | 'refused';
  /** Unified diff, before → after; "" when unchanged or refused. */
  diff: string;
  /** Admin settings the block would override (rc.conf-style files), or lines read twice (jail.conf). */
  conflicts: string[];
  /** A Patchbay path holding a file Patchbay did not write: replaced only if the write adopts it. */
  foreign: boolean;
  reason?: string;
}

export interface PersistPreview {
  id: string;
  createdAt: string;
  changes: PersistChange[];
}

export interface PersistWriteOptions {
  adopt?: string[];
  allowConflicts?: boolean;
}

export interface PersistWriteResult {
  written: { path: string; backup?: string }[];
}

interface Stored {
  preview: PersistPreview;
  /** Per path: the hash of what was on disk ("absent" when nothing) and what to write. */
  files: Map<string, { before: string; after: string }>;
}

export type PersistJournalEntry =
  | { type: 'persist-start'; id: string; at: string; who: string; files: { path: string; action: PersistChange['action']; before: string; after: string }[]; adopted: string[]; conflictsAllowed: boolean }
  | { type: 'persist-file'; id: string; path: string; backup?: string }
  | { type: 'persist-end'; id: string; at: string; outcome: 'written' | 'failed'; error?: string };

/** Each write to the host's files, one JSON line per event, flushed before the next file is touched. */
export class PersistJournal extends JsonLines<PersistJournalEntry> {
  constructor(stateDir: string) {
    super(stateDir, 'persist.jsonl');
  }
}

export function contentHash(content: string | undefined): string {
  return content === undefined ? 'absent' : `sha256:${createHash('sha256').update(content, 'utf8').digest('hex')}`;
}

export interface PersistServiceOptions {
  files: HostFiles;
  stateDir: string;
  now?: () => Date;
  /**
   * Runs commands on the host, to check each pf anchor file with `pfctl -n -a <anchor> -f -` before
   * it is written: at boot, pfctl rolls the whole pf.conf load back when one `load anchor` file does
   * not parse (docs/freebsd/pf.md), so a broken file would cost the admin every rule.
   */
  executor?: Executor;
}

export class PersistService {
  readonly journal: PersistJournal;
  private readonly previews = new Map<string, Stored>();
  private lastBackupAt = 0;

  constructor(private readonly options: PersistServiceOptions) {
    this.journal = new PersistJournal(options.stateDir);
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }

  /** What pfctl says about each anchor file's content, by path: undefined when it parses. */
  private async checkAnchors(files: PersistFile[]): Promise<Map<string, string>> {
    const problems = new Map<string, string>();
    const { executor } = this.options;
    if (!executor) return problems;
    for (const file of files) {
      const anchor = anchorOfFilePath(file.path);
      if (anchor === undefined) continue;
      const result = await executor.run({ argv: ['pfctl', '-n', '-a', anchor, '-f', '-'], stdin: file.content });
      if (result.code !== 0) problems.set(file.path, `pfctl -n -a ${anchor} refuses this file (${(result.stderr.trim() || `exit ${result.code}`).replace(/\n/g, ' ')}); at boot that would roll back the whole pf.conf load, so nothing is written.`);
    }
    return problems;
  }

  async preview(files: PersistFile[]): Promise<PersistPreview> {
    const pfProblems = await this.checkAnchors(files);
    const seen = new Set<string>();
    const stored: Stored['files'] = new Map();
    const changes = files.map((file): PersistChange => {
      const refuse = (reason: string): PersistChange => ({ path: file.path, owner: file.owner, action: 'refused', diff: '', conflicts: [], foreign: false, reason });
      if (seen.has(file.path)) return refuse(`${file.path} is given twice.`);
      seen.add(file.path);
      const rule = persistRule(file.path);
      if (!rule.ok) return refuse(rule.reason);
      const pfProblem = pfProblems.get(file.path);
      if (pfProblem) return refuse(pfProblem);
      if (rule.owner !== file.owner) return refuse(`${file.path} is ${rule.owner === 'user' ? 'yours' : "Patchbay's"} (${rule.rule}), not ${file.owner === 'user' ? "the user's" : "Patchbay's"} as the request says.`);
      let before: string | undefined;
      try {
        before = this.options.files.read(file.path);
      } catch (error) {
        if (error instanceof HostFileError) return refuse(error.message);
        throw error;
      }
      let after: string;
      let conflicts: string[] = [];
      let foreign = false;
      let reason: string | undefined;
      if (rule.owner === 'patchbay') {
        // A file written without the header would look foreign the next time.
        if (!hasPatchbayHeader(file.path, file.content)) return refuse(`The content for ${file.path} does not start with Patchbay's header line ("# ${file.path}: ..., written by Patchbay from the design ...").`);
        after = file.content;
        if (before !== undefined && !hasPatchbayHeader(file.path, before)) {
          foreign = true;
          reason = `${file.path} exists and was not written by Patchbay (no Patchbay header); it is replaced only if the write adopts it (a backup is kept).`;
        }
      } else {
        try {
          const merged = mergeBlock(before, file.content);
          after = merged.content;
          conflicts = blockConflicts(merged, rule.style);
        } catch (error) {
          if (error instanceof BlockError) return refuse(`${file.path}: ${error.message}`);
          throw error;
        }
      }
      stored.set(file.path, { before: contentHash(before), after });
      const action = before === undefined ? 'create' : before === after ? 'unchanged' : 'update';
      return {
        path: file.path,
        owner: file.owner,
        action,
        diff: unifiedDiff(before ?? '', after, { from: before === undefined ? '/dev/null' : file.path, to: file.path }),
        conflicts,
        foreign: foreign && action !== 'unchanged',
        ...(reason && action !== 'unchanged' ? { reason } : {}),
      };
    });
    const preview: PersistPreview = { id: randomUUID(), createdAt: this.now().toISOString(), changes };
    this.keep({ preview, files: stored });
    return preview;
  }

  /** Previews wait for a write at most ten minutes, and only the 20 newest are kept. */
  private keep(stored: Stored) {
    this.expire();
    this.previews.set(stored.preview.id, stored);
    while (this.previews.size > MAX_PREVIEWS) this.previews.delete(this.previews.keys().next().value!);
  }

  private expire() {
    const cutoff = this.now().getTime() - PREVIEW_LIFETIME_MS;
    for (const [id, kept] of this.previews) if (Date.parse(kept.preview.createdAt) < cutoff) this.previews.delete(id);
  }

  write(id: string, options: PersistWriteOptions, who: string): PersistWriteResult {
    this.expire();
    const stored = this.previews.get(id);
    if (!stored) throw new PersistRefused('NOT_FOUND', `No preview ${id}; previews last ten minutes and until the agent restarts. Preview again.`);
    const { changes } = stored.preview;
    const refused = changes.filter((c) => c.action === 'refused');
    if (refused.length) throw new PersistRefused('PRECONDITION_FAILED', `The preview refused ${refused.length} file(s), so nothing is written: ${refused.map((c) => `${c.path}: ${c.reason}`).join(' ')}`);
    const pending = changes.filter((c) => c.action !== 'unchanged');
    const adopt = new Set(options.adopt ?? []);
    const notAdopted = pending.filter((c) => c.foreign && !adopt.has(c.path));
    if (notAdopted.length) throw new PersistRefused('PRECONDITION_FAILED', `${notAdopted.map((c) => c.path).join(', ')} exist(s) and Patchbay did not write them; nothing is written. Adopt them (adopt: [path]) to replace them, with a backup.`);
    const conflicting = pending.filter((c) => c.conflicts.length);
    if (conflicting.length && !options.allowConflicts) throw new PersistRefused('PRECONDITION_FAILED', `${conflicting.map((c) => `${c.path}: ${c.conflicts.join(' ')}`).join(' ')} Nothing is written; resolve the conflicts in the file or write with allowConflicts.`);
    // Synchronous from here to the end (no await), so no other write can start in between.
    // Everything the preview looked at must still be as it was, unchanged files included.
    const changed = changes.filter((c) => {
      try {
        return contentHash(this.options.files.read(c.path)) !== stored.files.get(c.path)!.before;
      } catch {
        return true;
      }
    });
    if (changed.length) throw new PersistRefused('PRECONDITION_FAILED', `${changed.map((c) => c.path).join(', ')} changed on the host since the preview; nothing is written. Preview again.`);
    // Backup names carry the time; two writes within one millisecond still get different names.
    const at = new Date(Math.max(this.now().getTime(), this.lastBackupAt + 1));
    if (pending.some((c) => stored.files.get(c.path)!.before !== 'absent')) this.lastBackupAt = at.getTime();
    this.journal.append({
      type: 'persist-start',
      id,
      at: at.toISOString(),
      who,
      files: pending.map((c) => ({ path: c.path, action: c.action, before: stored.files.get(c.path)!.before, after: contentHash(stored.files.get(c.path)!.after) })),
      adopted: pending.filter((c) => c.foreign).map((c) => c.path),
      conflictsAllowed: Boolean(conflicting.length),
    });
    const written: PersistWriteResult['written'] = [];
    try {
      for (const change of pending) {
        const file = stored.files.get(change.path)!;
        let backup: string | undefined;
        if (file.before !== 'absent') {
          backup = backupPath(change.path, at);
          this.options.files.backup(change.path, backup);
        }
        this.options.files.write(change.path, file.after);
        this.journal.append({ type: 'persist-file', id, path: change.path, ...(backup ? { backup } : {}) });
        written.push({ path: change.path, ...(backup ? { backup } : {}) });
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.journal.append({ type: 'persist-end', id, at: this.now().toISOString(), outcome: 'failed', error: message });
      const done = written.map((w) => (w.backup ? `${w.path} (backup ${w.backup})` : w.path)).join(', ');
      throw new Error(`Writing the host's files stopped: ${message.replace(/\.$/, '')}. Written before that: ${done || 'none'}.`);
    }
    this.journal.append({ type: 'persist-end', id, at: this.now().toISOString(), outcome: 'written' });
    this.previews.delete(id);
    return { written };
  }
}
