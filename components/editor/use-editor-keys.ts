'use client';

import { useEffect } from 'react';
import type { EditorStore } from './editor-store';
import { shortcutFor } from './shortcuts';

/**
 * Runs the editor's shortcuts (shortcuts.ts, the one table the sheet and the README show); never
 * while typing in a field, nor behind an open dialog. Arrow keys move the selected boxes through
 * React Flow itself, each press one undo step.
 */
export function useEditorKeys(store: EditorStore, showShortcuts: () => void) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      const shortcut = shortcutFor(event);
      if (!shortcut?.run) return;
      if (shortcut.cancelsDefault) event.preventDefault();
      shortcut.run({ store, showShortcuts });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, showShortcuts]);
}
