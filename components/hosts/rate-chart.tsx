'use client';

import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { withGaps } from '../../core/traffic/chart-series';
import { formatRate } from '../../core/traffic/format';
import { useTraffic, useTrafficStore } from './traffic-context';

const WIDTH = 300;
const HEIGHT = 160;

/**
 * The value axis as wide as its longest label ("999.5 Mb/s" and "12 p/s" differ by half), so no
 * label is cut at the chart's edge. uPlot asks again after laying out; the first answer stands.
 */
const fitLabels: uPlot.Axis.Size = (chart, values, axisIndex, cycle) => {
  // Once the chart is built uPlot keeps an axis's font as [css, size] and its settled size as _size.
  const axis = chart.axes[axisIndex] as uPlot.Axis & { font?: [string, number]; _size?: number };
  if (cycle > 1) return axis._size ?? 0;
  const longest = (values ?? []).reduce((a, b) => (b.length > a.length ? b : a), '');
  if (axis.font) chart.ctx.font = axis.font[0];
  const text = longest ? chart.ctx.measureText(longest).width / devicePixelRatio : 0;
  return Math.ceil((axis.ticks?.size ?? 10) + (axis.gap ?? 5) + text + 4);
};

/** The selected interface's history as the agent keeps it: in and out, on the agent's clock. */
export function RateChart({ meter }: { meter: string }) {
  const traffic = useTrafficStore();
  const unit = useTraffic((s) => s.unit);
  const paused = useTraffic((s) => s.paused);
  const version = useTraffic((s) => s.lastTime);
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  const dataFor = (): uPlot.AlignedData => {
    const series = traffic.series(meter);
    if (!series) return [[], [], []];
    const columns =
      unit === 'bits'
        ? [series.rxBitsPerSecond, series.txBitsPerSecond]
        : [series.rxPacketsPerSecond, series.txPacketsPerSecond];
    const intervalMs = traffic.store.getState().intervalMs;
    const { times, values } = withGaps(series.times, columns, intervalMs === null ? null : intervalMs / 1000);
    // How many holes the line breaks at, for tests and for anyone reading the page's markup.
    if (host.current) host.current.dataset.gaps = String(values[0]!.filter((v) => v === null).length);
    return [times, ...values];
  };

  useEffect(() => {
    if (!host.current) return;
    // formatRate takes bytes per second for 'bits' (it multiplies by 8); the series holds bits per second.
    const value = (_: uPlot, raw: number | null) =>
      raw === null ? '–' : unit === 'bits' ? formatRate(raw / 8, 'bits') : formatRate(raw, 'packets');
    const chart = new uPlot(
      {
        width: WIDTH,
        height: HEIGHT,
        legend: { show: true },
        scales: { x: { time: true } },
        axes: [
          { stroke: '#64748b', grid: { stroke: '#e2e8f055' } },
          {
            stroke: '#64748b',
            size: fitLabels,
            values: (u, ticks) => ticks.map((tick) => value(u, tick)),
            grid: { stroke: '#e2e8f055' },
          },
        ],
        series: [
          {},
          { label: 'in', stroke: '#0284c7', width: 1.5, value },
          { label: 'out', stroke: '#7c3aed', width: 1.5, value },
        ],
      },
      dataFor(),
      host.current,
    );
    plot.current = chart;
    return () => {
      chart.destroy();
      plot.current = null;
    };
    // The chart is rebuilt only when what it shows changes kind; new samples go through setData.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [meter, unit]);

  useEffect(() => {
    if (!paused) plot.current?.setData(dataFor());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, paused]);

  return <div ref={host} className="text-xs text-slate-600 dark:text-slate-300" data-testid="rate-chart" />;
}
