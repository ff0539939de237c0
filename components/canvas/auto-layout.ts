import ELK, { type ElkExtendedEdge, type ElkNode, type ElkPort } from 'elkjs/lib/elk.bundled.js';
import type { GraphNode, TopologyGraph } from '../../core/graph/to-graph';
import type { Layout } from '../../core/topology/schema';
import { containerPadding, leafSize, nodeHandleY, portY } from './geometry';
import { elkPortId } from './handle-ids';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Position of each node relative to its container, as React Flow wants it. */
export type BoxLayout = Map<string, Box>;

const ROOT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.spacing.nodeNode': '36',
  'elk.layered.spacing.nodeNodeBetweenLayers': '128',
  'elk.spacing.edgeNode': '24',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.crossingMinimization.semiInteractive': 'true',
};

function ports(node: GraphNode, width: number): ElkPort[] {
  const at = (port: string | undefined, y: number): ElkPort[] => [
    { id: elkPortId({ node: node.id, port }, 'in'), x: 0, y, width: 1, height: 1 },
    { id: elkPortId({ node: node.id, port }, 'out'), x: width - 1, y, width: 1, height: 1 },
  ];
  return [...at(undefined, nodeHandleY(node)), ...node.ports.flatMap((port, i) => at(port.id, portY(node, i)))];
}

function toElk(node: GraphNode, childrenOf: Map<string | undefined, GraphNode[]>): ElkNode {
  const children = childrenOf.get(node.id) ?? [];
  if (node.container) {
    const padding = containerPadding(node);
    return {
      id: node.id,
      layoutOptions: {
        'elk.padding': `[top=${padding.top},left=${padding.side},bottom=${padding.side},right=${padding.side}]`,
        // Wide enough for the title and badges even when the box holds little.
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': '(280, 120)',
      },
      children: children.map((child) => toElk(child, childrenOf)),
    };
  }
  const size = leafSize(node);
  return {
    id: node.id,
    ...size,
    ports: ports(node, size.width),
    layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
  };
}

function collect(node: ElkNode, into: BoxLayout) {
  for (const child of node.children ?? []) {
    into.set(child.id, { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 });
    collect(child, into);
  }
}

let elk: InstanceType<typeof ELK> | undefined;
let mainThreadElk: InstanceType<typeof ELK> | undefined;

/**
 * In the browser ELK runs in a web worker, so laying out a big design never blocks dragging or
 * typing; in Node (tests) and wherever the worker cannot start, on the calling thread.
 */
function layoutEngine(): InstanceType<typeof ELK> {
  if (typeof window !== 'undefined' && typeof Worker !== 'undefined') {
    return (elk ??= new ELK({
      workerFactory: () => new Worker(new URL('elkjs/lib/elk-worker.min.js', import.meta.url)),
    }));
  }
  return (mainThreadElk ??= new ELK());
}

/** Lays the graph out left to right (internet → LAN → host → jails); saved positions win. */
export async function autoLayout(graph: TopologyGraph, saved: Layout['positions'] = {}): Promise<BoxLayout> {
  const childrenOf = new Map<string | undefined, GraphNode[]>();
  for (const node of graph.nodes) childrenOf.set(node.parentId, [...(childrenOf.get(node.parentId) ?? []), node]);
  const edges: ElkExtendedEdge[] = graph.edges.map((edge) => ({
    id: edge.id,
    sources: [elkPortId(edge.source, 'out')],
    targets: [elkPortId(edge.target, 'in')],
  }));
  const root: ElkNode = {
    id: '__root__',
    layoutOptions: ROOT_OPTIONS,
    children: (childrenOf.get(undefined) ?? []).map((node) => toElk(node, childrenOf)),
    edges,
  };
  let result: ElkNode;
  try {
    result = await layoutEngine().layout(root);
  } catch (error) {
    if (layoutEngine() === mainThreadElk) throw error;
    // The worker could not run (a strict CSP, an old browser): lay out here instead, from now on.
    elk = mainThreadElk ??= new ELK();
    result = await elk.layout(root);
  }
  const boxes: BoxLayout = new Map();
  collect(result, boxes);
  return withSavedPositions(boxes, saved);
}

/** Positions the user chose win over the automatic ones; sizes stay the layout's. */
export function withSavedPositions(boxes: BoxLayout, saved: Layout['positions']): BoxLayout {
  const placed: BoxLayout = new Map(boxes);
  for (const [id, position] of Object.entries(saved)) {
    const box = placed.get(id);
    if (box) placed.set(id, { ...box, x: position.x, y: position.y });
  }
  return placed;
}
