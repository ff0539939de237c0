import { addIntent, removeIntent } from '../../core/editor/intent-actions';
import { temporal } from 'zundo';
import { createStore } from 'zustand/vanilla';
import {
  addBridge,
  addJail,
  addNic,
  addSegment,
  connect,
  remove,
  rename,
  setPositions,
  updateInterface,
  updateSegment,
  updateStack,
  type Edit,
} from '../../core/editor/actions';
import { editRefusal, type FieldRefusal } from '../../core/editor/field-text';
import { renameCable } from '../../core/editor/cable-rename';
import { copy, paste, type Fragment } from '../../core/editor/clipboard';
import { setNat } from '../../core/editor/nat';
import { addLoopback, addSharedIpJail, setJailAddresses } from '../../core/editor/shared-ip-actions';
import { sameMeaning } from '../../core/topology/meaning';
import type { Topology } from '../../core/topology/schema';
import type { PathSegment, Problem } from '../../core/validate/problem';
import { validate } from '../../core/validate/validate';

// The editor's state: the design, what is selected, and the problems the validator finds. A thin
// shell over core/editor: every change is a core function; undo/redo (zundo) tracks the design only,
// and one gesture (a whole drag) is one step.

type Position = { x: number; y: number };

/** An inspector field: the element it edits, its field and, for the schema check, its path now. */
export interface FieldTarget {
  id: string;
  field: string;
  path: PathSegment[];
}

/** Text typed into a field that the design could not take, and why; the design kept its last value. */
export interface HeldField {
  id: string;
  field: string;
  text: string;
  rule: string;
  message: string;
}

export interface EditorState {
  topology: Topology;
  selection: string[];
  /** Why the last edit was refused, for the status line; cleared by the next edit. */
  refusal: string | null;
  /** The design as it was when the current gesture began (a drag), for one undo step per gesture. */
  gestureStart: Topology | null;
  clipboard: Fragment | null;
  /** Field text refused by the field or the schema: shown at the field and with the problems; Save waits. */
  held: HeldField[];
  /** Counts designs put in wholesale (an import, Tidy): the drawing is laid out afresh after each. */
  layoutEpoch: number;

  addJail(options?: { name?: string; parent?: string; position?: Position }): void;
  addBridge(options?: { stackId?: string; position?: Position }): void;
  /** A jail without a vnet that shares the host's stack (core/topology/shared-ip.ts). */
  addSharedIpJail(options?: { position?: Position }): void;
  /** A loopback clone on the host (lo1, ...) to carry shared-IP jails' addresses. */
  addLoopback(options?: { position?: Position }): void;
  setJailAddresses(...args: Parameters<typeof setJailAddresses> extends [Topology, ...infer R] ? R : never): void;
  addNic(options: { name: string; stackId?: string; position?: Position }): void;
  addSegment(kind: 'lan' | 'internet', options?: { uplink?: string; position?: Position }): void;
  connect(sourceId: string, targetId: string): void;
  removeSelected(): void;
  rename(id: string, name: string): void;
  /** Renames both ends of the cable `endId` is one end of (`<base>a` / `<base>b`); one undo step. */
  renameCable(endId: string, base: string): void;
  updateInterface(id: string, patch: Parameters<typeof updateInterface>[2]): void;
  updateStack(id: string, patch: Parameters<typeof updateStack>[2]): void;
  updateSegment(id: string, patch: Parameters<typeof updateSegment>[2]): void;
  /** nat on a host NIC for the jail networks behind the host (core/editor/nat.ts), on or off. */
  setNat(nicId: string, on: boolean): void;
  /** A field's text committed: its edit is written if Save would accept the result, else held. */
  editField(target: FieldTarget, text: string, change: (t: Topology) => Edit | FieldRefusal): void;
  select(ids: string[]): void;
  selectAll(): void;
  /** Moves boxes; inside a gesture the moves are not undo steps of their own. */
  move(positions: Record<string, Position>): void;
  nudge(dx: number, dy: number): void;
  beginGesture(): void;
  endGesture(): void;
  replace(topology: Topology): void;
  addIntent(draft: Parameters<typeof addIntent>[1]): void;
  removeIntent(id: string): void;
  copySelection(): void;
  pasteClipboard(): void;
}

function everyId(t: Topology): string[] {
  return [
    ...t.stacks.filter((s) => s.kind === 'jail').map((s) => s.id),
    ...t.stacks.flatMap((s) =>
      s.interfaces.filter((i) => i.kind === 'bridge' || i.kind === 'physical').map((i) => i.id),
    ),
    ...t.segments.map((s) => s.id),
  ];
}

