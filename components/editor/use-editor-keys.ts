'use client';

import { useEffect } from 'react';
import type { EditorStore } from './editor-store';

/**
 * Keyboard: Delete, Ctrl+Z / Ctrl+Shift+Z, Ctrl+C / Ctrl+V, Ctrl+A; never while typing in a field. Arrow keys move
 * the selected boxes through React Flow itself, each press one undo step.
 */
export function useEditorKeys(store: EditorStore) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      const mod = event.ctrlKey || event.metaKey;
      const state = store.getState();
      const history = store.temporal.getState();
      if (mod && event.key.toLowerCase() === 'z') {
        event.preventDefault();
        if (event.shiftKey) history.redo();
        else history.undo();
      } else if (mod && event.key.toLowerCase() === 'y') {
        event.preventDefault();
        history.redo();
      } else if (mod && event.key.toLowerCase() === 'c') {
        state.copySelection();
      } else if (mod && event.key.toLowerCase() === 'v') {
        event.preventDefault();
        state.pasteClipboard();
      } else if (mod && event.key.toLowerCase() === 'a') {
        event.preventDefault();
        state.selectAll();
      } else if (event.key === 'Delete' || event.key === 'Backspace') {
        event.preventDefault();
        state.removeSelected();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
