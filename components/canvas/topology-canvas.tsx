'use client';

import { ReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import type { Topology } from '../../core/topology/schema';
import { useAuditCanvas } from '../audit/audit-context';
import { PathHighlight } from '../audit/path-highlight';
import { withSavedPositions } from './auto-layout';
import { CanvasChrome } from './canvas-chrome';
import { LayoutStatus } from './layout-status';
import { edgeTypes } from './edges/edge-types';
import { nodeTypes } from './nodes/node-types';
import { toFlow } from './to-flow';
import { useAutoLayout } from './use-auto-layout';
import { useStableGraph } from './use-stable-graph';
import { useDarkMode } from '../theme/use-dark-mode';

/**
 * The topology drawn read-only: boxes laid out by ELK, cables labelled with their names. Inside an
 * AuditProvider the jails wear the audit's badges and an explained pair's path is lit.
 */
export function TopologyCanvas({ topology }: { topology: Topology }) {
  const graph = useStableGraph(topology);
  const dark = useDarkMode();
  const layout = useAutoLayout(graph);
  const audit = useAuditCanvas();
  const marks = audit?.marks;
  const positions = topology.layout.positions;
  const flow = useMemo(() => {
    if (layout.status !== 'ready') return null;
    const built = toFlow(graph, withSavedPositions(layout.boxes, positions));
    if (!marks?.size) return built;
    // Marks replace the node objects. A node object without `measured` makes React Flow drop its handle
    // positions, and when that happens in the tick of the first measurement nothing measures them again:
    // the page drew no cables. The drawn size goes along, so React Flow keeps the handles it found. That is
    // safe here because marks move no handle; where ports come and go (the host view, the editor) the
    // handles must be measured afresh instead.
    const nodes = built.nodes.map((node) => {
      const mark = marks.get(node.id);
      const measured = { width: node.width!, height: node.height! };
      return mark?.length ? { ...node, measured, data: { ...node.data, marks: mark } } : { ...node, measured };
    });
    return { ...built, nodes };
  }, [graph, layout, positions, marks]);

  if (layout.status !== 'ready' || !flow) return <LayoutStatus layout={layout} what="the network" />;
  return (
    <>
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
        data-testid="topology-canvas">
        <CanvasChrome />
      </ReactFlow>
      {audit?.shown ? <PathHighlight graph={graph} explanation={audit.shown.explanation} /> : null}
    </>
  );
}
