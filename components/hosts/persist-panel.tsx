'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { api } from '../trpc-client';
import { useTRPC } from '../data/trpc';
import { BUTTON, PRIMARY_BUTTON } from '../ui/styles';
import { errorText } from './error-text';

// Persist: the design as FreeBSD files on this host, so it survives a reboot. First a preview of every file change as
// a diff against what the host has now; then, only when asked, the write (with backups). Files the
// admin owns get a marked block, and a variable they already set is a conflict to allow explicitly.

type Preview = Awaited<ReturnType<typeof api.hosts.persistPreview.mutate>>;
type Written = Awaited<ReturnType<typeof api.hosts.persistWrite.mutate>>;

const ACTION_CLASS: Record<string, string> = {
  create: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100',
  update: 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
  unchanged: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200',
  refused: 'bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100',
};

function DiffText({ diff }: { diff: string }) {
  return (
    <pre className="max-h-64 overflow-auto rounded bg-white p-2 font-mono text-[11px] leading-4 dark:bg-slate-900">
      {diff.split('\n').map((line, i) => (
        <div
          key={i}
          className={
            line.startsWith('+') && !line.startsWith('+++')
              ? 'text-emerald-700 dark:text-emerald-300'
              : line.startsWith('-') && !line.startsWith('---')
                ? 'text-red-700 dark:text-red-300'
                : 'text-slate-600 dark:text-slate-400'
          }>
          {line || ' '}
        </div>
      ))}
    </pre>
  );
}

