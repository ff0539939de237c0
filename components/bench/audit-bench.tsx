'use client';

import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { auditDesign } from '../../core/testing/audit-design';
import type { Topology } from '../../core/topology/schema';
import { AuditProvider } from '../audit/audit-context';
import { AuditPanel } from '../audit/audit-panel';
import { useDesignMeaning } from '../editor/design-meaning';
import { EditorCanvas } from '../editor/editor-canvas';
import { EditorProvider, useEditor, useEditorStore } from '../editor/editor-context';

// The edit-to-matrix benchmark's page: the editor's canvas and audit (worker, panel, matrix) on a
// 200-jail design (20 bridges of 10, behind a host with about 100 pf rules), compared against the
// design as first drawn, as a draft is against its saved version. bench/editor-audit.mjs edits
// through the editor's store, `__auditBench.toggle(jail)` taking a jail's cable down or up again.

declare global {
  interface Window {
    __auditBench?: { toggle: (jail: number) => void };
  }
}

function Workspace({ saved }: { saved: Topology }) {
  const topology = useEditor((s) => s.topology);
  const store = useEditorStore();
  const meaning = useDesignMeaning();
  useEffect(() => {
    window.__auditBench = {
      toggle: (jail) => {
        const stack = store.getState().topology.stacks.filter((s) => s.kind === 'jail')[jail]!;
        const cable = stack.interfaces.find((i) => i.kind === 'epair')!;
        store.getState().updateInterface(cable.id, { up: !cable.up });
      },
    };
  }, [store]);
  return (
    <AuditProvider topology={topology} baseline={saved}>
      <div style={{ position: 'fixed', inset: 0, zIndex: 50, display: 'flex', background: 'white' }}>
        <main style={{ position: 'relative', flex: 1 }}>
          <EditorCanvas />
        </main>
        <aside style={{ width: 520, overflow: 'auto', padding: 12 }}>
          <AuditPanel topology={meaning} />
        </aside>
      </div>
    </AuditProvider>
  );
}

export function AuditBench() {
  const [design] = useState(() => auditDesign(20, 10));
  return (
    <EditorProvider initial={design}>
      <ReactFlowProvider>
        <Workspace saved={design} />
      </ReactFlowProvider>
    </EditorProvider>
  );
}
