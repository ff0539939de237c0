import type { Edge, Node } from '@xyflow/react';
import type { GraphEdgeKind, GraphNode, GraphNodeKind } from '../../core/graph/to-graph';

/** How many validation problems sit on a box (the editor shows them as a badge). */
export type ProblemFlags = { errors: number; warnings: number };
/** Words badged on a box by the view showing it: "foreign", "only on host", "differs". */
export type NodeMarks = readonly string[];
type TopologyNodeData = { node: GraphNode; flags?: ProblemFlags; marks?: NodeMarks };
export type TopologyFlowNode = Node<TopologyNodeData, GraphNodeKind>;

/** `widths`: of the source and target boxes, so a cable can turn round when its target sits to the left. */
export type LinkEdgeData = { kind: GraphEdgeKind; label: string; widths?: { source: number; target: number } };
export type LinkFlowEdge = Edge<LinkEdgeData, 'link'>;
