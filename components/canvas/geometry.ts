import type { GraphNode, GraphNodeKind } from '../../core/graph/to-graph';

// One source of truth for box sizes: the layout reserves exactly what the node components draw,
// so ports line up with their rows and nothing overlaps.
export const HEADER_HEIGHT = 40;
export const LINE_HEIGHT = 18;
export const BADGES_HEIGHT = 24;
export const ROW_HEIGHT = 30;
const BOX_PADDING = 8;
const CONTAINER_PADDING = 24;

const WIDTH: Record<GraphNodeKind, number> = {
  host: 0,
  jail: 248,
  bridge: 232,
  nic: 200,
  interface: 200,
  lan: 184,
  internet: 184,
};

/** Height of the title block: header, fact lines and badges. */
function headHeight(node: GraphNode): number {
  return (
    HEADER_HEIGHT +
    node.lines.length * LINE_HEIGHT +
    (node.badges.length > 0 ? BADGES_HEIGHT : 0) +
    (node.lines.length > 0 ? 4 : 0)
  );
}

export function leafSize(node: GraphNode): { width: number; height: number } {
  return { width: WIDTH[node.kind], height: headHeight(node) + node.ports.length * ROW_HEIGHT + BOX_PADDING };
}

/** Vertical centre of port row `index`, from the top of the node. */
export function portY(node: GraphNode, index: number): number {
  return headHeight(node) + index * ROW_HEIGHT + ROW_HEIGHT / 2;
}

/** Where a cable meets a node that has no port rows. */
export function nodeHandleY(node: GraphNode): number {
  return leafSize(node).height / 2;
}

export function containerPadding(node: GraphNode): { top: number; side: number } {
  return { top: headHeight(node) + 12, side: CONTAINER_PADDING };
}
