'use client';

import { useStoreApi } from '@xyflow/react';
import { useRef } from 'react';
import type { TopologyGraph } from '../../core/graph/to-graph';
import type { Topology } from '../../core/topology/schema';
import { stableLayout, type ShownLayout } from '../canvas/stable-layout';
import { visibleRect } from '../canvas/minimap-geometry';
import type { LayoutState } from '../canvas/use-auto-layout';

interface Stable {
  state: LayoutState;
  /** Boxes placed or moved by this layout (new, grown, pushed down): the ones that may have left the view. */
  changed: readonly string[];
}

/**
 * The editor's layout: ELK's the first time and after `epoch` moves on (an import, Tidy); after any
 * other edit, the boxes stay where they were shown and new ones go beside their neighbours
 * (components/canvas/stable-layout.ts). Recomputed when the drawing or ELK's answer changes, never
 * while a box is dragged.
 */
export function useStableLayout(
  layout: LayoutState,
  graph: TopologyGraph,
  epoch: number,
  positions: Topology['layout']['positions'],
): Stable {
  const flowStore = useStoreApi();
  const last = useRef<{
    fresh: unknown;
    graph: TopologyGraph;
    epoch: number;
    shown: ShownLayout;
    result: Stable;
  } | null>(null);
  if (layout.status !== 'ready') return { state: layout, changed: [] };
  const previous = last.current;
  if (previous && previous.fresh === layout.boxes && previous.graph === graph && previous.epoch === epoch)
    return previous.result;
  // ELK has not answered for this drawing yet: keep what is shown until it has, so that no new box
  // is placed, and then kept, where no layout put it.
  if (previous && previous.epoch === epoch && graph.nodes.some((n) => !layout.boxes.has(n.id))) return previous.result;
  const { transform, width, height } = flowStore.getState();
  const view = visibleRect(transform, width, height);
  const anchor = width > 0 ? { x: view.x + view.width / 2, y: view.y + view.height / 2 } : undefined;
  const before = previous?.epoch === epoch ? previous.shown : null;
  const shown = stableLayout(before, layout.boxes, graph, { anchor, saved: positions });
  const changed = [...shown.boxes].flatMap(([id, box]) => {
    const was = before?.boxes.get(id);
    return was && was.x === box.x && was.y === box.y && was.width === box.width && was.height === box.height
      ? []
      : [id];
  });
  const result = { state: { status: 'ready', boxes: shown.boxes } as const, changed };
  last.current = { fresh: layout.boxes, graph, epoch, shown, result };
  return result;
}
