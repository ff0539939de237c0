'use client';

import { BaseEdge, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { rateLabel, rateStroke, type Rate, type RateUnit } from '../../core/traffic/format';
import type { LinkEdgeData } from '../canvas/flow-types';
import { useTrafficStore } from './traffic-context';

export type TrafficEdgeData = LinkEdgeData & { meter?: string };
export type TrafficFlowEdge = Edge<TrafficEdgeData, 'traffic'>;

// Monospace glyphs are about 0.6em wide: the pill is sized from the text's length and the text is
// held to exactly that length, so a new number needs no measuring (and no layout read) on each tick.
const CHAR_WIDTH = 10 * 0.62;

/**
 * A cable whose width, colour and rx/tx label follow its interface's live rate. Each tick writes the
 * few changed attributes straight into this cable's SVG from a store subscription: 1,000 cables
 * updating every two seconds never re-render a component, and boxes never hear of it.
 */
export function TrafficEdge({ id, data, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition }: EdgeProps<TrafficFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const traffic = useTrafficStore();
  const group = useRef<SVGGElement>(null);
  const meter = data?.meter;

  useEffect(() => {
    const root = group.current;
    if (!root || !meter) return;
    const line = root.querySelector<SVGPathElement>('.react-flow__edge-path')!;
    const pill = root.querySelector<SVGRectElement>('rect')!;
    const text = root.querySelector<SVGTextElement>('text')!;
    const paint = (rate: Rate | undefined, unit: RateUnit) => {
      const stroke = rateStroke(rate);
      line.style.stroke = stroke.colour;
      line.style.strokeWidth = String(stroke.width);
      // The cable's name is on the ports it joins; the label has room for the two rates only.
      const label = rateLabel(rate, unit);
      text.textContent = label;
      const width = label.length * CHAR_WIDTH;
      text.setAttribute('textLength', String(width));
      pill.setAttribute('width', String(width + 14));
      pill.setAttribute('x', String(-(width + 14) / 2));
    };
    const state = traffic.store.getState();
    paint(state.rates[meter], state.unit);
    return traffic.store.subscribe((next, previous) => {
      if (next.rates[meter] !== previous.rates[meter] || next.unit !== previous.unit) paint(next.rates[meter], next.unit);
    });
  }, [traffic, meter, data?.label]);

  const hover = (key: string | null) => traffic.store.setState({ hovered: key });
  return (
    <g ref={group} data-testid={`traffic-${id}`} data-meter={meter} onMouseEnter={() => meter && hover(meter)} onMouseLeave={() => hover(null)}>
      <BaseEdge id={id} path={path} style={{ stroke: '#94a3b8', strokeWidth: 2, strokeDasharray: data?.kind === 'internet' ? '6 5' : undefined }} />
      <g transform={`translate(${labelX} ${labelY})`} className="cursor-pointer">
        <rect y={-10} height={20} rx={10} width={0} className="fill-white stroke-slate-300 dark:fill-slate-900 dark:stroke-slate-600" />
        <text textAnchor="middle" dy="0.35em" lengthAdjust="spacingAndGlyphs" className="fill-slate-700 font-mono text-[10px] dark:fill-slate-200" data-testid={`traffic-label-${id}`}>
          {data?.label}
        </text>
      </g>
    </g>
  );
}
