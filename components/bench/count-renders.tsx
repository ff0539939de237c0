'use client';

import type { ReactNode } from 'react';
import { RenderCountContext } from '../canvas/render-count';

// Counts every box render by id in window.__patchbayRenders (when the page has set it), for the
// drag and traffic benchmarks to read.

declare global {
  interface Window {
    __patchbayRenders?: Map<string, number>;
  }
}

function countRender(id: string) {
  if (!window.__patchbayRenders) return;
  window.__patchbayRenders.set(id, (window.__patchbayRenders.get(id) ?? 0) + 1);
}

export function CountRenders({ children }: { children: ReactNode }) {
  return <RenderCountContext.Provider value={countRender}>{children}</RenderCountContext.Provider>;
}
