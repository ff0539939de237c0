'use client';

import { useRef } from 'react';
import { toGraph, type TopologyGraph } from '../../core/graph/to-graph';
import { sameMeaning } from '../../core/topology/meaning';
import type { Topology } from '../../core/topology/schema';

/**
 * The drawing's graph, keeping its identity while only positions change: dragging a box must not
 * re-run the automatic layout or rebuild every other box. Moving a box replaces only the layout, so
 * the design's meaning (core/topology/meaning.ts) is the same and there is no work at all; after a
 * real edit the graph is rebuilt, and kept as before if it draws the same.
 */
export function useStableGraph(topology: Topology): TopologyGraph {
  const last = useRef<{ topology: Topology; key: string; graph: TopologyGraph } | null>(null);
  const previous = last.current;
  if (previous && sameMeaning(previous.topology, topology)) return previous.graph;
  const graph = toGraph(topology);
  const key = JSON.stringify(graph);
  const kept = previous?.key === key ? previous.graph : graph;
  last.current = { topology, key, graph: kept };
  return kept;
}
