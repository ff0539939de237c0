'use client';

import { Background, BackgroundVariant, Controls, MiniMap, ReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import type { Topology } from '../../core/topology/schema';
import { withSavedPositions } from './auto-layout';
import { edgeTypes } from './edges/edge-types';
import { nodeTypes } from './nodes/node-types';
import { toFlow } from './to-flow';
import { useAutoLayout } from './use-auto-layout';
import { useStableGraph } from './use-stable-graph';
import { useDarkMode } from '../theme/use-dark-mode';

const MINIMAP_COLOR: Record<string, string> = {
  host: '#e2e8f0',
  jail: '#ddd6fe',
  bridge: '#fde68a',
  nic: '#a7f3d0',
  interface: '#e2e8f0',
  lan: '#bae6fd',
  internet: '#bfdbfe',
};

/** The topology drawn read-only: boxes laid out by ELK, cables labelled with their names. */
export const MINIMAP_COLORS = MINIMAP_COLOR;

export function TopologyCanvas({ topology }: { topology: Topology }) {
  const graph = useStableGraph(topology);
  const dark = useDarkMode();
  const layout = useAutoLayout(graph);
  const positions = topology.layout.positions;
  const flow = useMemo(() => (layout.status === 'ready' ? toFlow(graph, withSavedPositions(layout.boxes, positions)) : null), [graph, layout, positions]);

  if (layout.status === 'failed') {
    return <p className="p-6 text-sm text-red-700">The layout could not be computed: {layout.message}</p>;
  }
  if (!flow) {
    return <p className="p-6 text-sm text-slate-500" role="status">Laying out the network…</p>;
  }
  return (
    <ReactFlow
      nodes={flow.nodes}
      edges={flow.edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      nodesConnectable={false}
      edgesFocusable={false}
      fitView
      fitViewOptions={{ padding: 0.1 }}
      minZoom={0.2}
      proOptions={{ hideAttribution: true }}
      colorMode={dark ? 'dark' : 'light'}
      data-testid="topology-canvas"
    >
      <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color={dark ? "#334155" : "#cbd5e1"} />
      <MiniMap pannable zoomable style={{ width: 160, height: 110 }} nodeColor={(n) => MINIMAP_COLOR[n.type ?? ''] ?? '#e2e8f0'} className="!rounded-lg !border !border-slate-200 dark:border-slate-700" />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
