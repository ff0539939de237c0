'use client';

import { Panel, useReactFlow, useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useEffect, useRef, type PointerEvent } from 'react';
import { useDarkMode } from '../theme/use-dark-mode';
import { frameFor, toDrawing, toMinimap, unionOf, visibleRect, type MinimapFrame, type Rect } from './minimap-geometry';

const WIDTH = 160;
const HEIGHT = 110;

// One <canvas>, redrawn at most once per animation frame, instead of React Flow's <MiniMap>: that
// one keeps a store subscription per box, and on a 500-box drawing those ran on every frame of a drag.

function boxesOf(state: ReactFlowState): { rect: Rect; type: string }[] {
  const boxes: { rect: Rect; type: string }[] = [];
  for (const node of state.nodeLookup.values()) {
    const width = node.measured.width ?? node.width ?? 0;
    const height = node.measured.height ?? node.height ?? 0;
    if (node.hidden || !width || !height) continue;
    boxes.push({ rect: { ...node.internals.positionAbsolute, width, height }, type: node.type ?? '' });
  }
  return boxes;
}

function paint(
  canvas: HTMLCanvasElement,
  state: ReactFlowState,
  colors: Record<string, string>,
  dark: boolean,
): MinimapFrame | null {
  const context = canvas.getContext('2d');
  if (!context) return null;
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== WIDTH * ratio) [canvas.width, canvas.height] = [WIDTH * ratio, HEIGHT * ratio];
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, WIDTH, HEIGHT);
  const boxes = boxesOf(state);
  const view = visibleRect(state.transform, state.width, state.height);
  const content = unionOf([...boxes.map((b) => b.rect), view]);
  if (!content) return null;
  const frame = frameFor(content, WIDTH, HEIGHT);
  for (const { rect, type } of boxes) {
    const r = toMinimap(frame, rect);
    context.fillStyle = colors[type] ?? '#e2e8f0';
    context.fillRect(r.x, r.y, Math.max(r.width, 1), Math.max(r.height, 1));
  }
  // Shade what is off screen, outline what is on it.
  const v = toMinimap(frame, view);
  context.fillStyle = dark ? 'rgba(15, 23, 42, 0.55)' : 'rgba(241, 245, 249, 0.6)';
  context.beginPath();
  context.rect(0, 0, WIDTH, HEIGHT);
  context.rect(v.x, v.y, v.width, v.height);
  context.fill('evenodd');
  context.strokeStyle = dark ? '#94a3b8' : '#64748b';
  context.lineWidth = 1;
  context.strokeRect(v.x + 0.5, v.y + 0.5, v.width - 1, v.height - 1);
  return frame;
}

/** The whole drawing in small; press or drag on it to move the view there, wheel to zoom. */
export function CanvasMinimap({ colors }: { colors: Record<string, string> }) {
  const store = useStoreApi();
  const flow = useReactFlow();
  const dark = useDarkMode();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const frameRef = useRef<MinimapFrame | null>(null);

  useEffect(() => {
    let pending = 0;
    const draw = () => {
      pending = 0;
      if (canvasRef.current) frameRef.current = paint(canvasRef.current, store.getState(), colors, dark);
    };
    const schedule = () => {
      if (!pending) pending = requestAnimationFrame(draw);
    };
    schedule();
    const unsubscribe = store.subscribe((state, previous) => {
      if (
        state.nodeLookup !== previous.nodeLookup ||
        state.nodes !== previous.nodes ||
        state.transform !== previous.transform ||
        state.width !== previous.width ||
        state.height !== previous.height
      )
        schedule();
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(pending);
    };
  }, [store, colors, dark]);

  // The page must not scroll while the wheel zooms the drawing, so the listener cannot be passive.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      void flow.zoomTo(flow.getZoom() * Math.pow(2, -event.deltaY * 0.002));
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [flow]);

  const centreOn = (event: PointerEvent<HTMLCanvasElement>) => {
    const frame = frameRef.current;
    if (!frame) return;
    const bounds = event.currentTarget.getBoundingClientRect();
    const point = toDrawing(frame, { x: event.clientX - bounds.left, y: event.clientY - bounds.top });
    void flow.setCenter(point.x, point.y, { zoom: flow.getZoom() });
  };

  return (
    <Panel
      position="bottom-right"
      className="!m-3 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-700 dark:bg-slate-900">
      <canvas
        ref={canvasRef}
        style={{ width: WIDTH, height: HEIGHT, display: 'block', cursor: 'pointer' }}
        role="img"
        aria-label="Minimap of the whole drawing; press or drag to move the view, use the wheel to zoom"
        data-testid="minimap"
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          centreOn(event);
        }}
        onPointerMove={(event) => {
          if (event.currentTarget.hasPointerCapture(event.pointerId)) centreOn(event);
        }}
      />
    </Panel>
  );
}
