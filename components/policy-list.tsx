import type { Endpoint, Topology } from '../core/topology/schema';

function endpointName(topology: Topology, endpoint: Endpoint): string {
  if (endpoint.kind === 'stack') {
    const stack = topology.stacks.find((s) => s.id === endpoint.id);
    return stack ? (stack.kind === 'host' ? 'the host' : stack.name) : endpoint.id;
  }
  if (endpoint.kind === 'segment') return topology.segments.find((s) => s.id === endpoint.id)?.name ?? endpoint.id;
  const bridge = topology.stacks.flatMap((s) => s.interfaces).find((i) => i.id === endpoint.id);
  return `jails on ${bridge?.name ?? endpoint.id}`;
}

/** The design's intents, in words: who may or may not reach what. */
export function PolicyList({ topology }: { topology: Topology }) {
  if (topology.policies.length === 0) return <p className="text-sm text-slate-500">No policies: everything routed is allowed.</p>;
  return (
    <ul className="space-y-1.5" data-testid="policy-list">
      {topology.policies.map((policy) => (
        <li key={policy.id} className="flex items-start gap-2 text-sm text-slate-700 dark:text-slate-300">
          <span className={`mt-0.5 shrink-0 rounded px-1.5 text-[10px] font-semibold uppercase leading-4 ${policy.action === 'allow' ? 'bg-emerald-100 text-emerald-800' : 'bg-red-100 text-red-800'}`}>
            {policy.action}
          </span>
          <span>
            {endpointName(topology, policy.from)} → {endpointName(topology, policy.to)}
            {policy.protocol !== 'any' ? ` (${policy.protocol}${policy.ports.length ? `/${policy.ports.join(',')}` : ''})` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
