import { BaseEdge, EdgeText, getBezierPath, type EdgeProps } from '@xyflow/react';
import { rowEnds } from '../../../core/graph/facing-sides';
import type { GraphEdgeKind } from '../../../core/graph/to-graph';
import type { LinkFlowEdge } from '../flow-types';
import { edgeEnds, useFacingEnds, type EdgeEnds } from './use-facing-ends';

// Labels are SVG inside the edge layer rather than HTML in EdgeLabelRenderer: on a 600-cable drawing
// the HTML labels were a fifth of every drag frame (their own layer, re-laid out on each move).
const LABEL =
  '[&_rect]:fill-white [&_rect]:stroke-1 dark:[&_rect]:fill-slate-900 [&_text]:font-mono [&_text]:text-[11px] [&_text]:font-medium';
const STYLE: Record<GraphEdgeKind, { stroke: string; dash?: string; label: string }> = {
  epair: {
    stroke: '#7c3aed',
    label:
      '[&_rect]:stroke-violet-200 [&_text]:fill-violet-800 dark:[&_rect]:stroke-violet-800 dark:[&_text]:fill-violet-300',
  },
  member: {
    stroke: '#d97706',
    label:
      '[&_rect]:stroke-amber-200 [&_text]:fill-amber-800 dark:[&_rect]:stroke-amber-800 dark:[&_text]:fill-amber-300',
  },
  uplink: {
    stroke: '#059669',
    label:
      '[&_rect]:stroke-emerald-200 [&_text]:fill-emerald-800 dark:[&_rect]:stroke-emerald-800 dark:[&_text]:fill-emerald-300',
  },
  'shared-ip': {
    stroke: '#7c3aed',
    dash: '3 4',
    label:
      '[&_rect]:stroke-violet-200 [&_text]:fill-violet-800 dark:[&_rect]:stroke-violet-800 dark:[&_text]:fill-violet-300',
  },
  internet: {
    stroke: '#0284c7',
    dash: '6 5',
    label: '[&_rect]:stroke-sky-200 [&_text]:fill-sky-800 dark:[&_rect]:stroke-sky-800 dark:[&_text]:fill-sky-300',
  },
};

/**
 * A cable: an epair, a bridge membership, an uplink into a LAN, the way to the internet, or a
 * shared-IP jail's addresses on the interface that carries them (dotted).
 */
export function LinkEdge(props: EdgeProps<LinkFlowEdge>) {
  // A shared-IP jail's line may run to lo1 above it, beside it or below it: from its fixed handles
  // (out on the right, in on the left) it curled round both boxes, so it meets the facing sides.
  if (props.data?.kind === 'shared-ip') return <FacingLinkEdge {...props} />;
  return <LinkLine id={props.id} data={props.data} ends={turnedRound(props)} />;
}

// A cable between port rows whose target box sits wholly left of its source box (a jail dragged left of
// its bridge) would loop round both from the fixed right-then-left handles: it turns round instead.
function turnedRound(props: EdgeProps<LinkFlowEdge>): EdgeEnds {
  const widths = props.data?.widths;
  if (!widths) return props;
  return edgeEnds(
    rowEnds(
      { x: props.sourceX, y: props.sourceY, width: widths.source },
      { x: props.targetX, y: props.targetY, width: widths.target },
    ),
  );
}

function FacingLinkEdge(props: EdgeProps<LinkFlowEdge>) {
  const ends = useFacingEnds(props.source, props.target, props);
  return <LinkLine id={props.id} data={props.data} ends={ends} />;
}

function LinkLine({ id, data, ends }: { id: string; data: LinkFlowEdge['data']; ends: EdgeEnds }) {
  const [path, labelX, labelY] = getBezierPath(ends);
  const style = STYLE[data?.kind ?? 'epair'];
  return (
    <>
      <BaseEdge id={id} path={path} style={{ stroke: style.stroke, strokeWidth: 2, strokeDasharray: style.dash }} />
      {data?.label ? (
        <EdgeText
          x={labelX}
          y={labelY}
          label={data.label}
          labelBgPadding={[7, 3]}
          labelBgBorderRadius={9}
          className={`${LABEL} ${style.label}`}
          data-testid={`edge-label-${id}`}
        />
      ) : null}
    </>
  );
}
