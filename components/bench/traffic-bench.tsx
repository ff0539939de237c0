'use client';

import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { toGraph } from '../../core/graph/to-graph';
import { counterKeys, edgeMeters } from '../../core/traffic/meters';
import { bigDesign } from '../../core/testing/big-design';
import { HostCanvas } from '../hosts/host-canvas';
import { TrafficContext } from '../hosts/traffic-context';
import { createTrafficStore } from '../hosts/traffic-store';

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
    const metered = [...new Set(edgeMeters(topology, graph).values())];
    const keys = [...counterKeys(topology).values()];
    window.__trafficEdges = edgeMeters(topology, graph).size;
    let seq = 0;
    let level = 1;
    window.__trafficTick = (changed) => {
      if (changed) level++;
      seq++;
      const interfaces = Object.fromEntries(keys.map((key, i) => [key, { rxBps: 1000 * level + i, txBps: 2000 * level + i, rxPps: level, txPps: level }]));
      traffic.applySample({ seq, time: seq * 2000, interfaces });
    };
    const check = () => (document.querySelectorAll('[data-meter]').length >= metered.length ? (window.__trafficReady = true) : requestAnimationFrame(check));
    requestAnimationFrame(check);
  }, [topology, traffic]);
  return (
    <div style={{ position: 'fixed', inset: 0, zIndex: 50, background: 'white' }}>
      <TrafficContext.Provider value={traffic}>
        <ReactFlowProvider>
          <HostCanvas topology={topology} marks={NO_MARKS} />
        </ReactFlowProvider>
      </TrafficContext.Provider>
    </div>
  );
}
