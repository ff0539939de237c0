import type { Topology } from './schema';

/**
 * What a design means: everything validation, the audit, the renderers and the planner read. Only
 * `layout` (where boxes are drawn) is left out, so a new top-level field is meaningful by default
 * and no consumer can forget it (issue 15: four hand-written field lists drifted apart).
 */
export type Meaning = Omit<Topology, 'layout'>;

export function meaningOf(topology: Topology): Meaning {
  const { layout: _layout, ...meaning } = topology;
  return meaning;
}

/** Structural equality over decoded JSON; an absent key and an undefined one are the same. */
function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => equal(item, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!equal(left[key], right[key])) return false;
  return true;
}

/**
 * Whether two designs mean the same. Edits replace what they change and share the rest, so a drag
 * (a new layout only) is decided by reference checks alone; a deep comparison runs only for a field
 * that was replaced, e.g. after undo lands on an equal copy.
 */
export function sameMeaning(a: Topology, b: Topology): boolean {
  if (a === b) return true;
  const left = meaningOf(a) as Record<string, unknown>;
  const right = meaningOf(b) as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!equal(left[key], right[key])) return false;
  return true;
}
