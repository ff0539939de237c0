'use client';

import { ReactFlow, type EdgeTypes } from '@xyflow/react';
import { useMemo } from 'react';
import { edgeMeters } from '../../core/traffic/meters';
import type { Topology } from '../../core/topology/schema';
import { withSavedPositions } from '../canvas/auto-layout';
import { CanvasChrome } from '../canvas/canvas-chrome';
import type { NodeMarks, TopologyFlowNode } from '../canvas/flow-types';
import { nodeTypes } from '../canvas/nodes/node-types';
import { toFlow } from '../canvas/to-flow';
import { useAutoLayout } from '../canvas/use-auto-layout';
import { useStableGraph } from '../canvas/use-stable-graph';
import { useDarkMode } from '../theme/use-dark-mode';
import { HoverSparkline } from './sparkline';
import { useTrafficStore } from './traffic-context';
import { TrafficEdge, type TrafficFlowEdge } from './traffic-edge';

const edgeTypes = { traffic: TrafficEdge } satisfies EdgeTypes;

/** The host as the agent found it, with live traffic on its cables and marks on its boxes. */
export function HostCanvas({ topology, marks }: { topology: Topology; marks: ReadonlyMap<string, NodeMarks> }) {
  const graph = useStableGraph(topology);
  const layout = useAutoLayout(graph);
  const dark = useDarkMode();
  const traffic = useTrafficStore();
  const flow = useMemo(() => {
    if (layout.status !== 'ready') return null;
    const meters = edgeMeters(topology, graph);
    const built = toFlow(graph, withSavedPositions(layout.boxes, topology.layout.positions));
    const nodes = built.nodes.map((node): TopologyFlowNode => (marks.has(node.id) ? { ...node, data: { ...node.data, marks: marks.get(node.id)! } } : node));
    const edges = built.edges.map((edge): TrafficFlowEdge => ({ ...edge, type: 'traffic', data: { ...edge.data!, ...(meters.has(edge.id) ? { meter: meters.get(edge.id)! } : {}) } }));
    return { nodes, edges };
  }, [graph, layout, topology, marks]);

  if (layout.status === 'failed') return <p className="p-6 text-sm text-red-700">The layout could not be computed: {layout.message}</p>;
  if (!flow) return <p className="p-6 text-sm text-slate-500">Laying out the host…</p>;
  return (
    <ReactFlow
      nodes={flow.nodes}
      edges={flow.edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      nodesConnectable={false}
      nodesDraggable={false}
      onEdgeClick={(_, edge) => edge.data?.meter && traffic.store.setState({ selected: edge.data.meter })}
      fitView
      fitViewOptions={{ padding: 0.1 }}
      minZoom={0.2}
      proOptions={{ hideAttribution: true }}
      colorMode={dark ? 'dark' : 'light'}
      data-testid="host-canvas"
    >
      <CanvasChrome />
      <HoverSparkline />
    </ReactFlow>
  );
}
