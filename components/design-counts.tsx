import type { Topology } from '../core/topology/schema';

function count(topology: Topology) {
  const interfaces = topology.stacks.flatMap((s) => s.interfaces);
  return [
    ['jails', topology.stacks.filter((s) => s.kind === 'jail').length],
    ['bridges', interfaces.filter((i) => i.kind === 'bridge').length],
    ['epairs', interfaces.filter((i) => i.kind === 'epair' && i.end === 'a').length],
    ['NICs', interfaces.filter((i) => i.kind === 'physical').length],
    ['intents', topology.intents.length],
  ] as const;
}

/** How many jails, bridges, cables, NICs and intents a design holds. */
export function DesignCounts({ topology }: { topology: Topology }) {
  return (
    <dl className="grid grid-cols-3 gap-2">
      {count(topology).map(([label, n]) => (
        <div
          key={label}
          className="rounded-md border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 px-2 py-1.5">
          <dt className="text-[11px] uppercase tracking-wide text-slate-500">{label}</dt>
          <dd className="text-lg font-semibold tabular-nums text-slate-900 dark:text-slate-100">{n}</dd>
        </div>
      ))}
    </dl>
  );
}
