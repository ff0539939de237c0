'use client';

import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { TrafficState, TrafficStore } from './traffic-store';

export const TrafficContext = createContext<TrafficStore | null>(null);

export function useTrafficStore(): TrafficStore {
  const traffic = useContext(TrafficContext);
  if (!traffic) throw new Error('useTrafficStore needs a TrafficContext provider');
  return traffic;
}

export function useTraffic<T>(selector: (state: TrafficState) => T): T {
  return useStore(useTrafficStore().store, selector);
}
