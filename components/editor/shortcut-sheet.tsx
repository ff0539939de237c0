'use client';

import { BUTTON } from '../ui/styles';
import { useDialogFocus } from '../ui/use-dialog-focus';
import { SHORTCUTS } from './shortcuts';

/** Every editor shortcut, from the table the keys run on; Escape, Close or a click outside closes it. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const closeButton = useDialogFocus(onClose);
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        className="max-h-[90vh] w-[36rem] max-w-full overflow-y-auto rounded-lg bg-white p-4 shadow-xl dark:bg-slate-900"
        onClick={(e) => e.stopPropagation()}
        data-testid="shortcut-sheet">
        <div className="mb-3 flex items-center gap-3">
          <h2 id="shortcuts-title" className="text-base font-semibold text-slate-900 dark:text-slate-100">
            Keyboard shortcuts
          </h2>
          <button ref={closeButton} type="button" className={`${BUTTON} ml-auto`} onClick={onClose}>
            Close
          </button>
        </div>
        <table className="w-full text-sm">
          <thead className="sr-only">
            <tr>
              <th scope="col">Keys</th>
              <th scope="col">What they do</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr
                key={s.keys.join()}
                className="border-t border-slate-200 dark:border-slate-700"
                data-testid="shortcut">
                <td className="whitespace-nowrap py-1.5 pr-4 align-top">
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 ? <span className="px-1 text-slate-400">or</span> : null}
                      <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">
                        {k}
                      </kbd>
                    </span>
                  ))}
                </td>
                <td className="py-1.5 text-slate-700 dark:text-slate-300">{s.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-3 text-xs text-slate-500">Ctrl is ⌘ on a Mac. Keys do nothing while you type in a field.</p>
      </div>
    </div>
  );
}
