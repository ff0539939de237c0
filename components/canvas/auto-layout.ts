import ELK, { type ELK as LayoutEngine, type ElkExtendedEdge, type ElkNode, type ElkPort } from 'elkjs/lib/elk-api.js';
import { blogNetwork } from '../../core/demo/blog-network';
import { toGraph, type GraphNode, type TopologyGraph } from '../../core/graph/to-graph';
import type { Layout } from '../../core/topology/schema';
import { containerPadding, leafSize, nodeHandleY, portY } from './geometry';
import { elkPortId } from './handle-ids';
import { LAYOUT_WORKER_URL, takeBootedWorker } from './layout-worker';

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

// Only the algorithm we use: registering all nine made every new engine slower to start.
const ALGORITHMS = ['layered'];

let elk: LayoutEngine | undefined;
let mainThreadElk: Promise<LayoutEngine> | undefined;

/**
 * ELK on the calling thread, loaded only when wanted (in Node, and where no worker can start): the
 * bundle is 1.6 MB that the browser would otherwise parse on every page with a drawing, for nothing.
 */
function mainThreadEngine(): Promise<LayoutEngine> {
  return (mainThreadElk ??= import('elkjs/lib/elk.bundled.js').then(
    ({ default: Bundled }) => new Bundled({ algorithms: ALGORITHMS }),
  ));
}

/**
 * In the browser ELK runs in a web worker, so laying out a big design never blocks dragging or
 * typing; in Node (tests) and wherever the worker cannot start, on the calling thread.
 */
function layoutEngine(): LayoutEngine | Promise<LayoutEngine> {
  if (elk) return elk;
  if (typeof window !== 'undefined' && typeof Worker !== 'undefined') {
    return (elk = new ELK({
      algorithms: ALGORITHMS,
      workerFactory: () => takeBootedWorker() ?? new Worker(LAYOUT_WORKER_URL),
    }));
  }
  return mainThreadEngine();
}

async function runLayout(root: ElkNode): Promise<ElkNode> {
  const engine = await layoutEngine();
  try {
    return await engine.layout(root);
  } catch (error) {
    if (!elk || engine !== elk) throw error;
    // The worker could not run (a strict CSP, an old browser): lay out here instead, from now on.
    elk = await mainThreadEngine();
    return elk.layout(root);
  }
}

let warming: Promise<void> | undefined;

/**
 * Starts the layout engine and lays out the demo network with it, once, so the first drawing a page
 * asks for finds ELK loaded and its code compiled: started while a view waits for its data (a host's
 * state, a template being created), that work is done by the time the data comes. A cold engine
 * made the first host drawing take seconds.
 */
export function warmLayoutEngine(): Promise<void> {
  return (warming ??= autoLayout(toGraph(blogNetwork())).then(
    () => undefined,
    () => undefined,
  ));
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
  const result = await runLayout(root);
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
