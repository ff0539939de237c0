import type { EditorStore } from './editor-store';

export const PALETTE_MIME = 'application/x-patchbay-palette';
export type PaletteItem = 'jail' | 'shared-jail' | 'bridge' | 'loopback' | 'nic' | 'lan' | 'internet';

/** Adds what a palette entry stands for, at a canvas position when dropped there. */
export function addFromPalette(store: EditorStore, item: PaletteItem, position?: { x: number; y: number }) {
  const state = store.getState();
  const at = position ? { position } : {};
  if (item === 'jail') state.addJail(at);
  else if (item === 'shared-jail') state.addSharedIpJail(at);
  else if (item === 'bridge') state.addBridge({});
  else if (item === 'loopback') state.addLoopback({});
  else if (item === 'nic') {
    const taken = new Set(state.topology.stacks.flatMap((s) => s.interfaces.map((i) => i.name)));
    let unit = 0;
    while (taken.has(`em${unit}`)) unit++;
    state.addNic({ name: `em${unit}` });
  } else state.addSegment(item, at);
}
