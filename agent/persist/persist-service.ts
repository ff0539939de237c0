import { randomUUID } from 'node:crypto';
import { anchorOfFilePath } from '../../core/render/pf-files';
import type { Executor } from '../executor/types';
import { checkKeepBackups, DEFAULT_KEEP_BACKUPS, pruneBackups } from './backup-retention';
import { designFiles } from './design-files';
import { backupPath, type HostFiles } from './host-files';
import {
  contentHash,
  PersistJournal,
  PersistRefused,
  type ManualFile,
  type PersistChange,
  type PersistFile,
  type PersistOverride,
  type PersistPreview,
  type PersistRequest,
  type PersistWriteOptions,
  type PersistWriteResult,
} from './persist-types';
import { previewChange } from './preview-change';

export * from './persist-types';

// Persisting a design on the host: preview renders the design (core/render, here on the agent),
// says file by file what would change (a diff, conflicts, refusals) and is kept for ten minutes;
// write then writes exactly what was previewed, all or nothing up front: it refuses, having changed
// nothing, if a file changed on disk since the preview, if a foreign file was not adopted, or if a
// conflict was not allowed. Every replaced file is backed up first (the newest `keepBackups` kept),
// and each write is journaled (persist.jsonl in the state directory). Files the caller wrote itself
// are taken only with an override, and only when the agent was started to allow them.

const PREVIEW_LIFETIME_MS = 10 * 60_000;
const MAX_PREVIEWS = 20;
const MAX_OVERRIDE_REASON = 500;

const RAW_FILES_OFF =
  'This agent writes only what it renders from a design (persist.preview { topology }). Files given as they are could carry root code for the next boot ' +
  "(rc.conf is sh run by rc(8); a jail's exec.prestart runs on the host), so they are refused unless the agent was started with --allow-raw-files " +
  'and the request says why ({ files, override: { reason } }); such a write is journaled with who, when, the reason and every diff.';

interface Stored {
  preview: PersistPreview;
  /** Per path: the hash of what was on disk ("absent" when nothing) and what to write. */
  files: Map<string, { before: string; after: string }>;
  override?: PersistOverride & { previewedBy: string };
}

interface PersistServiceOptions {
  files: HostFiles;
  stateDir: string;
  now?: () => Date;
  /**
   * Runs commands on the host, to check each pf anchor file with `pfctl -n -a <anchor> -f -` before
   * it is written: at boot, pfctl rolls the whole pf.conf load back when one `load anchor` file does
   * not parse (docs/freebsd/pf.md), so a broken file would cost the admin every rule.
   */
  executor?: Executor;
  /** Accept `{ files, override }` previews, files not rendered here (agent flag --allow-raw-files). Off by default. */
  allowRawFiles?: boolean;
  /** Backups kept per file after a write, newest first (default 10, 1..1000). */
  keepBackups?: number;
}

export class PersistService {
  readonly journal: PersistJournal;
  private readonly previews = new Map<string, Stored>();
  private lastBackupAt = 0;
  private readonly keepBackups: number;

