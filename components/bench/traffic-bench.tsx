'use client';

import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { toGraph } from '../../core/graph/to-graph';
import { counterKeys, edgeMeters } from '../../core/traffic/meters';
import { bigDesign } from '../../core/testing/big-design';
import { HostCanvas } from '../hosts/host-canvas';
import { TrafficContext } from '../hosts/traffic-context';
import { createTrafficStore } from '../hosts/traffic-store';
import { CountRenders } from './count-renders';

// The live-traffic benchmark's page: 1,000 cables, each getting a new rate on every tick that
// bench/traffic.mjs triggers. `__trafficTick(changed)` applies one sample; with changed = false the
// numbers repeat (the baseline: a tick that has nothing to draw).

declare global {
  interface Window {
    __trafficTick?: (changed: boolean) => void;
    __trafficReady?: boolean;
    __trafficEdges?: number;
  }
}

const NO_MARKS = new Map();

export function TrafficBench() {
  const [topology] = useState(() => bigDesign(50, 17, 150));
  const traffic = useMemo(() => createTrafficStore(), []);
  useEffect(() => {
    window.__patchbayRenders = new Map();
    const graph = toGraph(topology);
    const meters = edgeMeters(topology, graph);
    const metered = [...new Set(meters.values())];
    const keys = [...counterKeys(topology).values()];
    window.__trafficEdges = meters.size;
    // Samples are made before the ticks, so the measured time is the page's work and not the
    // harness's: two sets of numbers 3 % apart, alternated, so every tick changes every interface's
    // numbers and label, as live traffic does (or, for the baseline, the same set again).
    const interfacesAt = (scale: number) =>
      Object.fromEntries(
        keys.map((key, i) => [
          key,
          {
            rxBytes: '0',
            txBytes: '0',
            rxPackets: '0',
            txPackets: '0',
            rxBytesPerSecond: Math.round((20_000 + 997 * i) * scale),
            txBytesPerSecond: Math.round((50_000 + 1_499 * i) * scale),
            rxPacketsPerSecond: Math.round((40 + i) * scale),
            txPacketsPerSecond: Math.round((90 + i) * scale),
          },
        ]),
      );
    const sets = [interfacesAt(1), interfacesAt(1.03)];
    let seq = 0;
    let current = 0;
    window.__trafficTick = (changed) => {
      if (changed) current = 1 - current;
      seq++;
      traffic.applySample({ seq, time: seq * 2000, interfaces: sets[current]! });
    };
    // The canvas keeps only the cables in view in the DOM; ready once they are drawn.
    const check = () =>
      metered.length > 0 && document.querySelectorAll('[data-meter]').length > 0
        ? (window.__trafficReady = true)
        : requestAnimationFrame(check);
    requestAnimationFrame(check);
  }, [topology, traffic]);
  return (
    <div style={{ position: 'fixed', inset: 0, zIndex: 50, background: 'white' }}>
      <CountRenders>
        <TrafficContext.Provider value={traffic}>
          <ReactFlowProvider>
            <HostCanvas topology={topology} marks={NO_MARKS} />
          </ReactFlowProvider>
        </TrafficContext.Provider>
      </CountRenders>
    </div>
  );
}
