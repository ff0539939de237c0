'use client';

import { useRef } from 'react';
import type { TopologyGraph } from '../../core/graph/to-graph';
import type { Topology } from '../../core/topology/schema';
import { withSavedPositions, type BoxLayout } from '../canvas/auto-layout';
import type { LinkFlowEdge, NodeMarks, ProblemFlags, TopologyFlowNode } from '../canvas/flow-types';
import { toFlow } from '../canvas/to-flow';
import { problemsOf } from './editor-store';
import { elementOf } from './problems-panel';

// React Flow re-renders a box when its node object changes. Dragging one box must re-render that box
// only, so every node object is kept from one render to the next unless something it shows changed.

interface Cached {
  node: TopologyFlowNode;
  key: string;
  graphNode: TopologyGraph['nodes'][number];
}

function problemFlags(topology: Topology, graph: TopologyGraph): Map<string, ProblemFlags> {
  // Each problem counts on the box that shows its field: a jail's interfaces are rows of the jail.
  const boxOf = new Map(
    graph.nodes.flatMap((n) => [[n.id, n.id] as const, ...n.ports.map((p) => [p.id, n.id] as const)]),
  );
  const flags = new Map<string, ProblemFlags>();
  for (const problem of problemsOf(topology)) {
    const box = boxOf.get(elementOf(topology, problem.path) ?? '');
    if (!box) continue;
    const entry = flags.get(box) ?? { errors: 0, warnings: 0 };
    entry[problem.severity === 'error' ? 'errors' : 'warnings']++;
    flags.set(box, entry);
  }
  return flags;
}

/** Sizes React Flow measured, by box id. Handing them back on every new node object matters: a node
 *  object without `measured` makes React Flow forget its handle positions and re-measure the box
 *  (a forced layout and a second store update on every frame of a drag). */
export type MeasuredSizes = ReadonlyMap<string, { width: number; height: number }>;

function withMeasured(node: TopologyFlowNode, measured: MeasuredSizes): TopologyFlowNode {
  const size = measured.get(node.id);
  return size ? { ...node, measured: size } : node;
}

const NO_MARKS: ReadonlyMap<string, NodeMarks> = new Map();

export interface FlowElementsInput {
  topology: Topology;
  graph: TopologyGraph;
  /** Null until the layout is ready: no elements yet. */
  boxes: BoxLayout | null;
  selection: readonly string[];
  measured: MeasuredSizes;
  marks?: ReadonlyMap<string, NodeMarks> | undefined;
}

export function useFlowElements({ topology, graph, boxes, selection, measured, marks = NO_MARKS }: FlowElementsInput): {
  nodes: TopologyFlowNode[];
  edges: LinkFlowEdge[];
} {
  const nodeCache = useRef(new Map<string, Cached>());
  const edgeCache = useRef(new Map<string, { edge: LinkFlowEdge; key: string }>());
  const flagCache = useRef<{ graph: TopologyGraph; problems: unknown; flags: Map<string, ProblemFlags> } | null>(null);
  const last = useRef<{
    graph: TopologyGraph;
    boxes: BoxLayout;
    selection: readonly string[];
    problems: unknown;
    marks: ReadonlyMap<string, NodeMarks>;
    positions: Topology['layout']['positions'];
    result: { nodes: TopologyFlowNode[]; edges: LinkFlowEdge[] };
  } | null>(null);
  if (!boxes) return { nodes: [], edges: [] };
  // The drag path: only positions moved. Touch just the moved boxes and hand React Flow the very
  // same edges array, so it has nothing else to look at.
  const previous = last.current;
  const positions = topology.layout.positions;
  if (
    previous &&
    previous.graph === graph &&
    previous.boxes === boxes &&
    previous.selection === selection &&
    previous.problems === problemsOf(topology) &&
    previous.marks === marks &&
    previous.positions !== positions
  ) {
    const moved = Object.keys(positions).filter((id) => positions[id] !== previous.positions[id]);
    const movedSet = new Set(moved);
    const nodes = previous.result.nodes.map((node) => {
      if (!movedSet.has(node.id)) return node;
      const next = withMeasured(
        { ...node, position: { x: positions[node.id]!.x, y: positions[node.id]!.y } },
        measured,
      );
      const cached = nodeCache.current.get(node.id);
      if (cached) nodeCache.current.set(node.id, { ...cached, node: next, key: '' });
      return next;
    });
    last.current = { ...previous, positions, result: { nodes, edges: previous.result.edges } };
    return last.current.result;
  }
  const built = toFlow(graph, withSavedPositions(boxes, topology.layout.positions));
  const selected = new Set(selection);
  // Problems only change with the design, not while a box moves: count them once per verdict.
  const problems = problemsOf(topology);
  if (flagCache.current?.graph !== graph || flagCache.current.problems !== problems)
    flagCache.current = { graph, problems, flags: problemFlags(topology, graph) };
  const flags = flagCache.current.flags;
  const nodes = built.nodes.map((fresh) => {
    const flag = flags.get(fresh.id);
    const mark = marks.get(fresh.id);
    const key = `${fresh.position.x},${fresh.position.y},${fresh.width},${fresh.height},${selected.has(fresh.id)},${flag?.errors ?? 0},${flag?.warnings ?? 0},${fresh.parentId ?? ''},${mark?.join('+') ?? ''}`;
    const cached = nodeCache.current.get(fresh.id);
    if (cached && cached.key === key && cached.graphNode === fresh.data.node) return cached.node;
    const node = withMeasured(
      {
        ...fresh,
        selected: selected.has(fresh.id),
        data: { node: fresh.data.node, ...(flag ? { flags: flag } : {}), ...(mark?.length ? { marks: mark } : {}) },
      },
      measured,
    );
    nodeCache.current.set(fresh.id, { node, key, graphNode: fresh.data.node });
    return node;
  });
  const edges = built.edges.map((fresh) => {
    const key = `${fresh.source}|${fresh.sourceHandle}|${fresh.target}|${fresh.targetHandle}|${fresh.data?.label}|${fresh.data?.kind}|${fresh.data?.widths?.source}|${fresh.data?.widths?.target}|${selected.has(fresh.id)}`;
    const cached = edgeCache.current.get(fresh.id);
    if (cached && cached.key === key) return cached.edge;
    const edge = { ...fresh, selected: selected.has(fresh.id) };
    edgeCache.current.set(fresh.id, { edge, key });
    return edge;
  });
  last.current = { graph, boxes, selection, problems, marks, positions, result: { nodes, edges } };
  return last.current.result;
}
