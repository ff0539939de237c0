'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { readDesignName } from '../../core/editor/design-name';
import { BUTTON, INPUT, PRIMARY_BUTTON } from '../ui/styles';

// Renaming a design where its name is shown: Enter (or Save) saves, Escape (or Cancel) puts the old
// name back. A bad name is refused in place with the rule, and what was typed stays to be fixed.

export function InlineRename({
  name,
  onRename,
  testId,
}: {
  name: string;
  /** Stores the new name; a thrown error is shown in place and the field stays open. */
  onRename: (name: string) => Promise<unknown>;
  testId: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const editing = draft !== null;

  useEffect(() => {
    if (editing) input.current?.select();
  }, [editing]);

  const close = () => {
    setDraft(null);
    setError(null);
    // Back to the button that opened the field, so the keyboard stays where it was.
    requestAnimationFrame(() => opener.current?.focus());
  };

  const save = async () => {
    if (draft === null || busy) return;
    const read = readDesignName(draft);
    if (!read.ok) return setError(read.reason);
    if (read.name === name) return close();
    setBusy(true);
    try {
      await onRename(read.name);
      close();
    } catch (failure) {
      setError(`Not renamed: ${failure instanceof Error ? failure.message : String(failure)}`);
    } finally {
      setBusy(false);
    }
  };

  if (!editing)
    return (
      <button
        ref={opener}
        type="button"
        className={BUTTON}
        onClick={() => setDraft(name)}
        title={`Rename ${name}`}
        data-testid={`${testId}-rename`}>
        Rename
      </button>
    );
  return (
    <div className="flex w-full basis-full flex-col gap-1">
      <div className="flex items-center gap-2">
        <label htmlFor={id} className="sr-only">
          New name for {name}
        </label>
        <input
          id={id}
          ref={input}
          className={`${INPUT} max-w-md ${error ? '!border-red-400' : ''}`}
          value={draft}
          maxLength={400}
          onChange={(e) => {
            setDraft(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void save();
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
            }
          }}
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-error` : undefined}
          disabled={busy}
          data-testid={`${testId}-input`}
        />
        <button type="button" className={PRIMARY_BUTTON} onClick={() => void save()} disabled={busy}>
          Save name
        </button>
        <button type="button" className={BUTTON} onClick={close} disabled={busy}>
          Cancel
        </button>
      </div>
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-700" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
