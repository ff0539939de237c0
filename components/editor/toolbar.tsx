'use client';

import { useMutation } from '@tanstack/react-query';
import { useReactFlow } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useStore } from 'zustand';
import { renderAscii } from '../../core/render/ascii';
import { exportJson, refusedByHeld } from './save-guard';
import type { Topology } from '../../core/topology/schema';
import { ConfigDialog } from '../config/config-dialog';
import { importChosenFile } from '../read-topology-file';
import { afterDesignChange, useInvalidate } from '../data/invalidation';
import { useTRPC } from '../data/trpc';
import { download, fileName } from '../ui/download';
import type { LinkFlowEdge, TopologyFlowNode } from '../canvas/flow-types';
import { drawingSvg, svgToPng } from './export-image';
import { useEditor, useEditorStore } from './editor-context';
import { BUTTON, PRIMARY_BUTTON } from '../ui/styles';

/** Save, undo/redo, import and export. Saving makes a new version only when something changed. */
export function Toolbar({
  designId,
  designName,
  savedVersion,
  onSaved,
}: {
  designId: string;
  /** The design's name as it is now (renamed in place too): every file this toolbar offers is called by it. */
  designName: string;
  savedVersion: number;
  onSaved: (version: number, topology: Topology) => void;
}) {
  const store = useEditorStore();
  const topology = useEditor((s) => s.topology);
  const refusal = useEditor((s) => s.refusal);
  // What leaves the editor carries the design's current name, in the file and in its name.
  const exported = useMemo(() => ({ ...topology, name: designName }), [topology, designName]);
  const canUndo = useStore(store.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useStore(store.temporal, (s) => s.futureStates.length > 0);
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [showFiles, setShowFiles] = useState(false);
  const closeFiles = useCallback(() => setShowFiles(false), []);
  const fileInput = useRef<HTMLInputElement>(null);
  const flow = useReactFlow<TopologyFlowNode, LinkFlowEdge>();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  // A save changes the designs list (version, time) and what this design opens as.
  const storing = useMutation(
    trpc.designs.save.mutationOptions({ onSuccess: () => void invalidate((t) => afterDesignChange(t, designId)) }),
  );

  const exportImage = async (kind: 'png' | 'svg') => {
    try {
      const picture = drawingSvg(flow.getNodes(), flow.getEdges(), designName);
      const name = fileName(designName, kind);
      if (kind === 'svg') download(name, picture.svg, 'image/svg+xml');
      else download(name, await svgToPng(picture), 'image/png');
    } catch (error) {
      setMessage(`Not exported: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  /** Forget every position the user chose: the automatic layout takes over again (one undo step). */
  const tidy = () => store.getState().replace({ ...topology, layout: { positions: {} } });

  const save = async () => {
    const held = refusedByHeld('saved', topology, store.getState().held);
    if (held) return setMessage(held);
    setSaving(true);
    try {
      const { version } = await storing.mutateAsync({ id: designId, topology });
      onSaved(version, topology);
      setMessage(version === savedVersion ? 'Nothing changed since the last save.' : `Saved as version ${version}.`);
    } catch (error) {
      setMessage(`Not saved: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setSaving(false);
    }
  };

  // All or nothing: a file that does not read as a topology changes nothing at all.
  const onImport = (event: ChangeEvent<HTMLInputElement>) =>
    importChosenFile(
      event,
      (imported, file) => {
        store.getState().replace(imported);
        setMessage(`Imported ${file.name}.`);
      },
      setMessage,
    );

  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" className={PRIMARY_BUTTON} onClick={save} disabled={saving} data-testid="save">
        {saving ? 'Saving…' : 'Save'}
      </button>
      <button
        type="button"
        className={BUTTON}
        onClick={() => store.temporal.getState().undo()}
        disabled={!canUndo}
        title="Undo (Ctrl+Z)"
        data-testid="undo">
        Undo
      </button>
      <button
        type="button"
        className={BUTTON}
        onClick={() => store.temporal.getState().redo()}
        disabled={!canRedo}
        title="Redo (Ctrl+Shift+Z)"
        data-testid="redo">
        Redo
      </button>
      <span className="mx-1 h-5 w-px bg-slate-300" aria-hidden />
      <span className="text-xs uppercase tracking-wide text-slate-500">Export</span>
      <button
        type="button"
        className={BUTTON}
        onClick={() => {
          const json = exportJson(exported, store.getState().held);
          if (json.ok) download(fileName(designName, 'json'), json.text, 'application/json');
          setMessage(json.message);
        }}
        data-testid="export-json">
        JSON
      </button>
      <button
        type="button"
        className={BUTTON}
        onClick={() => download(fileName(designName, 'txt'), renderAscii(exported), 'text/plain')}
        data-testid="export-ascii">
        ASCII
      </button>
      <button type="button" className={BUTTON} onClick={() => void exportImage('png')} data-testid="export-png">
        PNG
      </button>
      <button type="button" className={BUTTON} onClick={() => void exportImage('svg')} data-testid="export-svg">
        SVG
      </button>
      <button
        type="button"
        className={BUTTON}
        onClick={() => setShowFiles(true)}
        title="rc.conf, jail.conf.d and pf anchor files for this design"
        data-testid="export-config">
        Files to persist
      </button>
      {showFiles ? <ConfigDialog topology={topology} onClose={closeFiles} /> : null}
      <button
        type="button"
        className={BUTTON}
        onClick={tidy}
        title="Lay everything out automatically again"
        data-testid="tidy">
        Tidy
      </button>
      <button type="button" className={BUTTON} onClick={() => fileInput.current?.click()} data-testid="import-json">
        Import JSON
      </button>
      <input
        ref={fileInput}
        type="file"
        accept="application/json,.json"
        className="hidden"
        onChange={onImport}
        data-testid="import-file"
      />
      <span className="text-sm text-slate-600 dark:text-slate-400" role="status" data-testid="toolbar-status">
        {refusal ?? message ?? ''}
      </span>
    </div>
  );
}
