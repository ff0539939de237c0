import type { TopologyGraph } from '../../core/graph/to-graph';
import type { BoxLayout } from './auto-layout';
import type { LinkFlowEdge, TopologyFlowNode } from './flow-types';
import { handleId } from './handle-ids';

/** React Flow's nodes and edges for a graph that has been laid out. */
/** Where a box the layout did not place is drawn. */
const UNPLACED = { x: 0, y: 0, width: 200, height: 80 };

export function toFlow(graph: TopologyGraph, boxes: BoxLayout): { nodes: TopologyFlowNode[]; edges: LinkFlowEdge[] } {
  const nodes = graph.nodes.map((node): TopologyFlowNode => {
    const box = boxes.get(node.id) ?? UNPLACED;
    return {
      id: node.id,
      type: node.kind,
      position: { x: box.x, y: box.y },
      width: box.width,
      height: box.height,
      data: { node },
      ...(node.parentId ? { parentId: node.parentId } : {}),
      // Containers sit behind what they hold, so cables into them stay visible.
      ...(node.container ? { zIndex: -1 } : {}),
      connectable: false,
    };
  });
  const widthOf = (id: string) => (boxes.get(id) ?? UNPLACED).width;
  const edges = graph.edges.map((edge): LinkFlowEdge => ({
    id: edge.id,
    type: 'link',
    source: edge.source.node,
    sourceHandle: handleId(edge.source, 'out'),
    target: edge.target.node,
    targetHandle: handleId(edge.target, 'in'),
    data: {
      kind: edge.kind,
      label: edge.label,
      widths: { source: widthOf(edge.source.node), target: widthOf(edge.target.node) },
    },
  }));
  return { nodes, edges };
}
