'use client';

import { Background, BackgroundVariant, Controls, MiniMap } from '@xyflow/react';
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
      <MiniMap pannable zoomable style={{ width: 160, height: 110 }} nodeColor={(n) => MINIMAP_COLOR[n.type ?? ''] ?? '#e2e8f0'} className="!rounded-lg !border !border-slate-200 dark:!border-slate-700" />
      <Controls showInteractive={false} />
    </>
  );
}
