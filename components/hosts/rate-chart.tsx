'use client';

import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatRate } from '../../core/traffic/format';
import { useTraffic, useTrafficStore } from './traffic-context';

const WIDTH = 300;
const HEIGHT = 160;

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
    return unit === 'bits'
      ? [series.times, series.rxBitsPerSecond, series.txBitsPerSecond]
      : [series.times, series.rxPacketsPerSecond, series.txPacketsPerSecond];
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
            size: 70,
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
