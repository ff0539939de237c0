import { facingAnchors, rowEnds } from '../../core/graph/facing-sides';
import type { Drawing, DrawnEdge, DrawnNode, Point } from '../../core/render/svg';
import type { LinkFlowEdge, TopologyFlowNode } from '../canvas/flow-types';
import {
  BADGES_HEIGHT,
  HEADER_HEIGHT,
  LINE_HEIGHT,
  leafSize,
  nodeHandleY,
  portY,
  ROW_HEIGHT,
} from '../canvas/geometry';
import { NODE_HANDLE } from '../canvas/handle-ids';

// The canvas as plain data for core/render/svg.ts: every box where it is now (moved boxes included,
// nested ones at their absolute place), and each cable between the sides the canvas draws it between
// (link-edge.tsx): from its port row to the other's, turned round when the target box sits wholly left
// of the source box, and a shared-IP jail's line between the facing sides of the two boxes.

type Sized = TopologyFlowNode & { absolute: Point; size: { width: number; height: number } };

function sized(nodes: readonly TopologyFlowNode[]): Map<string, Sized> {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const absolute = (node: TopologyFlowNode, seen = new Set<string>()): Point => {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (!parent || seen.has(node.id)) return node.position;
    seen.add(node.id);
    const base = absolute(parent, seen);
    return { x: base.x + node.position.x, y: base.y + node.position.y };
  };
  return new Map(
    nodes.map((node) => {
      const fallback = leafSize(node.data.node);
      const size = {
        width: node.width ?? node.measured?.width ?? fallback.width,
        height: node.height ?? node.measured?.height ?? fallback.height,
      };
      return [node.id, { ...node, absolute: absolute(node), size }];
    }),
  );
}

/** Where a cable meets a box: the middle of its port row, or of the box, on the side the handle sits. */
function anchor(node: Sized, handle: string | null | undefined, side: 'in' | 'out'): Point {
  const port = handle?.slice(0, -`:${side}`.length);
  const index = port && port !== NODE_HANDLE ? node.data.node.ports.findIndex((p) => p.id === port) : -1;
  const y = index >= 0 ? portY(node.data.node, index) : node.size.height / 2 || nodeHandleY(node.data.node);
  return { x: node.absolute.x + (side === 'out' ? node.size.width : 0), y: node.absolute.y + y };
}

const boxOf = (node: Sized) => ({ ...node.absolute, ...node.size });

export function drawingOf(nodes: readonly TopologyFlowNode[], edges: readonly LinkFlowEdge[], title?: string): Drawing {
  const boxes = sized(nodes);
  const drawnNodes = [...boxes.values()].map((node): DrawnNode => ({
    ...node.data.node,
    ...node.absolute,
    ...node.size,
  }));
  const drawnEdges = edges.flatMap((edge): DrawnEdge[] => {
    const [source, target] = [boxes.get(edge.source), boxes.get(edge.target)];
    if (!source || !target || !edge.data) return [];
    const ends =
      edge.data.kind === 'shared-ip'
        ? facingAnchors(boxOf(source), boxOf(target))
        : rowEnds(
            { ...anchor(source, edge.sourceHandle, 'out'), width: source.size.width },
            { ...anchor(target, edge.targetHandle, 'in'), width: target.size.width },
          );
    return [
      {
        id: edge.id,
        kind: edge.data.kind,
        label: edge.data.label,
        from: { x: ends.source.x, y: ends.source.y },
        to: { x: ends.target.x, y: ends.target.y },
        fromSide: ends.source.side,
        toSide: ends.target.side,
      },
    ];
  });
  return {
    nodes: drawnNodes,
    edges: drawnEdges,
    metrics: { header: HEADER_HEIGHT, line: LINE_HEIGHT, badges: BADGES_HEIGHT, row: ROW_HEIGHT },
    ...(title ? { title } : {}),
  };
}
