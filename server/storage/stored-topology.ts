import { readTopology } from '../../core/topology/document';
import type { PathSegment } from '../../core/topology/problem';
import type { Topology } from '../../core/topology/schema';

/** Why a stored version does not read back: the first problem, with its path and rule. */
export interface Unreadable {
  version: number;
  rule: string;
  path: PathSegment[];
  message: string;
}

/** A design whose stored version does not read back; the list shows it instead of failing. */
export class UnreadableDesign extends Error {
  constructor(
    readonly id: string,
    readonly designName: string | null,
    readonly unreadable: Unreadable,
  ) {
    const where = unreadable.path.length ? ` at ${unreadable.path.join('.')}` : '';
    super(
      `Design ${designName ?? id} version ${unreadable.version} cannot be read (${unreadable.rule}${where}): ${unreadable.message}`,
    );
    this.name = 'UnreadableDesign';
  }
}

/**
 * A stored row's topology, through the same migrations and schema as any file. Rows are written by
 * this code, so one that fails is a bug or a hand edit: it is reported, never thrown at a list.
 */
export function readStoredTopology(
  text: string,
  version: number,
): { ok: true; topology: Topology } | { ok: false; unreadable: Unreadable } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      unreadable: {
        version,
        rule: 'document.json',
        path: [],
        message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      },
    };
  }
  const read = readTopology(value);
  if (read.ok) return read;
  const first = read.problems[0]!;
  return { ok: false, unreadable: { version, rule: first.rule, path: first.path, message: first.message } };
}
