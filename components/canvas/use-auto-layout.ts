'use client';

import { useEffect, useState } from 'react';
import type { TopologyGraph } from '../../core/graph/to-graph';
import { autoLayout, type BoxLayout } from './auto-layout';

export type LayoutState =
  { status: 'pending' } | { status: 'ready'; boxes: BoxLayout } | { status: 'failed'; message: string };

/** Runs ELK whenever the graph changes (not when boxes merely move); the last request wins. */
export function useAutoLayout(graph: TopologyGraph): LayoutState {
  const [state, setState] = useState<LayoutState>({ status: 'pending' });
  useEffect(() => {
    let current = true;
    autoLayout(graph).then(
      (boxes) => current && setState({ status: 'ready', boxes }),
      (error: unknown) =>
        current && setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [graph]);
  return state;
}
