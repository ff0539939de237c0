'use client';

import { useReactFlow } from '@xyflow/react';
import type { Topology } from '../../core/topology/schema';
import { formatPath, type PathSegment } from '../../core/validate/problem';
import { useEditor, useEditorStore } from './editor-context';
import { allProblems } from './held-fields';

/** The box a problem belongs to: the interface, jail or segment its path points into. */
export function elementOf(t: Topology, path: readonly PathSegment[]): string | undefined {
  if (path[0] === 'stacks' && typeof path[1] === 'number') {
    const stack = t.stacks[path[1]];
    if (path[2] === 'interfaces' && typeof path[3] === 'number') return stack?.interfaces[path[3]]?.id;
    return stack?.id;
  }
  if (path[0] === 'segments' && typeof path[1] === 'number') return t.segments[path[1]]?.id;
  return undefined;
}

/** Every problem of the design; choosing one selects its box and brings it into view. */
export function ProblemsPanel() {
  const topology = useEditor((s) => s.topology);
  const store = useEditorStore();
  const flow = useReactFlow();
  const held = useEditor((s) => s.held);
  const problems = allProblems(topology, held);
  if (problems.length === 0) {
    return (
      <p
        className="flex items-center gap-2 rounded-md bg-emerald-50 dark:bg-emerald-950/60 px-3 py-2 text-sm text-emerald-800 dark:text-emerald-300"
        data-testid="validation-clean">
        <span className="h-2 w-2 rounded-full bg-emerald-500" aria-hidden /> No problems.
      </p>
    );
  }
  const jump = (path: readonly PathSegment[]) => {
    const id = elementOf(topology, path);
    if (!id) return;
    store.getState().select([id]);
    // Boxes inside the host are drawn by their own id; a jail's interface is a row of the jail.
    const node = flow.getNode(id) ? id : topology.stacks.find((s) => s.interfaces.some((i) => i.id === id))?.id;
    if (node) void flow.fitView({ nodes: [{ id: node }], padding: 0.6, duration: 300 });
  };
  return (
    <ul className="space-y-1.5" data-testid="problem-list">
      {problems.map((p) => (
        <li key={`${p.rule}@${formatPath(p.path)}`}>
          <button
            type="button"
            onClick={() => jump(p.path)}
            className={`w-full rounded-md border px-2.5 py-1.5 text-left text-xs ${p.severity === 'error' ? 'border-red-200 bg-red-50 text-red-900 hover:bg-red-100' : 'border-amber-200 bg-amber-50 dark:bg-amber-950/60 text-amber-900 hover:bg-amber-100'}`}
            data-rule={p.rule}>
            <span className="block font-mono text-[10px] opacity-70">{p.rule}</span>
            {p.message}
          </button>
        </li>
      ))}
    </ul>
  );
}