export function PersistPanel({ hostId, designId }: { hostId: string; designId: string | null }) {
  const trpc = useTRPC();
  // Neither changes what the page reads: the live host is untouched until the next boot.
  const previewing = useMutation(trpc.hosts.persistPreview.mutationOptions());
  const writing = useMutation(trpc.hosts.persistWrite.mutationOptions());
  const [preview, setPreview] = useState<Preview | null>(null);
  const [written, setWritten] = useState<Written | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [adopt, setAdopt] = useState<string[]>([]);
  const [allowConflicts, setAllowConflicts] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const makePreview = () =>
    run(async () => {
      setWritten(null);
      setAdopt([]);
      setAllowConflicts(false);
      setPreview(await previewing.mutateAsync({ id: hostId, designId: designId! }));
    });
  const write = () =>
    run(async () => {
      setWritten(
        await writing.mutateAsync({
          id: hostId,
          previewId: preview!.id,
          ...(adopt.length ? { adopt } : {}),
          ...(allowConflicts ? { allowConflicts: true } : {}),
        }),
      );
      setPreview(null);
    });

  const changes = preview?.changes ?? [];
  const conflicts = changes.some((c) => c.conflicts.length > 0);
  const refused = changes.some((c) => c.action === 'refused');
  const foreignLeft = changes.some((c) => c.foreign && !adopt.includes(c.path));
  const toWrite = changes.filter((c) => c.action === 'create' || c.action === 'update').length;
  return (
    <div className="space-y-2" data-testid="persist-panel">
      <p className="text-xs text-slate-500">
        Writes the design as rc.conf lines, jail.conf.d files and pf anchor files, so the network comes back after a
        reboot without Patchbay. You see every change first.
      </p>
      <button
        type="button"
        className={BUTTON}
        disabled={!designId || busy}
        onClick={() => void makePreview()}
        data-testid="persist-preview">
        Preview the files
      </button>
      {error ? (
        <p className="text-xs text-red-700 dark:text-red-300" role="alert" data-testid="persist-error">
          {errorText(error)}
        </p>
      ) : null}
      {preview ? (
        <div className="space-y-2">
          <ul className="space-y-1.5" data-testid="persist-changes">
            {changes.map((change) => (
              <li
                key={change.path}
                className="rounded-md border border-slate-200 p-2 text-xs dark:border-slate-700"
                data-testid="persist-change"
                data-path={change.path}
                data-action={change.action}>
                <div className="flex flex-wrap items-center gap-1.5">
                  <span
                    className={`rounded px-1.5 font-semibold uppercase leading-4 ${ACTION_CLASS[change.action] ?? ''}`}>
                    {change.action}
                  </span>
                  <code className="font-mono font-semibold">{change.path}</code>
                  <span className="text-slate-500">
                    {change.owner === 'patchbay' ? "Patchbay's file" : 'a marked block in your file'}
                  </span>
                </div>
                {change.reason ? <p className="mt-1 text-red-800 dark:text-red-200">{change.reason}</p> : null}
                {change.foreign ? (
                  <label className="mt-1 flex items-center gap-1.5">
                    <input
                      type="checkbox"
                      checked={adopt.includes(change.path)}
                      onChange={(e) =>
                        setAdopt(e.target.checked ? [...adopt, change.path] : adopt.filter((p) => p !== change.path))
                      }
                      data-testid="persist-adopt"
                    />
                    This file was not written by Patchbay: replace it (a backup is kept)
                  </label>
                ) : null}
                {change.conflicts.length ? (
                  <ul className="mt-1 list-disc pl-4 text-red-800 dark:text-red-200" data-testid="persist-conflicts">
                    {change.conflicts.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                ) : null}
                {change.diff ? (
                  <details className="mt-1" open={change.action !== 'unchanged' && changes.length <= 6}>
                    <summary className="cursor-pointer text-slate-600 dark:text-slate-300">diff</summary>
                    <DiffText diff={change.diff} />
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
          {conflicts ? (
            <label className="flex items-center gap-1.5 text-xs text-red-800 dark:text-red-200">
              <input
                type="checkbox"
                checked={allowConflicts}
                onChange={(e) => setAllowConflicts(e.target.checked)}
                data-testid="persist-allow-conflicts"
              />
              Write anyway: Patchbay&apos;s lines come later in the file and win over yours
            </label>
          ) : null}
          <button
            type="button"
            className={PRIMARY_BUTTON}
            disabled={busy || toWrite === 0 || refused || foreignLeft || (conflicts && !allowConflicts)}
            onClick={() => void write()}
            data-testid="persist-write">
            {toWrite === 0 ? 'Nothing to write' : `Write ${toWrite} file(s)`}
          </button>
          {refused ? (
            <p className="text-xs text-red-700 dark:text-red-300">
              A file is refused (see above): fix the design or the file, then preview again.
            </p>
          ) : null}
          {preview.manual.length ? (
            <div className="space-y-1" data-testid="persist-manual">
              <p className="text-xs text-slate-600 dark:text-slate-300">
                Patchbay never writes these; add the lines yourself:
              </p>
              <p className="text-xs text-slate-600 dark:text-slate-300" data-testid="persist-pf-note">
                The pf.conf lines are the same for every design, so you add them once. Patchbay always writes all three
                anchor files (empty when a design has no rules for one) and checks each with <code>pfctl -n</code>{' '}
                first: pfctl loads pf.conf in one go and, if a <code>load anchor</code> file were missing or broken,
                would load none of it at boot, your own rules included.
              </p>
              {preview.manual.map((m) => (
                <div key={m.path} className="text-xs">
                  <code className="font-mono font-semibold">{m.path}</code>{' '}
                  <span className="text-slate-500">{m.purpose}</span>
                  <pre className="mt-0.5 overflow-auto rounded bg-white p-2 font-mono text-[11px] dark:bg-slate-900">
                    {m.content}
                  </pre>
                </div>
              ))}
            </div>
          ) : null}
        </div>
      ) : null}
      {written ? (
        <ul
          className="space-y-0.5 rounded-md bg-emerald-50 p-2 text-xs text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
          data-testid="persist-written">
          {written.written.map((w) => (
            <li key={w.path}>
              wrote <code>{w.path}</code>
              {w.backup ? (
                <>
                  {' '}
                  (the old one is kept as <code>{w.backup}</code>)
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
