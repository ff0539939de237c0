'use client';

import { useEffect, useId, useState } from 'react';
import { cableBaseName, cableEndNames, cableNameProblem } from '../../../core/editor/cable-rename';
import type { Interface } from '../../../core/topology/schema';
import { useEditor, useEditorStore } from '../editor-context';

// An epair end is edited as its cable: the name is the cable's, and its two ends follow it. A name
// that breaks a rule is refused on the spot, with the rule under the field and the typing kept.

const INPUT =
  'w-full rounded border bg-white dark:bg-slate-900 px-2 py-1 font-mono text-sm text-slate-900 dark:text-slate-100 focus:border-violet-400 focus:outline-none focus:ring-2 focus:ring-violet-200';

export function CableFields({ end }: { end: Interface & { kind: 'epair' } }) {
  const store = useEditorStore();
  const topology = useEditor((s) => s.topology);
  const base = cableBaseName(topology, end.id) ?? end.name;
  const peer = topology.stacks.flatMap((s) => s.interfaces).find((i) => i.id === end.peer);
  const id = useId();
  const [draft, setDraft] = useState(base);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(base), [base]);
  const commit = () => {
    if (draft === base) return setError(null);
    const problem = cableNameProblem(topology, end.id, draft);
    setError(problem ?? null);
    if (!problem) store.getState().renameCable(end.id, draft);
  };
  const preview = cableEndNames(draft);
  const [a, b] = end.end === 'a' ? [end, peer] : [peer, end];
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="mb-0.5 block text-[11px] font-medium uppercase tracking-wide text-slate-500">
        Cable name (both ends)
      </label>
      <input
        id={id}
        className={`${INPUT} ${error ? 'border-red-400' : 'border-slate-300 dark:border-slate-600'}`}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(base);
            setError(null);
          }
        }}
        aria-invalid={error !== null}
        aria-describedby={`${id}-ends`}
        data-testid="field-cable-name"
      />
      {error ? (
        <p className="text-xs text-red-700" role="alert" data-testid="cable-name-error">
          {error}
        </p>
      ) : null}
      <p id={`${id}-ends`} className="text-xs text-slate-500" data-testid="cable-ends">
        Ends:{' '}
        {[a, b].map((iface, i) =>
          iface ? (
            <button
              key={iface.id}
              type="button"
              className={`mr-2 font-mono ${iface.id === end.id ? 'font-semibold text-slate-800 dark:text-slate-200' : 'text-violet-700 hover:underline'}`}
              onClick={() => store.getState().select([iface.id])}
              aria-pressed={iface.id === end.id}
              title={iface.id === end.id ? 'This end' : 'Edit this end'}
              data-testid={`cable-end-${i === 0 ? 'a' : 'b'}`}>
              {iface.name}
            </button>
          ) : null,
        )}
        {draft !== base && !error ? `→ ${preview.a} / ${preview.b}` : null}
      </p>
    </div>
  );
}
