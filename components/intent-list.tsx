import { intentText } from '../core/audit/report';
import type { Intent, Topology } from '../core/topology/schema';

const BLOCKS: ReadonlySet<Intent['kind']> = new Set(['deny', 'isolated', 'unreachable']);

/** The design's intents, in words: who may or may not reach what. */
export function IntentList({ topology }: { topology: Topology }) {
  if (topology.intents.length === 0)
    return <p className="text-sm text-slate-500">No intents: everything routed is allowed.</p>;
  return (
    <ul className="space-y-1.5" data-testid="intent-list">
      {topology.intents.map((intent) => (
        <li key={intent.id} className="flex items-start gap-2 text-sm text-slate-700 dark:text-slate-300">
          <span
            className={`mt-0.5 shrink-0 rounded px-1.5 text-[10px] font-semibold uppercase leading-4 ${BLOCKS.has(intent.kind) ? 'bg-red-100 text-red-800' : 'bg-emerald-100 text-emerald-800'}`}>
            {intent.kind}
          </span>
          <span>{intentText(topology, intent)}</span>
        </li>
      ))}
    </ul>
  );
}
