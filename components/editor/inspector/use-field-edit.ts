'use client';

import type { Edit } from '../../../core/editor/actions';
import type { FieldRefusal } from '../../../core/editor/field-text';
import type { Topology } from '../../../core/topology/schema';
import type { PathSegment, Problem } from '../../../core/validate/problem';
import { useEditor, useEditorStore } from '../editor-context';
import { fieldPath, fieldProblems } from './locate';

type Change = (text: string) => (t: Topology) => Edit | FieldRefusal;

/**
 * Props for the text fields of one element: a commit goes through the store's editField (written
 * if Save would take it, else held with why), and the field shows held text and its problems
 * (`problems` is allProblems: the held ones included).
 */
export function useFieldEdit(id: string, path: PathSegment[], problems: Problem[]) {
  const store = useEditorStore();
  const held = useEditor((s) => s.held);
  return (field: string, value: string, change: Change) => {
    const at = [...path, ...fieldPath(field)];
    const mine = held.find((h) => h.id === id && h.field === field);
    return {
      value: mine?.text ?? value,
      onCommit: (text: string) => store.getState().editField({ id, field, path: at }, text, change(text)),
      // `problems` already holds the held text's problem (allProblems), in the one list the panel shows.
      problems: fieldProblems(problems, path, field),
    };
  };
}