  constructor(private readonly options: PersistServiceOptions) {
    this.journal = new PersistJournal(options.stateDir);
    this.keepBackups = checkKeepBackups(options.keepBackups ?? DEFAULT_KEEP_BACKUPS);
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
      if (result.code !== 0)
        problems.set(
          file.path,
          `pfctl -n -a ${anchor} refuses this file (${(result.stderr.trim() || `exit ${result.code}`).replace(/\n/g, ' ')}); at boot that would roll back the whole pf.conf load, so nothing is written.`,
        );
    }
    return problems;
  }

  /**
   * What writing the design (or, with an override on an agent that allows it, the given files)
   * would change. `who` is recorded with an override, for the journal.
   */
  async preview(request: PersistRequest, who = 'api'): Promise<PersistPreview> {
    if ('topology' in request) {
      const { toWrite, manual } = designFiles(request.topology);
      const purposes = new Map(toWrite.map((file) => [file.path, file.purpose]));
      return this.previewFiles(
        toWrite.map(({ path, owner, content }) => ({ path, owner, content })),
        { source: 'design', manual, purposes },
      );
    }
    if (!this.options.allowRawFiles) throw new PersistRefused('PRECONDITION_FAILED', RAW_FILES_OFF);
    const reason = request.override.reason.trim();
    if (reason.length === 0 || reason.length > MAX_OVERRIDE_REASON)
      throw new PersistRefused(
        'BAD_REQUEST',
        `An override needs a reason of 1 to ${MAX_OVERRIDE_REASON} characters; it is journaled with the write.`,
      );
    return this.previewFiles(request.files, { source: 'override', manual: [], override: { reason, previewedBy: who } });
  }

  private async previewFiles(
    files: PersistFile[],
    from: {
      source: PersistPreview['source'];
      manual: ManualFile[];
      purposes?: Map<string, string>;
      override?: Stored['override'];
    },
  ): Promise<PersistPreview> {
    const pfProblems = await this.checkAnchors(files);
    const seen = new Set<string>();
    const stored: Stored['files'] = new Map();
    const changes = files.map((file): PersistChange => {
      const purpose = from.purposes?.get(file.path);
      if (seen.has(file.path))
        return {
          path: file.path,
          owner: file.owner,
          action: 'refused',
          diff: '',
          conflicts: [],
          foreign: false,
          reason: `${file.path} is given twice.`,
        };
      seen.add(file.path);
      const previewed = previewChange(this.options.files, file, pfProblems.get(file.path));
      if (previewed.stored) stored.set(file.path, previewed.stored);
      return purpose === undefined ? previewed.change : { ...previewed.change, purpose };
    });
    const preview: PersistPreview = {
      id: randomUUID(),
      createdAt: this.now().toISOString(),
      source: from.source,
      changes,
      manual: from.manual,
    };
    this.keep({ preview, files: stored, ...(from.override ? { override: from.override } : {}) });
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
    if (!stored)
      throw new PersistRefused(
        'NOT_FOUND',
        `No preview ${id}; previews last ten minutes and until the agent restarts. Preview again.`,
      );
    const { changes } = stored.preview;
    const refused = changes.filter((c) => c.action === 'refused');
    if (refused.length)
      throw new PersistRefused(
        'PRECONDITION_FAILED',
        `The preview refused ${refused.length} file(s), so nothing is written: ${refused.map((c) => `${c.path}: ${c.reason}`).join(' ')}`,
      );
    const pending = changes.filter((c) => c.action !== 'unchanged');
    const adopt = new Set(options.adopt ?? []);
    const notAdopted = pending.filter((c) => c.foreign && !adopt.has(c.path));
    if (notAdopted.length)
      throw new PersistRefused(
        'PRECONDITION_FAILED',
        `${notAdopted.map((c) => c.path).join(', ')} exist(s) and Patchbay did not write them; nothing is written. Adopt them (adopt: [path]) to replace them, with a backup.`,
      );
    const conflicting = pending.filter((c) => c.conflicts.length);
    if (conflicting.length && !options.allowConflicts)
      throw new PersistRefused(
        'PRECONDITION_FAILED',
        `${conflicting.map((c) => `${c.path}: ${c.conflicts.join(' ')}`).join(' ')} Nothing is written; resolve the conflicts in the file or write with allowConflicts.`,
      );
    // Synchronous from here to the end (no await), so no other write can start in between.
    // Everything the preview looked at must still be as it was, unchanged files included.
    const changed = changes.filter((c) => {
      try {
        return contentHash(this.options.files.read(c.path)) !== stored.files.get(c.path)!.before;
      } catch {
        return true;
      }
    });
    if (changed.length)
      throw new PersistRefused(
        'PRECONDITION_FAILED',
        `${changed.map((c) => c.path).join(', ')} changed on the host since the preview; nothing is written. Preview again.`,
      );
    // Backup names carry the time; two writes within one millisecond still get different names.
    const at = new Date(Math.max(this.now().getTime(), this.lastBackupAt + 1));
    if (pending.some((c) => stored.files.get(c.path)!.before !== 'absent')) this.lastBackupAt = at.getTime();
    this.journal.append({
      type: 'persist-start',
      id,
      at: at.toISOString(),
      who,
      source: stored.preview.source,
      files: pending.map((c) => ({
        path: c.path,
        action: c.action,
        before: stored.files.get(c.path)!.before,
        after: contentHash(stored.files.get(c.path)!.after),
      })),
      adopted: pending.filter((c) => c.foreign).map((c) => c.path),
      conflictsAllowed: Boolean(conflicting.length),
      // Files nobody rendered: the journal keeps what was written, in full, and why.
      ...(stored.override
        ? {
            override: {
              reason: stored.override.reason,
              previewedBy: stored.override.previewedBy,
              diffs: pending.map((c) => ({ path: c.path, diff: c.diff })),
            },
          }
        : {}),
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
      throw new Error(
        `Writing the host's files stopped: ${message.replace(/\.$/, '')}. Written before that: ${done || 'none'}.`,
      );
    }
    this.journal.append({ type: 'persist-end', id, at: this.now().toISOString(), outcome: 'written' });
    this.previews.delete(id);
    this.pruneAfterWrite(id, written);
    return { written };
  }

  /** Deletes backups beyond the newest `keepBackups` of each written file; a failure is journaled, the write stands. */
  private pruneAfterWrite(id: string, written: PersistWriteResult['written']) {
    for (const { path } of written) {
      try {
        const removed = pruneBackups(this.options.files, path, this.keepBackups);
        if (removed.length) this.journal.append({ type: 'persist-prune', id, path, removed });
      } catch (error) {
        this.journal.append({
          type: 'persist-prune',
          id,
          path,
          removed: [],
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
}
