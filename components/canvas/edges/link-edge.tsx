import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import type { GraphEdgeKind } from '../../../core/graph/to-graph';
import type { LinkFlowEdge } from '../flow-types';

const STYLE: Record<GraphEdgeKind, { stroke: string; dash?: string; label: string }> = {
  epair: { stroke: '#7c3aed', label: 'border-violet-200 text-violet-800 dark:border-violet-800 dark:text-violet-300' },
  member: { stroke: '#d97706', label: 'border-amber-200 text-amber-800 dark:border-amber-800 dark:text-amber-300' },
  uplink: { stroke: '#059669', label: 'border-emerald-200 text-emerald-800 dark:border-emerald-800 dark:text-emerald-300' },
  internet: { stroke: '#0284c7', dash: '6 5', label: 'border-sky-200 text-sky-800 dark:border-sky-800 dark:text-sky-300' },
};

/** A cable: an epair, a bridge membership, an uplink into a LAN, or the way to the internet. */
export function LinkEdge({ id, data, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition }: EdgeProps<LinkFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const style = STYLE[data?.kind ?? 'epair'];
  return (
    <>
      <BaseEdge id={id} path={path} style={{ stroke: style.stroke, strokeWidth: 2, strokeDasharray: style.dash }} />
      <EdgeLabelRenderer>
        <div
          className={`nodrag nopan pointer-events-auto absolute rounded-full border bg-white dark:bg-slate-900 px-2 py-0.5 font-mono text-[11px] font-medium shadow-sm ${style.label}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          data-testid={`edge-label-${id}`}
        >
          {data?.label}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
