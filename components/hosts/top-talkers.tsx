'use client';

import { useMemo } from 'react';
import { counterKeys } from '../../core/traffic/meters';
import { formatRate } from '../../core/traffic/format';
import type { Topology } from '../../core/topology/schema';
import { useTraffic, useTrafficStore } from './traffic-context';

/** Per bridge, the members moving the most traffic right now. */
export function TopTalkers({ topology }: { topology: Topology }) {
  const traffic = useTrafficStore();
  // Re-ranked on every sample.
  useTraffic((s) => s.lastTime);
  const unit = useTraffic((s) => s.unit);
  const bridges = useMemo(() => {
    const keys = counterKeys(topology);
    const names = new Map(topology.stacks.flatMap((s) => s.interfaces.map((i) => [i.id, i.name] as const)));
    return topology.stacks.flatMap((s) =>
      s.interfaces
        .filter((i) => i.kind === 'bridge')
        .map((bridge) => ({
          name: bridge.name,
          members:
            bridge.kind === 'bridge'
              ? bridge.members.map((id) => ({ name: names.get(id) ?? id, key: keys.get(id) }))
              : [],
        })),
    );
  }, [topology]);
  if (bridges.length === 0) return <p className="text-sm text-slate-500">No bridges on this host.</p>;
  return (
    <div className="space-y-3" data-testid="top-talkers">
      {bridges.map((bridge) => {
        const total = (key?: string) => {
          const rate = key ? traffic.rate(key) : undefined;
          return unit === 'bits'
            ? (rate?.rxBytesPerSecond ?? 0) + (rate?.txBytesPerSecond ?? 0)
            : (rate?.rxPacketsPerSecond ?? 0) + (rate?.txPacketsPerSecond ?? 0);
        };
        const ranked = [...bridge.members].sort((a, b) => total(b.key) - total(a.key)).slice(0, 3);
        return (
          <div key={bridge.name}>
            <div className="font-mono text-xs font-semibold">{bridge.name}</div>
            <ol className="text-xs">
              {ranked.map((member) => (
                <li key={member.name} className="flex justify-between gap-2 font-mono">
                  <button
                    type="button"
                    className="text-violet-700 hover:underline dark:text-violet-300"
                    onClick={() => member.key && traffic.store.setState({ selected: member.key })}>
                    {member.name}
                  </button>
                  <span className="text-slate-500">{formatRate(total(member.key), unit)}</span>
                </li>
              ))}
              {ranked.length === 0 && <li className="text-slate-500">no members</li>}
            </ol>
          </div>
        );
      })}
    </div>
  );
}
