'use client';

import { useState } from 'react';
import type { RenderedFile } from '../../core/render/render-all';
import { download } from '../ui/download';
import { BUTTON } from '../ui/styles';

// The files a design persists as, one card each: whose file it is, what it is for, the text,
// and copy / download. Files the admin owns are shown as the lines to add, never as a whole file.

function baseName(path: string): string {
  return path.split('/').pop() || 'file';
}

function FileCard({ file }: { file: RenderedFile }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(file.content);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <li
      className="rounded-md border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900"
      data-testid="config-file"
      data-path={file.path}>
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-700">
        <code className="font-mono text-sm font-semibold text-slate-900 dark:text-slate-100">{file.path}</code>
        <span
          className={`rounded px-1.5 text-[10px] font-semibold uppercase leading-4 ${file.owner === 'patchbay' ? 'bg-violet-100 text-violet-800 dark:bg-violet-900 dark:text-violet-100' : 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100'}`}>
          {file.owner === 'patchbay' ? "Patchbay's file" : 'lines for your file'}
        </span>
        <span className="ml-auto flex gap-1.5">
          <button type="button" className={BUTTON} onClick={() => void copy()} aria-label={`Copy ${file.path}`}>
            {copied ? 'Copied' : 'Copy'}
          </button>
          <button
            type="button"
            className={BUTTON}
            onClick={() => download(baseName(file.path), file.content, 'text/plain')}
            aria-label={`Download ${file.path}`}>
            Download
          </button>
        </span>
      </div>
      <p className="px-3 pt-2 text-xs text-slate-600 dark:text-slate-400">{file.purpose}</p>
      <pre className="max-h-72 overflow-auto px-3 py-2 font-mono text-[11px] leading-4 text-slate-800 dark:text-slate-200">
        {file.content}
      </pre>
    </li>
  );
}

export function ConfigFiles({ files }: { files: RenderedFile[] }) {
  return (
    <ul className="space-y-3" data-testid="config-files">
      {files.map((file) => (
        <FileCard key={file.path} file={file} />
      ))}
    </ul>
  );
}
