'use client';

import { useRef } from 'react';
import { toGraph, type TopologyGraph } from '../../core/graph/to-graph';
import type { Topology } from '../../core/topology/schema';

/**
 * The drawing's graph, keeping its identity while only positions change: dragging a box must not
 * re-run the automatic layout or rebuild every other box.
 */
export function useStableGraph(topology: Topology): TopologyGraph {
  const last = useRef<{ key: string; graph: TopologyGraph } | null>(null);
  const graph = toGraph(topology);
  const key = JSON.stringify(graph);
  if (last.current?.key !== key) last.current = { key, graph };
  return last.current.graph;
}
