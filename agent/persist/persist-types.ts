import { createHash } from 'node:crypto';
import { JsonLines } from '../apply/json-lines';
import type { Topology } from '../../core/topology/schema';

// The persist service's vocabulary: what a preview is asked for and answers, what a write returns,
// and what the journal (persist.jsonl in the state directory) records.

export class PersistRefused extends Error {
  constructor(
    readonly code: 'PRECONDITION_FAILED' | 'NOT_FOUND' | 'BAD_REQUEST',
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

/** Why someone writes files Patchbay did not render; journaled with the write. */
export interface PersistOverride {
  reason: string;
}

/**
 * What to persist: a design, which the agent renders itself (the normal way), or files given as they
 * are, accepted only with an override on an agent started with allowRawFiles (--allow-raw-files).
 */
export type PersistRequest = { topology: Topology } | { files: PersistFile[]; override: PersistOverride };

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
  /** What the file is for, when it was rendered from a design. */
  purpose?: string;
}

/** A rendered file Patchbay never writes (pf.conf): lines for the admin to add. */
export interface ManualFile {
  path: string;
  content: string;
  purpose: string;
}

export interface PersistPreview {
  id: string;
  createdAt: string;
  /** "design": rendered by the agent from a topology; "override": files given as they are. */
  source: 'design' | 'override';
  changes: PersistChange[];
  manual: ManualFile[];
}

export interface PersistWriteOptions {
  adopt?: string[];
  allowConflicts?: boolean;
}

export interface PersistWriteResult {
  written: { path: string; backup?: string }[];
}

export type PersistJournalEntry =
  | {
      type: 'persist-start';
      id: string;
      at: string;
      who: string;
      source: PersistPreview['source'];
      files: { path: string; action: PersistChange['action']; before: string; after: string }[];
      adopted: string[];
      conflictsAllowed: boolean;
      /**
       * Only for files not rendered by the agent: the stated reason, who previewed them, and every file's diff as
       * written.
       */
      override?: { reason: string; previewedBy: string; diffs: { path: string; diff: string }[] };
    }
  | { type: 'persist-file'; id: string; path: string; backup?: string }
  | { type: 'persist-end'; id: string; at: string; outcome: 'written' | 'failed'; error?: string }
  | { type: 'persist-prune'; id: string; path: string; removed: string[]; error?: string };

/** Each write to the host's files, one JSON line per event, flushed before the next file is touched. */
export class PersistJournal extends JsonLines<PersistJournalEntry> {
  constructor(stateDir: string) {
    super(stateDir, 'persist.jsonl');
  }
}

export function contentHash(content: string | undefined): string {
  return content === undefined ? 'absent' : `sha256:${createHash('sha256').update(content, 'utf8').digest('hex')}`;
}
