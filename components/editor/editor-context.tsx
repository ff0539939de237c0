'use client';

import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Topology } from '../../core/topology/schema';
import { createEditorStore, type EditorState, type EditorStore } from './editor-store';

// Factory + context + selector hook, as in xyflow's own apps: one store per open design.

const EditorContext = createContext<EditorStore | null>(null);

export function EditorProvider({ initial, children }: { initial: Topology; children: ReactNode }) {
  const [store] = useState(() => createEditorStore(initial));
  return <EditorContext.Provider value={store}>{children}</EditorContext.Provider>;
}

export function useEditorStore(): EditorStore {
  const store = useContext(EditorContext);
  if (!store) throw new Error('useEditor must be used inside <EditorProvider>');
  return store;
}

export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStore(), selector);
}
