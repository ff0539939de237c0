import { createContext } from 'react';

// Benchmarks ask whether dragging one box re-renders others. Only their pages provide a counter
// (components/bench/count-renders.tsx), so the shipped app carries no counting code, just this hook point.

/** Called with a box's id each time it renders, where a benchmark page provides it. */
export const RenderCountContext = createContext<((id: string) => void) | null>(null);
