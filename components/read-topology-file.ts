import { parseTopology } from '../core/topology/document';
import type { Topology } from '../core/topology/schema';
import { formatPath } from '../core/validate/problem';

/** A chosen JSON file as a topology, or in words why it is not one (the first few problems). */
export async function readTopologyFile(file: File): Promise<{ ok: true; topology: Topology } | { ok: false; message: string }> {
  const parsed = parseTopology(await file.text());
  if (parsed.ok) return parsed;
  return { ok: false, message: `Not imported: ${parsed.problems.slice(0, 3).map((p) => `${p.path.length ? `${formatPath(p.path)}: ` : ''}${p.message}`).join('; ')}` };
}
