'use client';

import { useEffect, useId, useMemo, useState } from 'react';
import { setPfConf } from '../../../core/editor/pf-conf';
import { parsePfConf } from '../../../core/pf/parse';
import type { Stack } from '../../../core/topology/schema';
import type { PathSegment, Problem } from '../../../core/validate/problem';
import { useEditor, useEditorStore } from '../editor-context';
import { ProblemNotes } from './fields';
import { fieldProblems } from './locate';

// A stack's whole pf.conf, pasted: the audit reads it instead of pfctl's listings, split the way
// pfctl loads it. Its problems (validate's pf.text, one per line it cannot read or place) are listed
// under it with their lines; the text stays as pasted, so nothing is lost while it is being fixed.

const note = 'text-xs text-slate-500 dark:text-slate-400';

export function PfConfField({ stack, path, problems }: { stack: Stack; path: PathSegment[]; problems: Problem[] }) {
  const id = useId();
  const store = useEditorStore();
  const held = useEditor((s) => s.held).find((h) => h.id === stack.id && h.field === 'pf');
  const value = held?.text ?? stack.pf?.conf ?? '';
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () =>
    draft !== value &&
    store
      .getState()
      .editField({ id: stack.id, field: 'pf', path: [...path, 'pf'] }, draft, (t) => setPfConf(t, stack.id, draft));
  // Everything under stack.pf: the pasted text's lines, held text, and table entries read from the host.
  const own = fieldProblems(problems, path, 'pf');
  // Parsed when the stored text changes, not on every keystroke in the box.
  const conf = stack.pf?.conf;
  const read = useMemo(() => (conf ? parsePfConf(conf).ruleset : undefined), [conf]);
  return (
    <div data-testid="pf-conf">
      <label htmlFor={id} className="mb-0.5 block text-[11px] font-medium uppercase tracking-wide text-slate-500">
        pf.conf
      </label>
      <textarea
        id={id}
        rows={Math.min(16, Math.max(4, draft.split('\n').length + 1))}
        spellCheck={false}
        placeholder={
          "# Paste this stack's whole /etc/pf.conf\nset skip on lo0\nnat on em0 from 10.0.0.0/24 to any -> (em0)\nblock in all"
        }
        className="w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs text-slate-900 focus:border-violet-400 focus:outline-none focus:ring-2 focus:ring-violet-200 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        data-testid="field-pf-conf"
        aria-invalid={own.length > 0}
      />
      <p className={note} data-testid="pf-conf-summary">
        {read
          ? `The audit reads this instead of pfctl's listings: ${read.translation.length} translation and ${read.filter.length} filter rules, ${read.tables.size} tables.`
          : "Paste the whole pf.conf to audit it instead of pfctl's listings; leave empty to use the listings."}
      </p>
      <ProblemNotes problems={own} />
    </div>
  );
}
