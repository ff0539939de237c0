import type { GraphNode, TopologyGraph } from '../../core/graph/to-graph';
import type { Layout } from '../../core/topology/schema';
import { withSavedPositions, type Box, type BoxLayout } from './auto-layout';
import { containerPadding } from './geometry';

// The editor's layout after an edit: what was on the screen stays where it was. ELK lays the whole
// graph out afresh on every change of the drawing, so wiring two boxes used to move every box the
// user had not dragged, often off screen. Here a box already shown keeps its place (taking the new
// size its rows need), a new box goes where ELK put it relative to the boxes around it, moved clear of
// its neighbours, and containers grow around what they hold.

type Point = { x: number; y: number };

/** What was drawn: each box, and the container it was drawn in (a box that changes container is new there). */
export interface ShownLayout {
  boxes: BoxLayout;
  parents: ReadonlyMap<string, string | undefined>;
}

const GAP = 36;

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** `box` moved down, in steps of its own height and a gap, until it overlaps none of `others`. */
function clear(box: Box, others: readonly Box[]): Box {
  let placed = box;
  for (let tries = 0; tries < 500 && others.some((o) => overlaps(placed, o)); tries++) {
    const blocking = others.filter((o) => overlaps(placed, o));
    placed = { ...placed, y: Math.max(...blocking.map((o) => o.y + o.height)) + GAP };
  }
  return placed;
}

/** How many containers `node` is drawn inside. */
function depthOf(node: GraphNode, byId: ReadonlyMap<string, GraphNode>): number {
  let depth = 0;
  for (let at = node.parentId; at !== undefined && depth < byId.size; at = byId.get(at)?.parentId) depth++;
  return depth;
}

export function stableLayout(
  previous: ShownLayout | null,
  fresh: BoxLayout,
  graph: TopologyGraph,
  options: { anchor?: Point | undefined; saved?: Layout['positions'] } = {},
): ShownLayout {
  const parents = new Map(graph.nodes.map((n) => [n.id, n.parentId] as const));
  const saved = options.saved ?? {};
  if (previous === null) return { boxes: withSavedPositions(fresh, saved), parents };
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  const sizeOf = (id: string): Box => fresh.get(id) ?? { x: 0, y: 0, width: 200, height: 80 };

  // Where each box would go on its own: where the user put it, where it was shown (a leaf taking the
  // height its rows need now, a container its old size), or, new, beside its neighbours.
  // A new box at the top level goes where ELK put it relative to its nearest box that was shown
  // before (a LAN left of the host, a jail beside the others), moved by as much as that box was moved
  // from ELK's place; with no such box, to the middle of the view.
  const shownTopLevel = graph.nodes.filter(
    (n) =>
      n.parentId === undefined &&
      fresh.has(n.id) &&
      previous.boxes.has(n.id) &&
      previous.parents.get(n.id) === undefined,
  );
  const centre = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
  const besideNeighbour = (id: string): Box => {
    const size = sizeOf(id);
    const at = centre(size);
    const distance = (n: GraphNode) => Math.hypot(centre(fresh.get(n.id)!).x - at.x, centre(fresh.get(n.id)!).y - at.y);
    const nearest = [...shownTopLevel].sort((a, b) => distance(a) - distance(b))[0];
    if (nearest) {
      const [was, elk] = [previous.boxes.get(nearest.id)!, fresh.get(nearest.id)!];
      return { ...size, x: size.x + was.x - elk.x, y: size.y + was.y - elk.y };
    }
    const anchor = options.anchor;
    return anchor ? { ...size, x: anchor.x - size.width / 2, y: anchor.y - size.height / 2 } : size;
  };
  // Inside a container: ELK's place, never over the container's title.
  const insideContainer = (node: GraphNode): Box => {
    const size = sizeOf(node.id);
    const padding = containerPadding(byId.get(node.parentId!)!);
    return { ...size, x: Math.max(size.x, padding.side), y: Math.max(size.y, padding.top) };
  };

  const rank = new Map<string, number>(); // 0 chosen by the user, 1 shown before, 2 new
  const boxes: BoxLayout = new Map();
  for (const node of graph.nodes) {
    const size = sizeOf(node.id);
    const chosen = saved[node.id];
    const was = previous.parents.get(node.id) === node.parentId ? previous.boxes.get(node.id) : undefined;
    if (chosen) {
      rank.set(node.id, 0);
      boxes.set(node.id, { ...size, x: chosen.x, y: chosen.y });
    } else if (was) {
      rank.set(node.id, 1);
      boxes.set(node.id, node.container ? was : { ...was, width: size.width, height: size.height });
    } else {
      rank.set(node.id, 2);
      boxes.set(node.id, node.parentId === undefined ? besideNeighbour(node.id) : insideContainer(node));
    }
  }

  // Then, container by container from the innermost out: boxes the user placed stay, boxes shown
  // before move down only as far as a grown neighbour needs, new boxes find room after them; the
  // container grows around what it holds, which may in turn push its own neighbours down.
  const groups = new Map<string | undefined, GraphNode[]>();
  for (const node of graph.nodes) groups.set(node.parentId, [...(groups.get(node.parentId) ?? []), node]);
  const depth = (id: string | undefined) => (id === undefined ? -1 : depthOf(byId.get(id)!, byId));
  const order = [...groups.keys()].sort((a, b) => depth(b) - depth(a));
  for (const parentId of order) {
    const members = groups
      .get(parentId)!
      .map((n) => ({ id: n.id, rank: rank.get(n.id)!, box: boxes.get(n.id)! }))
      .sort((a, b) => a.rank - b.rank || a.box.y - b.box.y || a.box.x - b.box.x);
    const placed: Box[] = [];
    for (const member of members) {
      const box = member.rank === 0 ? member.box : clear(member.box, placed);
      boxes.set(member.id, box);
      placed.push(box);
    }
    const container = parentId === undefined ? undefined : byId.get(parentId);
    if (container) {
      const box = boxes.get(container.id)!;
      const padding = containerPadding(container);
      const width = Math.max(box.width, ...placed.map((c) => c.x + c.width + padding.side));
      const height = Math.max(box.height, ...placed.map((c) => c.y + c.height + padding.side));
      boxes.set(container.id, { ...box, width, height });
    }
  }
  return { boxes, parents };
}

/** Whether every box lies inside `view` (flow coordinates): when one does not, the editor fits the view. */
export function everyBoxInside(boxes: readonly Box[], view: Box): boolean {
  return boxes.every(
    (b) =>
      b.x >= view.x && b.y >= view.y && b.x + b.width <= view.x + view.width && b.y + b.height <= view.y + view.height,
  );
}
