import { Handle, Position } from '@xyflow/react';
import { useContext, type ReactNode } from 'react';
import { CanvasEditableContext } from '../canvas-mode';
import type { GraphNode, GraphPort } from '../../../core/graph/to-graph';
import { BADGES_HEIGHT, HEADER_HEIGHT, LINE_HEIGHT, ROW_HEIGHT } from '../geometry';
import type { NodeMarks, ProblemFlags } from '../flow-types';
import { NODE_HANDLE } from '../handle-ids';
import { RenderCountContext } from '../render-count';

export interface Accent {
  /** Classes for the box border and background. */
  box: string;
  /** Classes for the header strip. */
  header: string;
  /** Classes for the small kind tag in the header. */
  tag: string;
}

// Where a cable meets a port row. These anchors are never connectable, so they are plain elements
// that React Flow measures like handles (getHandleBounds reads `.source`/`.target` with
// data-handleid and data-handlepos) rather than <Handle>s: each <Handle> subscribes to the flow store,
// and on a 500-box drawing those thousands of subscriptions ran on every frame of a drag.
const ANCHOR_CLASS = 'react-flow__handle pointer-events-none !h-2 !w-2 !min-w-0 !border-0 !bg-transparent';

export function PortHandles({ id }: { id: string }) {
  return (
    <>
      <div
        className={`${ANCHOR_CLASS} target react-flow__handle-left`}
        data-handleid={`${id}:in`}
        data-handlepos={Position.Left}
      />
      <div
        className={`${ANCHOR_CLASS} source react-flow__handle-right`}
        data-handleid={`${id}:out`}
        data-handlepos={Position.Right}
      />
    </>
  );
}

// Editing: a visible dot on each side of a box to draw a cable from or to, just inside the box's
// edge (boxes clip their painting, see globals.css); React Flow ends cables at a handle's outer side.
const EDIT_HANDLE_CLASS = '!h-3 !w-3 !min-w-0 !border-2 !border-white !bg-violet-500 hover:!bg-violet-700';
const INSIDE_LEFT = { left: 0, transform: 'translate(0, -50%)' };
const INSIDE_RIGHT = { right: 0, left: 'auto', transform: 'translate(0, -50%)' };

export function NodeHandles() {
  const editable = useContext(CanvasEditableContext);
  if (!editable) return <PortHandles id={NODE_HANDLE} />;
  return (
    <>
      <Handle
        type="target"
        position={Position.Left}
        id={`${NODE_HANDLE}:in`}
        isConnectable
        className={EDIT_HANDLE_CLASS}
        style={INSIDE_LEFT}
      />
      <Handle
        type="source"
        position={Position.Right}
        id={`${NODE_HANDLE}:out`}
        isConnectable
        className={EDIT_HANDLE_CLASS}
        style={INSIDE_RIGHT}
      />
    </>
  );
}

function ProblemBadge({ flags }: { flags?: ProblemFlags }) {
  if (!flags || flags.errors + flags.warnings === 0) return null;
  const error = flags.errors > 0;
  const count = error ? flags.errors : flags.warnings;
  return (
    <span
      className={`shrink-0 rounded-full px-1.5 text-[10px] font-bold leading-4 text-white ${error ? 'bg-red-600' : 'bg-amber-500'}`}
      title={`${flags.errors} error(s), ${flags.warnings} warning(s)`}
      data-testid="node-problems">
      {count}
    </span>
  );
}

const MARK_CLASS: Record<string, string> = {
  foreign: 'bg-slate-700 text-white dark:bg-slate-200 dark:text-slate-900',
  'only on host': 'bg-red-600 text-white',
  differs: 'bg-amber-500 text-white',
  'only in design': 'bg-emerald-600 text-white',
  'audit:lan': 'bg-sky-100 text-sky-800 dark:bg-sky-900 dark:text-sky-100',
  'audit:internet': 'bg-indigo-100 text-indigo-800 dark:bg-indigo-900 dark:text-indigo-100',
  'audit:host': 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100',
  'audit:isolated': 'bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900',
  'audit:violation': 'bg-red-600 text-white',
};

// Short words on the box (its title needs the room); the whole meaning on hover.
const MARK_TEXT: Record<string, { text: string; title: string }> = {
  foreign: { text: 'foreign', title: 'Not made by Patchbay: adopt it before Patchbay may change it' },
  'only on host': { text: 'extra', title: 'On the host but not in the design: the plan removes it' },
  'only in design': { text: 'new', title: 'In the design but not on the host yet: the plan creates it' },
  differs: { text: 'differs', title: 'On the host and in the design, but not the same: see the list' },
  'audit:lan': { text: 'lan', title: 'The audit finds this jail reaches the LAN and the replies come back' },
  'audit:internet': { text: 'net', title: 'The audit finds this jail reaches the internet and the replies come back' },
  'audit:host': { text: 'host', title: 'The audit finds this jail reaches the host and the replies come back' },
  'audit:isolated': { text: 'isolated', title: 'The audit finds this jail reaches nothing' },
  'audit:violation': { text: '!intent', title: 'An intent about this jail does not hold: see the audit panel' },
};

