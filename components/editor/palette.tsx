'use client';

import type { DragEvent } from 'react';
import { useEditorStore } from './editor-context';
import { addFromPalette, PALETTE_MIME, type PaletteItem } from './palette-items';

const ITEMS: { item: PaletteItem; label: string; hint: string }[] = [
  { item: 'jail', label: 'Jail', hint: 'a vnet jail' },
  { item: 'shared-jail', label: 'Shared-IP jail', hint: "a jail on the host's stack (no vnet)" },
  { item: 'bridge', label: 'Bridge', hint: 'a virtual switch on the host' },
  { item: 'loopback', label: 'Loopback', hint: "lo1: carries shared-IP jails' addresses" },
  { item: 'nic', label: 'NIC', hint: 'a physical network card' },
  { item: 'lan', label: 'LAN', hint: 'the network beyond a NIC' },
  { item: 'internet', label: 'Internet', hint: 'reached through the LAN' },
];

/** Things to add: drag one onto the canvas, or press its button (keyboard users too). */
export function Palette() {
  const store = useEditorStore();
  const onDragStart = (event: DragEvent, item: PaletteItem) => {
    event.dataTransfer.setData(PALETTE_MIME, item);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <div className="space-y-1.5" aria-label="Palette">
      {ITEMS.map(({ item, label, hint }) => (
        <button
          key={item}
          type="button"
          draggable
          onDragStart={(event) => onDragStart(event, item)}
          onClick={() => addFromPalette(store, item)}
          className="block w-full cursor-grab rounded-md border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 px-3 py-1.5 text-left shadow-sm hover:border-violet-300 hover:bg-violet-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-400"
          data-testid={`palette-${item}`}
          title={`Add ${hint}`}>
          <span className="block text-sm font-medium text-slate-800 dark:text-slate-200">{label}</span>
          <span className="block text-[11px] leading-tight text-slate-500">{hint}</span>
        </button>
      ))}
    </div>
  );
}
