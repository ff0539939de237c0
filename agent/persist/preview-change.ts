import {
  blockConflicts,
  PatchbayBlockError,
  hasPatchbayHeader,
  mergeBlock,
  persistRule,
} from '../../core/render/persist-rules';
import { unifiedDiff } from '../../core/text/diff';
import { HostFileError, type HostFiles } from './host-files';
import { contentHash, type PersistChange, type PersistFile } from './persist-types';

// One file of a preview: where the allow-list puts it, what is on disk, what would be written, and
// the diff between the two. Pure apart from reading the file.

export interface PreviewedFile {
  change: PersistChange;
  /** For a file that is not refused: the hash of what is on disk ("absent" when nothing) and what to write. */
  stored?: { before: string; after: string };
}

/** `pfProblem`: what pfctl -n said about this file, when it is a pf anchor file it refused. */
export function previewChange(files: HostFiles, file: PersistFile, pfProblem: string | undefined): PreviewedFile {
  const refuse = (reason: string): PreviewedFile => ({
    change: { path: file.path, owner: file.owner, action: 'refused', diff: '', conflicts: [], foreign: false, reason },
  });
  const rule = persistRule(file.path);
  if (!rule.ok) return refuse(rule.reason);
  if (pfProblem) return refuse(pfProblem);
  if (rule.owner !== file.owner)
    return refuse(
      `${file.path} is ${rule.owner === 'user' ? 'yours' : "Patchbay's"} (${rule.rule}), not ${file.owner === 'user' ? "the user's" : "Patchbay's"} as the request says.`,
    );
  let before: string | undefined;
  try {
    before = files.read(file.path);
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
    if (!hasPatchbayHeader(file.path, file.content))
      return refuse(
        `The content for ${file.path} does not start with Patchbay's header line ("# ${file.path}: ..., written by Patchbay from the design ...").`,
      );
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
      if (error instanceof PatchbayBlockError) return refuse(`${file.path}: ${error.message}`);
      throw error;
    }
  }
  const action = before === undefined ? 'create' : before === after ? 'unchanged' : 'update';
  return {
    change: {
      path: file.path,
      owner: file.owner,
      action,
      diff: unifiedDiff(before ?? '', after, { from: before === undefined ? '/dev/null' : file.path, to: file.path }),
      conflicts,
      foreign: foreign && action !== 'unchanged',
      ...(reason && action !== 'unchanged' ? { reason } : {}),
    },
    stored: { before: contentHash(before), after },
  };
}
