import type { ChangeEvent } from 'react';
import { parseTopology } from '../core/topology/document';
import type { Topology } from '../core/topology/schema';
import { formatPath } from '../core/validate/problem';

/** A chosen JSON file as a topology, or in words why it is not one (the first few problems). */
async function readTopologyFile(
  file: File,
): Promise<{ ok: true; topology: Topology } | { ok: false; message: string }> {
  const parsed = parseTopology(await file.text());
  if (parsed.ok) return parsed;
  return {
    ok: false,
    message: `Not imported: ${parsed.problems
      .slice(0, 3)
      .map((p) => `${p.path.length ? `${formatPath(p.path)}: ` : ''}${p.message}`)
      .join('; ')}`,
  };
}

/**
 * The file picked in an `<input type="file">`, read as a topology: `onTopology` gets it whole, or
 * `onRefused` says why not (all or nothing). The input is cleared so the same file can be picked again.
 */
export async function importChosenFile(
  event: ChangeEvent<HTMLInputElement>,
  onTopology: (topology: Topology, file: File) => unknown,
  onRefused: (message: string) => void,
) {
  const file = event.target.files?.[0];
  event.target.value = '';
  if (!file) return;
  const read = await readTopologyFile(file);
  if (read.ok) await onTopology(read.topology, file);
  else onRefused(read.message);
}
