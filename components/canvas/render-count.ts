// Benchmarks ask whether dragging one box re-renders others. When a page sets
// window.__patchbayRenders (the benchmark page does), every box render is counted there by id.

declare global {
  interface Window {
    __patchbayRenders?: Map<string, number>;
  }
}

export function countRender(id: string) {
  if (typeof window === 'undefined' || !window.__patchbayRenders) return;
  window.__patchbayRenders.set(id, (window.__patchbayRenders.get(id) ?? 0) + 1);
}
