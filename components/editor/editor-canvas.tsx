'use client';

import {
  ReactFlow,
  useReactFlow,
  useStoreApi,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, type DragEvent } from 'react';
import { CanvasEditableContext } from '../canvas/canvas-mode';
import { edgeTypes } from '../canvas/edges/edge-types';
import type { TopologyFlowNode } from '../canvas/flow-types';
import { nodeTypes } from '../canvas/nodes/node-types';
import { CanvasChrome } from '../canvas/canvas-chrome';
import { LayoutStatus } from '../canvas/layout-status';
import { useAutoLayout } from '../canvas/use-auto-layout';
import { useStableGraph } from '../canvas/use-stable-graph';
import { useDarkMode } from '../theme/use-dark-mode';
import { useAuditCanvas } from '../audit/audit-context';
import { PathHighlight } from '../audit/path-highlight';
import { useEditor, useEditorStore } from './editor-context';
import { withGestures } from './editor-store';
import { boxUnder, droppedCable, type PlacedBox } from './drop-target';
import { useFlowElements } from './use-flow-elements';
import { useStableLayout } from './use-stable-layout';
import { everyBoxInside } from '../canvas/stable-layout';
import { visibleRect } from '../canvas/minimap-geometry';
import { addFromPalette, PALETTE_MIME, type PaletteItem } from './palette-items';

/** The canvas being edited: drag boxes, draw cables between them, drop new things from the palette. */
export function EditorCanvas() {
  const store = useEditorStore();
  const topology = useEditor((s) => s.topology);
  const selection = useEditor((s) => s.selection);
  const graph = useStableGraph(topology);
  const epoch = useEditor((s) => s.layoutEpoch);
  const stable = useStableLayout(useAutoLayout(graph), graph, epoch, topology.layout.positions);
  const layout = stable.state;
  const gestures = useMemo(() => withGestures(store), [store]);
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  const dark = useDarkMode();
  const dragging = useRef(false);
  const measured = useRef(new Map<string, { width: number; height: number }>());

  const audit = useAuditCanvas();
  const { nodes, edges } = useFlowElements({
    topology,
    graph,
    boxes: layout.status === 'ready' ? layout.boxes : null,
    selection,
    measured: measured.current,
    marks: audit?.marks,
  });

  /** React Flow reports selection as changes; the store's selection is the one truth. */
  const applySelection = useCallback(
    (changes: (NodeChange<TopologyFlowNode> | EdgeChange)[]) => {
      const picks = changes.filter((c): c is Extract<typeof c, { type: 'select' }> => c.type === 'select');
      if (!picks.length) return;
      // Only what is drawn can stay selected (an id from an earlier edit may name no box or line).
      const drawn = new Set([...flow.getNodes().map((n) => n.id), ...flow.getEdges().map((e) => e.id)]);
      const next = new Set(store.getState().selection.filter((id) => drawn.has(id)));
      for (const pick of picks) {
        if (pick.selected) next.add(pick.id);
        else next.delete(pick.id);
      }
      store.getState().select([...next]);
    },
    [store, flow],
  );

  // The view moves only when it must: the drawing first shown, or laid out afresh (an import, Tidy),
  // or an edit that put a box (new, grown or pushed down) outside it. Wiring never moves the view.
  const fittedEpoch = useRef<number | null>(null);
  const changed = stable.changed;
  const hasNodes = nodes.length > 0;
  useEffect(() => {
    if (!hasNodes) return;
    const frame = requestAnimationFrame(() => {
      const fresh = fittedEpoch.current !== epoch;
      fittedEpoch.current = epoch;
      const { transform, width, height } = flowStore.getState();
      const placed = changed.flatMap((id) => {
        const node = flow.getInternalNode(id);
        if (!node) return [];
        const { x, y } = node.internals.positionAbsolute;
        return [
          { x, y, width: node.measured.width ?? node.width ?? 0, height: node.measured.height ?? node.height ?? 0 },
        ];
      });
      if (fresh || !everyBoxInside(placed, visibleRect(transform, width, height)))
        void flow.fitView({ padding: 0.15, duration: 200 });
    });
    return () => cancelAnimationFrame(frame);
  }, [changed, epoch, hasNodes, flow, flowStore]);

  const onNodesChange = useCallback(
    (changes: NodeChange<TopologyFlowNode>[]) => {
      applySelection(changes);
      const moved: Record<string, { x: number; y: number }> = {};
      for (const change of changes) {
        if (change.type === 'dimensions' && change.dimensions) measured.current.set(change.id, change.dimensions);
        if (change.type === 'position' && change.position) moved[change.id] = change.position;
        if (change.type === 'position' && change.dragging && !dragging.current) {
          dragging.current = true;
          gestures.begin();
        }
      }
      if (Object.keys(moved).length) store.getState().move(moved);
    },
    [store, gestures, applySelection],
  );

  const onNodeDragStop = useCallback(() => {
    if (dragging.current) {
      dragging.current = false;
      gestures.end();
    }
  }, [gestures]);

  const onConnect = useCallback(
    (connection: Connection) => store.getState().connect(connection.source, connection.target),
    [store],
  );
  // Let go anywhere on a box, not only on its dot: React Flow connects only within connectionRadius
  // of a handle, and the dots sit on the boxes' edges. A radius big enough to reach a box's middle
  // would snap to a neighbour's dot instead, and a box-sized handle would take the clicks that select
  // and drag the box, so a drop that no dot took goes to the box under the pointer.
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, connection: FinalConnectionState) => {
      if (connection.isValid === true || !connection.fromNode || !connection.fromHandle) return;
      const at = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!at) return;
      const point = flow.screenToFlowPosition({ x: at.clientX, y: at.clientY });
      const boxes = flow.getNodes().flatMap((node): PlacedBox[] => {
        const internal = flow.getInternalNode(node.id);
        if (!internal) return [];
        const { x, y } = internal.internals.positionAbsolute;
        const width = internal.measured.width ?? node.width ?? 0;
        const height = internal.measured.height ?? node.height ?? 0;
        return [{ id: node.id, kind: node.type ?? '', x, y, width, height }];
      });
      const target = boxUnder(point, boxes, connection.fromNode.id);
      if (!target) return;
      const cable = droppedCable(connection.fromNode.id, connection.fromHandle.type, target);
      store.getState().connect(cable.source, cable.target);
    },
    [flow, store],
  );
  const onEdgesChange = useCallback((changes: EdgeChange[]) => applySelection(changes), [applySelection]);

  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(PALETTE_MIME)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const item = event.dataTransfer.getData(PALETTE_MIME) as PaletteItem | '';
      if (!item) return;
      event.preventDefault();
      const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      addFromPalette(store, item, position);
    },
    [flow, store],
  );

  if (layout.status === 'failed') return <LayoutStatus layout={layout} what="the design" />;
  return (
    <CanvasEditableContext.Provider value={true}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onEdgesChange={onEdgesChange}
        onDragOver={onDragOver}
        onDrop={onDrop}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        fitView
        fitViewOptions={{ padding: 0.15 }}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
        colorMode={dark ? 'dark' : 'light'}
        data-testid="editor-canvas">
        <CanvasChrome />
      </ReactFlow>
      {audit?.shown ? <PathHighlight graph={graph} explanation={audit.shown.explanation} /> : null}
    </CanvasEditableContext.Provider>
  );
}
