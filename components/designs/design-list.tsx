'use client';

import { skipToken, useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useRef, useState, type ChangeEvent } from 'react';
import { emptyDesign } from '../../core/editor/empty';
import { fromTemplate, labName, TEMPLATES } from '../../core/templates/templates';
import { formatPath } from '../../core/topology/problem';
import type { Topology } from '../../core/topology/schema';
import { useWarmLayout } from '../canvas/use-warm-layout';
import { importChosenFile } from '../read-topology-file';
import { InlineRename } from './inline-rename';
import { LabTemplate } from './lab-template';
import { afterDesignChange, useInvalidate } from '../data/invalidation';
import { useTRPC } from '../data/trpc';
import { BUTTON, PRIMARY_BUTTON } from '../ui/styles';

/** Saved designs: open, rename, duplicate, delete, look back at versions and restore one. */
export function DesignList() {
  const router = useRouter();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const [message, setMessage] = useState<string | null>(null);
  const [historyId, setHistoryId] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  // Most visits here end in the editor (a template, an import, a design opened): its drawing waits on no cold engine.
  useWarmLayout();

  const list = useQuery(trpc.designs.list.queryOptions());
  const versions = useQuery(trpc.designs.versions.queryOptions(historyId ? { id: historyId } : skipToken));
  const designs = list.data ?? null;
  const history = historyId && versions.data ? { id: historyId, versions: versions.data } : null;
  const failure = list.error ?? versions.error;

  // Each change makes the list stale, and the design it was made to (its versions, if shown).
  const changed = {
    onSuccess: (_: unknown, input: { id: string }) => invalidate((t) => afterDesignChange(t, input.id)),
  };
  const creating = useMutation(trpc.designs.create.mutationOptions({ onSuccess: () => invalidate(afterDesignChange) }));
  const renaming = useMutation(trpc.designs.rename.mutationOptions(changed));
  const duplicating = useMutation(trpc.designs.duplicate.mutationOptions(changed));
  const deleting = useMutation(trpc.designs.delete.mutationOptions(changed));
  const restoring = useMutation(trpc.designs.restore.mutationOptions(changed));

  const create = async (name: string, topology: Topology) => {
    const created = await creating.mutateAsync({ name, topology });
    router.push(`/designs/${created.id}`);
  };

  const onImport = (event: ChangeEvent<HTMLInputElement>) =>
    importChosenFile(event, (topology) => create(topology.name, topology), setMessage);

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setMessage(done);
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className="mx-auto w-full max-w-4xl space-y-6 p-6">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="mr-auto text-xl font-semibold text-slate-900 dark:text-slate-100">Designs</h1>
        <button
          type="button"
          className={PRIMARY_BUTTON}
          onClick={() => void create('New design', emptyDesign('New design'))}
          data-testid="new-design">
          New empty design
        </button>
        {TEMPLATES.filter((t) => t.id !== 'lab').map((t) => (
          <button
            key={t.id}
            type="button"
            className={BUTTON}
            title={t.description}
            onClick={() => void create(t.title, fromTemplate(t.id))}
            data-testid={`template-${t.id}`}>
            {t.title}
          </button>
        ))}
        <LabTemplate onCreate={(count) => void create(labName(count), fromTemplate('lab', count))} />
        <button type="button" className={BUTTON} onClick={() => fileInput.current?.click()} data-testid="import-design">
          Import JSON
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          className="hidden"
          onChange={onImport}
          data-testid="import-design-file"
        />
      </div>
      {failure && !message && (
        <p
          className="rounded-md bg-slate-100 dark:bg-slate-800 px-3 py-2 text-sm text-slate-700 dark:text-slate-300"
          role="status">
          {failure.message}
        </p>
      )}
      {message && (
        <p
          className="rounded-md bg-slate-100 dark:bg-slate-800 px-3 py-2 text-sm text-slate-700 dark:text-slate-300"
          role="status">
          {message}
        </p>
      )}
      {designs === null ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : designs.length === 0 ? (
        <p className="text-sm text-slate-500">
          No designs yet: start an empty one, from a template, or import a JSON file.
        </p>
      ) : (
        <ul
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900"
          data-testid="design-list">
          {designs.map((d) => (
            <li key={d.id} className="space-y-2 px-4 py-3">
              <div className="flex flex-wrap items-center gap-2">
                <a
                  href={`/designs/${d.id}`}
                  className="mr-auto font-medium text-violet-700 hover:underline"
                  data-testid="design-link">
                  {d.name}
                </a>
                <span className="text-xs text-slate-500">
                  version {d.latestVersion} · {new Date(d.updatedAt).toLocaleString()}
                </span>
                <InlineRename
                  name={d.name}
                  onRename={async (name) => {
                    await renaming.mutateAsync({ id: d.id, name });
                    setMessage(`Renamed to ${name}.`);
                  }}
                  testId="design"
                />
                <button
                  type="button"
                  className={BUTTON}
                  onClick={() =>
                    void act(() => duplicating.mutateAsync({ id: d.id, name: `${d.name} (copy)` }), 'Duplicated.')
                  }>
                  Duplicate
                </button>
                <button
                  type="button"
                  className={BUTTON}
                  onClick={() => {
                    setHistoryId(d.id);
                    setMessage(null);
                  }}>
                  History
                </button>
                <button
                  type="button"
                  className={`${BUTTON} !text-red-700`}
                  onClick={() => {
                    if (confirm(`Delete ${d.name} and all its versions?`))
                      void act(() => deleting.mutateAsync({ id: d.id }), 'Deleted.');
                  }}>
                  Delete
                </button>
              </div>
              {d.unreadable && (
                <p className="text-sm text-red-700" data-testid="design-unreadable">
                  Version {d.unreadable.version} cannot be read ({d.unreadable.rule}
                  {d.unreadable.path.length ? ` at ${formatPath(d.unreadable.path)}` : ''}): {d.unreadable.message}.
                  Restore an earlier version or delete it.
                </p>
              )}
              {history?.id === d.id && (
                <ul className="space-y-1 pl-2 text-sm" data-testid="version-list">
                  {history.versions.map((v) => (
                    <li key={v.version} className="flex items-center gap-2">
                      <span className="font-mono text-xs text-slate-500">v{v.version}</span>
                      <span className="text-slate-700 dark:text-slate-300">{v.note ?? 'saved'}</span>
                      <span className="text-xs text-slate-500">{new Date(v.createdAt).toLocaleString()}</span>
                      {v.version !== d.latestVersion && (
                        <button
                          type="button"
                          className="ml-auto text-xs font-medium text-violet-700 hover:underline"
                          onClick={() =>
                            void act(
                              () => restoring.mutateAsync({ id: d.id, version: v.version }),
                              `Restored version ${v.version}.`,
                            )
                          }>
                          Restore
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
