'use client';

import { useId, useState, type FormEvent } from 'react';
import { LAB_SIZE, labName, readLabSize, TEMPLATES } from '../../core/templates/templates';
import { BUTTON, INPUT } from '../ui/styles';

const LAB = TEMPLATES.find((t) => t.id === 'lab')!;

/** "Lab of N jails" with N typed beside it: a bad number is refused in place and makes nothing. */
export function LabTemplate({ onCreate }: { onCreate: (count: number) => void }) {
  const id = useId();
  const [text, setText] = useState(String(LAB_SIZE.default));
  const [error, setError] = useState<string | null>(null);
  const size = readLabSize(text);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const read = readLabSize(text);
    if (!read.ok) return setError(read.reason);
    setError(null);
    onCreate(read.count);
  };
  return (
    <form className="relative flex items-center gap-1" onSubmit={submit} noValidate>
      <button type="submit" className={BUTTON} title={LAB.description} data-testid="template-lab">
        {size.ok ? labName(size.count) : LAB.title}
      </button>
      <label htmlFor={id} className="sr-only">
        Number of jails ({LAB_SIZE.min} to {LAB_SIZE.max})
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={LAB_SIZE.min}
        max={LAB_SIZE.max}
        step={1}
        className={`${INPUT} !w-16 ${error ? '!border-red-400' : ''}`}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        title={`Number of jails, ${LAB_SIZE.min} to ${LAB_SIZE.max}`}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid="lab-size"
      />
      {error ? (
        <p
          id={`${id}-error`}
          role="alert"
          className="absolute left-0 top-full z-10 mt-1 w-72 rounded bg-white px-2 py-1 text-xs text-red-700 shadow dark:bg-slate-900"
          data-testid="lab-size-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
