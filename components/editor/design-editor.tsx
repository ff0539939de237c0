'use client';

import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { Topology } from '../../core/topology/schema';
import { EditorProvider, useEditor, useEditorStore } from './editor-context';
import { AuditProvider, useAuditContext } from '../audit/audit-context';
import { AuditPanel } from '../audit/audit-panel';
import { IntentsPanel } from '../audit/intents-panel';
import { useDesignMeaning } from './design-meaning';
import { EditorCanvas } from './editor-canvas';
import { Inspector } from './inspector/inspector';
import { Palette } from './palette';
import { ProblemsPanel } from './problems-panel';
import { Toolbar } from './toolbar';
import { ShortcutSheet } from './shortcut-sheet';
import { useEditorKeys } from './use-editor-keys';
import { BUTTON } from '../ui/styles';
import { useRenameDesign } from './use-rename-design';
import { InlineRename } from '../designs/inline-rename';
import { Section } from '../section';

function Workspace({
  designId,
  name,
  savedVersion,
  onSaved,
}: {
  designId: string;
  name: string;
  savedVersion: number;
  onSaved: (version: number, topology: Topology) => void;
}) {
  const store = useEditorStore();
  const [showKeys, setShowKeys] = useState(false);
  const openKeys = useCallback(() => setShowKeys(true), []);
  const closeKeys = useCallback(() => setShowKeys(false), []);
  useEditorKeys(store, openKeys);
  const renameDesign = useRenameDesign(designId);
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex items-center gap-4 border-b border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 px-4 py-2">
        <div>
          <p className="text-[11px] uppercase tracking-wider text-slate-500">Design · version {savedVersion}</p>
          <div className="flex items-center gap-2">
            <h1 className="text-base font-semibold text-slate-900 dark:text-slate-100" data-testid="design-name">
              {renameDesign.name ?? name}
            </h1>
            <InlineRename name={renameDesign.name ?? name} onRename={renameDesign.rename} testId="editor-design" />
          </div>
        </div>
        <Toolbar
          designId={designId}
          designName={renameDesign.name ?? name}
          savedVersion={savedVersion}
          onSaved={onSaved}
        />
        <button
          type="button"
          className={`${BUTTON} ml-auto`}
          onClick={openKeys}
          title="Keyboard shortcuts (?)"
          aria-keyshortcuts="?"
          data-testid="show-shortcuts">
          Shortcuts <kbd className="font-mono text-xs text-slate-500">?</kbd>
        </button>
        {showKeys ? <ShortcutSheet onClose={closeKeys} /> : null}
      </div>
      <div className="flex min-h-0 flex-1">
        <aside className="w-52 shrink-0 space-y-4 overflow-y-auto border-r border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-950 p-3">
          <Section title="Add">
            <Palette />
          </Section>
          <p className="text-xs leading-relaxed text-slate-500">
            Drag from a box's dot and let go anywhere on another box to wire them: a jail to a bridge or jail makes an
            epair, a NIC to a bridge a member, a NIC to a LAN the uplink. Press ? for the keyboard shortcuts.
          </p>
        </aside>
        <main className="relative min-w-0 flex-1 bg-white dark:bg-slate-900" aria-label="Design canvas">
          <EditorCanvas />
        </main>
        <aside className="w-96 shrink-0 space-y-6 overflow-y-auto border-l border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-950 p-4">
          <Section title="Inspector">
            <Inspector />
          </Section>
          <Section title="Problems">
            <ProblemsPanel />
          </Section>
          <Section title="Intents">
            <EditorIntents />
          </Section>
          <Section title="Audit">
            <EditorAudit />
          </Section>
        </aside>
      </div>
    </div>
  );
}

/** The audit follows the design being edited; only what it means re-runs it, not moving boxes. */
function EditorAuditProvider({ baseline, children }: { baseline: Topology; children: ReactNode }) {
  const topology = useEditor((s) => s.topology);
  return (
    <AuditProvider topology={topology} baseline={baseline}>
      {children}
    </AuditProvider>
  );
}

function EditorIntents() {
  const topology = useDesignMeaning();
  const refusal = useEditor((s) => s.refusal);
  const store = useEditorStore();
  const audit = useAuditContext();
  const editing = useMemo(
    () => ({ add: store.getState().addIntent, remove: store.getState().removeIntent, refusal }),
    [store, refusal],
  );
  return <IntentsPanel topology={topology} report={audit?.report ?? null} editing={editing} />;
}

function EditorAudit() {
  const topology = useDesignMeaning();
  const store = useEditorStore();
  const addNat = useCallback((egress: string) => store.getState().setNat(egress, true), [store]);
  return <AuditPanel topology={topology} onAddNat={addNat} />;
}

/** The editor for one saved design. */
export function DesignEditor({
  designId,
  name,
  version,
  topology,
}: {
  designId: string;
  name: string;
  version: number;
  topology: Topology;
}) {
  // The last saved version: the draft's audit says which pairs the edits since then open or close.
  const [saved, setSaved] = useState({ version, topology });
  const onSaved = useCallback((v: number, t: Topology) => setSaved({ version: v, topology: t }), []);
  return (
    <EditorProvider initial={topology}>
      <ReactFlowProvider>
        <EditorAuditProvider baseline={saved.topology}>
          <Workspace designId={designId} name={name} savedVersion={saved.version} onSaved={onSaved} />
        </EditorAuditProvider>
      </ReactFlowProvider>
    </EditorProvider>
  );
}

/** Just the editing canvas for a design (the drag benchmark measures it alone). */
export function DesignEditorCanvasOnly({ topology }: { topology: Topology }) {
  return (
    <EditorProvider initial={topology}>
      <ReactFlowProvider>
        <EditorCanvas />
      </ReactFlowProvider>
    </EditorProvider>
  );
}
