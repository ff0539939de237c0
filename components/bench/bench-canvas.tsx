'use client';

import { ReactFlow, ReactFlowProvider, useEdgesState, useNodesState, type Edge, type Node } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { toGraph } from '../../core/graph/to-graph';
import { bigDesign } from '../../core/testing/big-design';
import { autoLayout } from '../canvas/auto-layout';
import { DesignEditorCanvasOnly } from '../editor/design-editor';
import { CountRenders } from './count-renders';

// The drag benchmark's two pages: Patchbay's editor canvas, and bare React Flow drawing the same
// 500 boxes and 600 cables at the same places. scripts/bench.mjs drags a box on each and compares.

function markReady() {
  const check = () =>
    document.querySelectorAll('.react-flow__node').length >= 500
      ? ((window as unknown as { __benchReady: boolean }).__benchReady = true)
      : requestAnimationFrame(check);
  requestAnimationFrame(check);
}

function Bare() {
  const [nodes, setNodes, onNodesChange] = useNodesState<Node>([]);
  const [edges, setEdges, onEdgesChange] = useEdgesState<Edge>([]);
  useEffect(() => {
    const graph = toGraph(bigDesign());
    void autoLayout(graph).then((boxes) => {
      setNodes(
        graph.nodes.map((n) => ({
          id: n.id,
          position: { x: boxes.get(n.id)!.x, y: boxes.get(n.id)!.y },
          width: boxes.get(n.id)!.width,
          height: boxes.get(n.id)!.height,
          data: { label: n.title },
          ...(n.parentId ? { parentId: n.parentId } : {}),
        })),
      );
      setEdges(graph.edges.map((e) => ({ id: e.id, source: e.source.node, target: e.target.node, label: e.label })));
      markReady();
    });
  }, [setNodes, setEdges]);
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      fitView
      minZoom={0.2}
      proOptions={{ hideAttribution: true }}
    />
  );
}

export function BenchCanvas({ mode }: { mode: 'editor' | 'bare' }) {
  const [design] = useState(() => bigDesign());
  useEffect(() => {
    window.__patchbayRenders = new Map();
    if (mode === 'editor') markReady();
  }, [mode]);
  return (
    <div style={{ position: 'fixed', inset: 0, zIndex: 50, background: 'white' }}>
      {mode === 'bare' ? (
        <ReactFlowProvider>
          <Bare />
        </ReactFlowProvider>
      ) : (
        <CountRenders>
          <DesignEditorCanvasOnly topology={design} />
        </CountRenders>
      )}
    </div>
  );
}
