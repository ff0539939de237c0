'use client';

import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { rateLabel, rateStroke, strokeColour, strokeMoved } from '../../core/traffic/format';
import type { InterfaceRates } from '../../core/wire/counters';
import type { LinkEdgeData } from '../canvas/flow-types';
import { useTrafficStore } from './traffic-context';

export type TrafficEdgeData = LinkEdgeData & { meter?: string };
export type TrafficFlowEdge = Edge<TrafficEdgeData, 'traffic'>;

// Monospace glyphs are about 0.6em wide: the pill is sized from the text's length, so a new number
// needs no measuring (and no layout read) on each tick. The pill is HTML with `contain: strict`:
// a new number re-lays out that pill alone, where SVG text would re-lay out the whole edge layer.
const CHAR_WIDTH = 10 * 0.62;
const PILL_HEIGHT = 18;

/**
 * A cable whose width, colour and rx/tx label follow its interface's live rate. A tick writes the few
 * changed attributes straight into this cable's SVG and label from a listener on its own counter key:
 * 1,000 cables updating every two seconds never re-render a component, and boxes never hear of it.
 */
export function TrafficEdge({
  id,
  data,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
}: EdgeProps<TrafficFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const traffic = useTrafficStore();
  const group = useRef<SVGGElement>(null);
  const pillRef = useRef<HTMLDivElement>(null);
  const meter = data?.meter;

  useEffect(() => {
    const root = group.current;
    const pill = pillRef.current;
    if (!root || !pill || !meter) return;
    const line = root.querySelector<SVGPathElement>('.react-flow__edge-path')!;
    // Only what changed is written: a stroke when it moved a whole pixel (its colour goes with it), a label
    // when its text changed and labels are drawn at all.
    const shown = { colour: '', width: -1, label: '' };
    const paint = (rate: InterfaceRates | undefined) => {
      const { unit, labels } = traffic.store.getState();
      const stroke = rateStroke(rate);
      const width = shown.width < 0 || strokeMoved(shown.width, stroke.exactWidth) ? stroke.width : shown.width;
      if (width !== shown.width) line.style.strokeWidth = String(width);
      const colour = strokeColour(width);
      if (colour !== shown.colour) line.style.stroke = colour;
      // The cable's name is on the ports it joins; the label has room for the two rates only.
      const label = labels ? rateLabel(rate, unit) : shown.label;
      if (label !== shown.label) {
        pill.textContent = label;
        if (label.length !== shown.label.length) pill.style.width = `${label.length * CHAR_WIDTH + 14}px`;
      }
      // Kept in place: a tick makes as little garbage as it can.
      shown.colour = colour;
      shown.width = width;
      shown.label = label;
    };
    paint(traffic.rate(meter));
    const stopRates = traffic.onRate(meter, paint);
    const stopView = traffic.store.subscribe((next, previous) => {
      if (next.unit !== previous.unit || next.labels !== previous.labels) paint(traffic.rate(meter));
    });
    return () => {
      stopRates();
      stopView();
    };
  }, [traffic, meter, data?.label]);

  const hover = (key: string | null) => traffic.store.setState({ hovered: key });
  const select = () => meter && traffic.store.setState({ selected: meter });
  return (
    <>
      <g
        ref={group}
        data-testid={`traffic-${id}`}
        data-meter={meter}
        onMouseEnter={() => meter && hover(meter)}
        onMouseLeave={() => hover(null)}>
        <BaseEdge
          id={id}
          path={path}
          style={{ stroke: '#94a3b8', strokeWidth: 2, strokeDasharray: data?.kind === 'internet' ? '6 5' : undefined }}
        />
      </g>
      <EdgeLabelRenderer>
        <div
          ref={pillRef}
          className="traffic-pill nodrag nopan pointer-events-auto absolute cursor-pointer overflow-hidden whitespace-nowrap rounded-full border border-slate-300 bg-white px-[7px] text-center font-mono text-[10px] text-slate-700 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200"
          style={{
            transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
            contain: 'strict',
            height: PILL_HEIGHT,
            lineHeight: `${PILL_HEIGHT - 2}px`,
            width: (data?.label?.length ?? 0) * CHAR_WIDTH + 14,
          }}
          onClick={select}
          onMouseEnter={() => meter && hover(meter)}
          onMouseLeave={() => hover(null)}
          data-testid={`traffic-label-${id}`}>
          {data?.label}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
