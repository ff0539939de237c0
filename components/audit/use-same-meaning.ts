import { useRef } from 'react';
import { sameMeaning } from '../../core/topology/meaning';
import type { Topology } from '../../core/topology/schema';

/**
 * The design as it was when its meaning last changed, so effects that depend on it do not rerun
 * when only a box moved.
 */
export function useSameMeaning(topology: Topology): Topology {
  const last = useRef(topology);
  if (!sameMeaning(last.current, topology)) last.current = topology;
  return last.current;
}
