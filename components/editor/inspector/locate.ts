import type { Interface, Segment, Stack, Topology } from '../../../core/topology/schema';
import type { PathSegment, Problem } from '../../../core/validate/problem';
import { parseSharedIpEdgeId } from '../../../core/graph/shared-ip';

// What the selection is in the design, and where it sits, so problems can be shown on its fields.

type Located =
  | { kind: 'stack'; stack: Stack; path: PathSegment[] }
  | { kind: 'interface'; iface: Interface; stack: Stack; path: PathSegment[] }
  | { kind: 'segment'; segment: Segment; path: PathSegment[] };

export function locate(t: Topology, id: string): Located | undefined {
  const edge = /^(epair|member|uplink|internet):(.+)$/.exec(id);
  // A shared-IP line is its jail's.
  const sharedJail = parseSharedIpEdgeId(t, id)?.jail;
  const target = sharedJail ? sharedJail.id : edge ? edge[2]! : id;
  for (const [i, stack] of t.stacks.entries()) {
    if (stack.id === target) return { kind: 'stack', stack, path: ['stacks', i] };
    const j = stack.interfaces.findIndex((iface) => iface.id === target);
    if (j >= 0) return { kind: 'interface', iface: stack.interfaces[j]!, stack, path: ['stacks', i, 'interfaces', j] };
  }
  const k = t.segments.findIndex((s) => s.id === target);
  return k >= 0 ? { kind: 'segment', segment: t.segments[k]!, path: ['segments', k] } : undefined;
}

/**
 * Problems of one field of the located element (`field` undefined: the ones on no particular field).
 * `field` may be a dotted path (`sharedIp.ip4.0.address`, see fieldPath): the problems at or below it.
 */
export function fieldProblems(problems: readonly Problem[], path: readonly PathSegment[], field?: string): Problem[] {
  const below = field === undefined ? undefined : fieldPath(field);
  return problems.filter((p) => {
    if (p.path.length < path.length || !path.every((segment, i) => p.path[i] === segment)) return false;
    if (below === undefined) return p.path[path.length] === undefined;
    return below.every((segment, i) => p.path[path.length + i] === segment);
  });
}

/**
 * A field's path below its element: one name, or a dotted path such as `sharedIp.ip4.0.address` for
 * a field inside a list (numbers are list indexes), as held text and its problems are placed.
 */
export function fieldPath(field: string): PathSegment[] {
  return field.split('.').map((segment) => (/^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment));
}
