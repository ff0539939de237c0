'use client';

import { useEffect, useId, useState, type ReactNode } from 'react';
import type { Problem } from '../../../core/validate/problem';

// Inspector fields: they commit on Enter or when focus leaves, so typing a name is one undo step,
// and they show the validator's problems for exactly this field.

export function ProblemNotes({ problems }: { problems: Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5">
      {problems.map((p) => (
        <li
          key={`${p.rule}${p.message}`}
          className={`text-xs ${p.severity === 'error' ? 'text-red-700' : 'text-amber-700'}`}
          data-testid="field-problem"
          data-rule={p.rule}>
          {p.message}
        </li>
      ))}
    </ul>
  );
}

function Label({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="mb-0.5 block text-[11px] font-medium uppercase tracking-wide text-slate-500">
        {label}
      </label>
      {children}
    </div>
  );
}

const INPUT =
  'w-full rounded border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-2 py-1 font-mono text-sm text-slate-900 dark:text-slate-100 focus:border-violet-400 focus:outline-none focus:ring-2 focus:ring-violet-200';

export function TextField({
  label,
  value,
  onCommit,
  problems = [],
  placeholder,
  testId,
}: {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  problems?: Problem[];
  placeholder?: string;
  testId?: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => draft !== value && onCommit(draft);
  return (
    <Label id={id} label={label}>
      <input
        id={id}
        className={`${INPUT} ${problems.some((p) => p.severity === 'error') ? 'border-red-400' : ''}`}
        value={draft}
        placeholder={placeholder}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
        data-testid={testId}
        aria-invalid={problems.some((p) => p.severity === 'error')}
      />
      <ProblemNotes problems={problems} />
    </Label>
  );
}

/** One entry per line, committed as a list (addresses, NAT sources). */
export function ListField({
  label,
  values,
  onCommit,
  problems = [],
  testId,
  suggestion,
}: {
  label: string;
  values: string[];
  onCommit: (values: string[]) => void;
  problems?: Problem[];
  testId?: string;
  suggestion?: { label: string; value: string };
}) {
  const id = useId();
  const text = values.join('\n');
  const [draft, setDraft] = useState(text);
  useEffect(() => setDraft(text), [text]);
  const commit = (next = draft) =>
    next !== text &&
    onCommit(
      next
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    );
  return (
    <Label id={id} label={label}>
      <textarea
        id={id}
        rows={Math.max(2, values.length + 1)}
        className={INPUT}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => commit()}
        data-testid={testId}
      />
      {suggestion && (
        <button
          type="button"
          className="mt-1 text-xs font-medium text-violet-700 hover:underline"
          onClick={() => commit([...values, suggestion.value].join('\n'))}
          data-testid={testId ? `${testId}-suggest` : undefined}>
          {suggestion.label}
        </button>
      )}
      <ProblemNotes problems={problems} />
    </Label>
  );
}

export function CheckField({
  label,
  checked,
  onChange,
  testId,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  testId?: string;
}) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
      <input
        type="checkbox"
        className="h-4 w-4 accent-violet-600"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={testId}
      />
      {label}
    </label>
  );
}