function Marks({ marks }: { marks?: NodeMarks }) {
  if (!marks?.length) return null;
  return (
    <>
      {marks.map((mark) => (
        <span
          key={mark}
          className={`shrink-0 rounded px-1 text-[9px] font-bold uppercase leading-4 ${MARK_CLASS[mark] ?? 'bg-slate-500 text-white'}`}
          title={MARK_TEXT[mark]?.title ?? mark}
          data-testid="node-mark"
          data-mark={mark}>
          {MARK_TEXT[mark]?.text ?? mark}
        </span>
      ))}
    </>
  );
}

/** What every box is drawn from: its node, colours, tag and icon, problems and host marks. */
interface BoxProps {
  node: GraphNode;
  accent: Accent;
  tag: string;
  icon: ReactNode;
  flags?: ProblemFlags;
  marks?: NodeMarks;
}

export function NodeHead({ node, accent, tag, icon, flags, marks }: BoxProps) {
  return (
    <div>
      <div className={`flex items-center gap-2 px-3 ${accent.header}`} style={{ height: HEADER_HEIGHT }}>
        <span className="shrink-0 opacity-80">{icon}</span>
        {/* The name keeps its room and the marks are clipped first: "i…" beside two marks said nothing. */}
        <span
          className="max-w-[calc(100%-2.5rem)] shrink-0 truncate font-mono text-sm font-semibold text-slate-900 dark:text-slate-100"
          title={node.title}>
          {node.title}
        </span>
        {/* With marks to show, the kind tag makes room: the icon already says what the box is. */}
        {marks?.length ? (
          <span className="ml-auto" />
        ) : (
          <span
            className={`ml-auto shrink-0 rounded px-1.5 py-0.5 text-[10px] font-medium uppercase tracking-wide ${accent.tag}`}>
            {tag}
          </span>
        )}
        <span className="flex min-w-0 items-center gap-1 overflow-hidden">
          <ProblemBadge flags={flags} />
          <Marks marks={marks} />
        </span>
      </div>
      {node.lines.length > 0 && (
        <div className="px-3 pt-1">
          {node.lines.map((line) => (
            <div
              key={line}
              className="truncate font-mono text-[11px] text-slate-600 dark:text-slate-400"
              style={{ height: LINE_HEIGHT, lineHeight: `${LINE_HEIGHT}px` }}
              title={line}>
              {line}
            </div>
          ))}
        </div>
      )}
      {node.badges.length > 0 && (
        <div className="flex items-center gap-1 overflow-hidden px-3" style={{ height: BADGES_HEIGHT }}>
          {node.badges.map((badge) => (
            <span
              key={badge}
              className="shrink-0 rounded-full bg-slate-900/5 px-2 py-px text-[10px] font-medium text-slate-600 dark:text-slate-400">
              {badge}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}

function PortRow({ port }: { port: GraphPort }) {
  const [first, ...rest] = port.addresses;
  return (
    <div
      className="relative flex items-center gap-2 border-t border-slate-200/80 px-3 font-mono text-xs"
      style={{ height: ROW_HEIGHT }}
      data-port={port.id}
      title={[port.name, ...port.addresses].join('  ')}>
      <span
        className={`h-1.5 w-1.5 shrink-0 rounded-full ${port.up ? 'bg-emerald-500' : 'bg-slate-300'}`}
        aria-label={port.up ? 'up' : 'down'}
      />
      <span className="font-semibold text-slate-800 dark:text-slate-200">{port.name}</span>
      <span className="ml-auto truncate text-slate-500">
        {first ?? ''}
        {rest.length > 0 ? ` +${rest.length}` : ''}
      </span>
      <PortHandles id={port.id} />
    </div>
  );
}

/** A box with a title block and one row per port; the shape every leaf node shares. */
export function LeafBox({ node, accent, tag, icon, flags, marks }: BoxProps) {
  useContext(RenderCountContext)?.(node.id);
  return (
    <div
      className={`h-full w-full overflow-hidden rounded-lg border ${accent.box} ${flags?.errors ? 'ring-2 ring-inset ring-red-400' : ''} ${marks?.includes('foreign') ? '!border-dashed !border-2 !border-slate-500' : ''} ${marks?.includes('only in design') && node.ports.every((p) => p.id.startsWith('design:')) ? 'opacity-60 !border-dashed !border-emerald-500' : ''}`}
      data-kind={node.kind}>
      <NodeHead node={node} accent={accent} tag={tag} icon={icon} flags={flags} marks={marks} />
      <div className="mt-1">
        {node.ports.map((port) => (
          <PortRow key={port.id} port={port} />
        ))}
      </div>
      <NodeHandles />
    </div>
  );
}

/** A box that holds other boxes (the host, a jail with child jails or bridges). */
export function ContainerBox({ node, accent, tag, icon, flags, marks }: BoxProps) {
  useContext(RenderCountContext)?.(node.id);
  return (
    <div
      className={`h-full w-full rounded-xl border-2 ${accent.box} ${marks?.includes('foreign') ? '!border-dashed !border-slate-500' : ''}`}
      data-kind={node.kind}>
      <NodeHead node={node} accent={accent} tag={tag} icon={icon} flags={flags} marks={marks} />
    </div>
  );
}
