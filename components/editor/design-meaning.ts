import { useShallow } from 'zustand/react/shallow';
import type { Topology } from '../../core/topology/schema';
import { useEditor } from '../editor/editor-context';

/** What a design means, without where its boxes are drawn: the audit views read only this. */
export type DesignMeaning = Pick<Topology, 'stacks' | 'segments' | 'intents'>;

/** The edited design's meaning; moving a box (a new layout only) re-renders nothing that uses it. */
export function useDesignMeaning(): DesignMeaning {
  return useEditor(useShallow((s) => ({ stacks: s.topology.stacks, segments: s.topology.segments, intents: s.topology.intents })));
}