export function createEditorStore(initial: Topology) {
  return createStore<EditorState>()(
    temporal(
      (set, get) => {
        const apply = (edit: Edit, select = true) => {
          if (!edit.ok) return set({ refusal: edit.reason });
          set({
            topology: edit.topology,
            refusal: null,
            ...(select && edit.created.length ? { selection: edit.created } : {}),
          });
        };
        return {
          topology: initial,
          selection: [],
          refusal: null,
          gestureStart: null,
          clipboard: null,
          held: [],
          layoutEpoch: 0,
          addJail: (options) => apply(addJail(get().topology, options)),
          addBridge: (options) => apply(addBridge(get().topology, options)),
          addSharedIpJail: (options) => apply(addSharedIpJail(get().topology, options)),
          addLoopback: (options) => apply(addLoopback(get().topology, options)),
          setJailAddresses: (id, key, list) => apply(setJailAddresses(get().topology, id, key, list), false),
          addNic: (options) => apply(addNic(get().topology, options)),
          addSegment: (kind, options) => apply(addSegment(get().topology, kind, options)),
          connect: (source, target) => apply(connect(get().topology, source, target), false),
          removeSelected: () => {
            if (get().selection.length === 0) return;
            apply(remove(get().topology, get().selection), false);
            set({ selection: [] });
          },
          rename: (id, name) => apply(rename(get().topology, id, name), false),
          renameCable: (endId, base) => apply(renameCable(get().topology, endId, base), false),
          updateInterface: (id, patch) => apply(updateInterface(get().topology, id, patch), false),
          updateStack: (id, patch) => apply(updateStack(get().topology, id, patch), false),
          updateSegment: (id, patch) => apply(updateSegment(get().topology, id, patch), false),
          setNat: (nicId, on) => apply(setNat(get().topology, nicId, on), false),
          editField: (target, text, change) => {
            const others = get().held.filter((h) => h.id !== target.id || h.field !== target.field);
            const edit = change(get().topology);
            if ('rule' in edit) {
              const { rule, message } = edit;
              return set({ held: [...others, { id: target.id, field: target.field, text, rule, message }] });
            }
            const refused = editRefusal(edit, target.path);
            if (refused) {
              const { rule, message } = refused;
              return set({ held: [...others, { id: target.id, field: target.field, text, rule, message }] });
            }
            set({ held: others });
            apply(edit, false);
          },
          select: (ids) => set({ selection: ids }),
          selectAll: () => set({ selection: everyId(get().topology) }),
          move: (positions) => set({ topology: setPositions(get().topology, positions) }),
          nudge: (dx, dy) => {
            const { topology, selection } = get();
            const moved = Object.fromEntries(
              selection.flatMap((id) => {
                const at = topology.layout.positions[id];
                return at ? [[id, { x: at.x + dx, y: at.y + dy }]] : [];
              }),
            );
            if (Object.keys(moved).length) set({ topology: setPositions(topology, moved) });
          },
          beginGesture: () => set({ gestureStart: get().topology }),
          endGesture: () => set({ gestureStart: null }),
          replace: (topology) =>
            set({ topology, selection: [], refusal: null, held: [], layoutEpoch: get().layoutEpoch + 1 }),
          addIntent: (draft) => apply(addIntent(get().topology, draft), false),
          removeIntent: (id) => apply(removeIntent(get().topology, id), false),
          copySelection: () => set({ clipboard: copy(get().topology, get().selection) }),
          pasteClipboard: () => {
            const clipboard = get().clipboard;
            if (clipboard) apply(paste(get().topology, clipboard));
          },
        };
      },
      {
        // Only the design is history; selection and messages are not undone.
        partialize: (state) => ({ topology: state.topology }),
        equality: (past, current) => past.topology === current.topology,
        limit: 200,
      },
    ),
  );
}

export type EditorStore = ReturnType<typeof createEditorStore>;

interface Verdict {
  topology: Topology;
  layoutKeys: string;
  problems: Problem[];
}

const problemCache = new WeakMap<Topology['stacks'], Verdict>();

/**
 * The validator's verdict on a design, derived rather than stored, so undo and redo can never leave
 * it stale. Moving a box keeps the design's meaning, so a drag does not re-validate on every frame;
 * which ids have a position is checked too (a position for a missing id is a problem).
 */
export function problemsOf(topology: Topology): Problem[] {
  const layoutKeys = Object.keys(topology.layout.positions).sort().join('\n');
  const cached = problemCache.get(topology.stacks);
  const same = cached && cached.layoutKeys === layoutKeys && sameMeaning(cached.topology, topology);
  if (same) return cached.problems;
  const problems = validate(topology);
  problemCache.set(topology.stacks, { topology, layoutKeys, problems });
  return problems;
}

/**
 * Undo and redo that respect gestures: while a drag is in progress its intermediate positions are
 * not recorded; when it ends, the whole drag becomes one step back to where it began.
 */
export function withGestures(store: EditorStore) {
  const temporalStore = store.temporal.getState();
  return {
    begin() {
      store.getState().beginGesture();
      temporalStore.pause();
    },
    end() {
      const start = store.getState().gestureStart;
      const final = store.getState().topology;
      store.getState().endGesture();
      if (start && start !== final) {
        // Record exactly one step: from the design before the gesture to the design after it.
        store.setState({ topology: start });
        temporalStore.resume();
        store.setState({ topology: final });
      } else temporalStore.resume();
    },
  };
}
