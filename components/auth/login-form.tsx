'use client';

import { useId, useState, type FormEvent } from 'react';
import { INPUT, PRIMARY_BUTTON } from '../ui/styles';
import { postAuth, type AuthReply } from './post-auth';

// One form for both moments: the first start ("Set the admin password", with the setup code from
// the data directory) and every later login. The server says which field an error is about.

const INPUT_WRONG = '!border-red-400 dark:!border-red-500';

type Field = NonNullable<AuthReply['field']>;

function Input({
  field,
  label,
  hint,
  type,
  autoComplete,
  error,
}: {
  field: Field;
  label: string;
  hint?: string;
  type: string;
  autoComplete: string;
  error?: string;
}) {
  const id = useId();
  return (
    <div>
      <label
        htmlFor={id}
        className="mb-1 block text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
        {label}
      </label>
      <input
        id={id}
        name={field}
        type={type}
        autoComplete={autoComplete}
        required
        spellCheck={false}
        className={`${INPUT} ${field === 'setupCode' ? 'font-mono uppercase' : ''} ${error ? INPUT_WRONG : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        data-testid={`login-${field}`}
      />
      {error ? (
        <p
          id={`${id}-error`}
          className="mt-1 text-xs text-red-700 dark:text-red-400"
          data-testid={`login-${field}-error`}>
          {error}
        </p>
      ) : (
        hint && (
          <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
            {hint}
          </p>
        )
      )}
    </div>
  );
}

export function LoginForm({
  mode,
  next,
  loginRequired,
}: {
  mode: 'setup' | 'login';
  next: string;
  loginRequired: boolean;
}) {
  const [reply, setReply] = useState<AuthReply | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    setBusy(true);
    const answer = await postAuth(mode === 'setup' ? '/api/auth/setup' : '/api/auth/login', values);
    if (answer.ok) {
      // A full load, so the header (and its logout button) is drawn again for a logged-in browser.
      window.location.assign(next);
      return;
    }
    setReply(answer);
    setBusy(false);
  };
  const errorFor = (field: Field) => (reply?.field === field ? reply.error : undefined);

  return (
    <form
      onSubmit={(e) => void submit(e)}
      className="w-full max-w-sm space-y-4 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-6 shadow-sm"
      data-testid={`login-form-${mode}`}
      noValidate>
      <div className="space-y-1">
        <h1 className="text-lg font-semibold text-slate-900 dark:text-slate-100">
          {mode === 'setup' ? 'Set the admin password' : 'Log in to Patchbay'}
        </h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {mode === 'setup' ? (
            <>
              The first password needs the one-time setup code from the file{' '}
              <code className="rounded bg-slate-100 dark:bg-slate-800 px-1 font-mono text-xs">setup-code</code> in
              Patchbay&apos;s data directory on the server (the server printed its path when it started).
            </>
          ) : (
            'Enter the admin password.'
          )}
        </p>
        {!loginRequired && (
          <p className="text-xs text-slate-500 dark:text-slate-400">
            This dashboard listens on loopback only, so it does not ask for a login yet.
          </p>
        )}
      </div>
      {mode === 'setup' && (
        <Input
          field="setupCode"
          label="Setup code"
          type="text"
          autoComplete="one-time-code"
          hint="Like ABCD-EFGH-JKMN-PQRS; case and dashes do not matter."
          error={errorFor('setupCode')}
        />
      )}
      <Input
        field="password"
        label="Password"
        type="password"
        autoComplete={mode === 'setup' ? 'new-password' : 'current-password'}
        hint={mode === 'setup' ? 'At least 12 characters.' : undefined}
        error={errorFor('password')}
      />
      {mode === 'setup' && (
        <Input
          field="repeat"
          label="Repeat password"
          type="password"
          autoComplete="new-password"
          error={errorFor('repeat')}
        />
      )}
      {reply && !reply.ok && !reply.field && (
        <p
          className="rounded-md bg-red-50 dark:bg-red-950 px-3 py-2 text-sm text-red-800 dark:text-red-300"
          role="alert"
          data-testid="login-error">
          {reply.error}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className={`${PRIMARY_BUTTON} w-full font-medium`}
        data-testid="login-submit">
        {busy ? 'Checking…' : mode === 'setup' ? 'Set password and log in' : 'Log in'}
      </button>
    </form>
  );
}
