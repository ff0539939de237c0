import { useShallow } from 'zustand/react/shallow';
import { meaningOf, type Meaning } from '../../core/topology/meaning';
import { useEditor } from './editor-context';

/** The edited design's meaning; moving a box (a new layout only) re-renders nothing that uses it. */
export function useDesignMeaning(): Meaning {
  return useEditor(useShallow((s) => meaningOf(s.topology)));
}
