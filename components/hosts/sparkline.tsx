'use client';

import { Panel } from '@xyflow/react';
import { rateLabel } from '../../core/traffic/format';
import { useTraffic, useTrafficStore } from './traffic-context';

const WIDTH = 180;
const HEIGHT = 40;
const POINTS = 60;

/** A small history of the cable under the pointer: the last two minutes of in + out. */
export function HoverSparkline() {
  const traffic = useTrafficStore();
  const hovered = useTraffic((s) => s.hovered);
  const unit = useTraffic((s) => s.unit);
  // Redrawn with each sample only while a cable is hovered.
  useTraffic((s) => (s.hovered ? s.lastTime : null));
  if (!hovered) return null;
  const rate = traffic.rate(hovered);
  const series = traffic.series(hovered);
  const tx = series?.txBitsPerSecond.slice(-POINTS) ?? [];
  const values = series ? series.rxBitsPerSecond.slice(-POINTS).map((rx, i) => rx + tx[i]!) : [];
  const top = Math.max(1, ...values);
  const points = values
    .map((v, i) => `${(i / Math.max(1, values.length - 1)) * WIDTH},${HEIGHT - (v / top) * (HEIGHT - 2) - 1}`)
    .join(' ');
  return (
    <Panel
      position="top-left"
      className="rounded-lg border border-slate-200 bg-white/95 p-2 text-xs shadow dark:border-slate-700 dark:bg-slate-900/95"
      data-testid="sparkline">
      <div className="font-mono font-semibold">{hovered}</div>
      <svg width={WIDTH} height={HEIGHT} className="mt-1 block">
        <polyline points={points} fill="none" stroke="#7c3aed" strokeWidth={1.5} />
      </svg>
      <div className="font-mono text-slate-500">{rateLabel(rate, unit)}</div>
    </Panel>
  );
}
