'use client';

import { useEffect } from 'react';
import { warmLayoutEngine } from './auto-layout';

/** For views that will draw once their data comes: the layout engine starts while they wait for it. */
export function useWarmLayout() {
  useEffect(() => void warmLayoutEngine(), []);
}
