import type { Import } from './import-graph';

/** A group of files that import each other, and one cycle through them to show. */
export interface Cycle {
  /** Every file of the strongly connected group, sorted. */
  files: string[];
  /** A shortest path from the first file back to itself, e.g. [a, b, a]. */
  path: string[];
}

/**
 * Every strongly connected group of files (Tarjan), each shown as one cycle through it, so a failure
 * names files to untangle rather than a count. Self-imports are cycles too.
 */
export function importCycles(imports: readonly Pick<Import, 'from' | 'target'>[]): Cycle[] {
  const edges = new Map<string, string[]>();
  for (const { from, target } of imports) {
    if (target === undefined) continue;
    edges.set(from, [...(edges.get(from) ?? []), target]);
    if (!edges.has(target)) edges.set(target, []);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1 || edges.get(node)!.includes(node)) groups.push(group);
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return groups
    .map((group) => ({ files: [...group].sort(), path: cycleThrough(group, edges) }))
    .sort((a, b) => a.files[0]!.localeCompare(b.files[0]!));
}

/** A shortest path from the group's first file (alphabetically) back to itself, inside the group. */
function cycleThrough(group: string[], edges: Map<string, string[]>): string[] {
  const members = new Set(group);
  const start = [...group].sort()[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of edges.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}
