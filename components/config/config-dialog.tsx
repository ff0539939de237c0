'use client';

import { useMemo } from 'react';
import { renderConfig, type RenderedFile } from '../../core/render/render-all';
import type { Topology } from '../../core/topology/schema';
import { BUTTON } from '../ui/styles';
import { useDialogFocus } from '../ui/use-dialog-focus';
import { ConfigFiles } from './config-files';

function render(topology: Topology): { files: RenderedFile[] } | { error: string } {
  try {
    return { files: renderConfig(topology) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** The design as rc.conf, jail.conf.d and pf anchor files, over the editor; Escape closes it. */
export function ConfigDialog({ topology, onClose }: { topology: Topology; onClose: () => void }) {
  const rendered = useMemo(() => render(topology), [topology]);
  const closeButton = useDialogFocus(onClose);
  return (
    <div className="fixed inset-0 z-50 flex justify-end bg-slate-900/40" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="config-title"
        className="flex h-full w-[46rem] max-w-full flex-col bg-slate-50 shadow-xl dark:bg-slate-950"
        onClick={(e) => e.stopPropagation()}>
        <div className="flex items-center gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-700">
          <h2 id="config-title" className="text-base font-semibold text-slate-900 dark:text-slate-100">
            Files that persist this design
          </h2>
          <button ref={closeButton} type="button" className={`${BUTTON} ml-auto`} onClick={onClose}>
            Close
          </button>
        </div>
        <div className="flex-1 space-y-3 overflow-y-auto p-4">
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Plain configuration to keep in git and boot from without Patchbay. Patchbay&apos;s own files can be written
            on a host from its page (Make persistent); the lines for your files are yours to add.
          </p>
          {'error' in rendered ? (
            <p
              className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
              role="alert"
              data-testid="config-error">
              This design cannot be written safely as FreeBSD configuration: {rendered.error}
            </p>
          ) : (
            <ConfigFiles files={rendered.files} />
          )}
        </div>
      </div>
    </div>
  );
}
