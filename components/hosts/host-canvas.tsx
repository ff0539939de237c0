'use client';

import { ReactFlow, useReactFlow, useStore, type EdgeTypes } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { edgeMeters } from '../../core/traffic/meters';
import type { Topology } from '../../core/topology/schema';
import { withSavedPositions } from '../canvas/auto-layout';
import { LayoutStatus } from '../canvas/layout-status';
import { unionOf } from '../canvas/minimap-geometry';
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

// Below this zoom a 10 px label is under 6 px on screen: unreadable, so the pills are hidden (the
// cables' width and colour still tell the rate) and ticks cost no text layout at all.
const READABLE_ZOOM = 0.6;

function useLabelsReadable() {
  return useStore((s) => s.transform[2] >= READABLE_ZOOM);
}

/** The host as the agent found it, with live traffic on its cables and marks on its boxes. */
export function HostCanvas({
  topology,
  marks,
  ghosts,
}: {
  topology: Topology;
  marks: ReadonlyMap<string, NodeMarks>;
  /** What only the design has, drawn in place: no counters (a reverted ghost's cable shows no traffic). */
  ghosts?: ReadonlySet<string>;
}) {
  const graph = useStableGraph(topology);
  const layout = useAutoLayout(graph);
  const dark = useDarkMode();
  const traffic = useTrafficStore();
  const readable = useLabelsReadable();
  useEffect(() => traffic.store.setState({ labels: readable }), [traffic, readable]);
  const flow = useMemo(() => {
    if (layout.status !== 'ready') return null;
    const meters = edgeMeters(topology, graph, ghosts);
    const built = toFlow(graph, withSavedPositions(layout.boxes, topology.layout.positions));
    const nodes = built.nodes.map((node): TopologyFlowNode =>
      marks.has(node.id) ? { ...node, data: { ...node.data, marks: marks.get(node.id)! } } : node,
    );
    const edges = built.edges.map((edge): TrafficFlowEdge => ({
      ...edge,
      type: 'traffic',
      data: { ...edge.data!, ...(meters.has(edge.id) ? { meter: meters.get(edge.id)! } : {}) },
    }));
    return { nodes, edges };
  }, [graph, layout, topology, marks, ghosts]);

  // When boxes come or go (an apply added a jail), bring the whole host into view again, once the
  // layout has placed them. From the layout's own boxes: boxes off screen are not drawn (so not
  // measured) on a big host, and fitView only counts measured ones.
  const reactFlow = useReactFlow();
  const fittedCount = useRef<number | null>(null);
  const fitAll = useCallback(() => {
    if (!flow || layout.status !== 'ready') return;
    fittedCount.current = layout.boxes.size;
    const bounds = unionOf(
      flow.nodes
        .filter((n) => !n.parentId)
        .map((n) => ({ x: n.position.x, y: n.position.y, width: n.width ?? 0, height: n.height ?? 0 })),
    );
    if (bounds) void reactFlow.fitBounds(bounds, { padding: 0.1 });
  }, [flow, layout, reactFlow]);
  useEffect(() => {
    // The first fit happens on React Flow's init (before it, there is no viewport to move).
    if (fittedCount.current === null || layout.status !== 'ready' || layout.boxes.size === fittedCount.current) return;
    const frame = requestAnimationFrame(fitAll);
    return () => cancelAnimationFrame(frame);
  }, [layout, fitAll]);

  if (layout.status !== 'ready' || !flow) return <LayoutStatus layout={layout} what="the host" />;
  return (
    <ReactFlow
      nodes={flow.nodes}
      edges={flow.edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      nodesConnectable={false}
      onInit={fitAll}
      nodesDraggable={false}
      // Large hosts: only what is on screen is in the DOM, so a tick touches only the cables in view.
      onlyRenderVisibleElements
      onEdgeClick={(_, edge) => edge.data?.meter && traffic.store.setState({ selected: edge.data.meter })}
      minZoom={0.2}
      proOptions={{ hideAttribution: true }}
      colorMode={dark ? 'dark' : 'light'}
      className={readable ? undefined : 'traffic-labels-hidden'}
      data-testid="host-canvas">
      <CanvasChrome />
      <HoverSparkline />
    </ReactFlow>
  );
}
