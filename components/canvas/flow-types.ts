import type { Edge, Node } from '@xyflow/react';
import type { GraphEdgeKind, GraphNode, GraphNodeKind } from '../../core/graph/to-graph';

export type TopologyNodeData = { node: GraphNode };
export type TopologyFlowNode = Node<TopologyNodeData, GraphNodeKind>;

export type LinkEdgeData = { kind: GraphEdgeKind; label: string };
export type LinkFlowEdge = Edge<LinkEdgeData, 'link'>;
