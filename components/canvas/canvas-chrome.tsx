'use client';

import { Background, BackgroundVariant, Controls } from '@xyflow/react';
import { CanvasMinimap } from './canvas-minimap';
import { useDarkMode } from '../theme/use-dark-mode';

const MINIMAP_COLOR: Record<string, string> = {
  host: '#e2e8f0',
  jail: '#ddd6fe',
  bridge: '#fde68a',
  nic: '#a7f3d0',
  interface: '#e2e8f0',
  lan: '#bae6fd',
  internet: '#bfdbfe',
};

/** What every canvas has around the drawing: a dotted background, the minimap and the zoom controls. */
export function CanvasChrome() {
  const dark = useDarkMode();
  return (
    <>
      <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color={dark ? '#334155' : '#cbd5e1'} />
      <CanvasMinimap colors={MINIMAP_COLOR} />
      <Controls showInteractive={false} />
    </>
  );
}
