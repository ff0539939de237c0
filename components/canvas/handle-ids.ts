import type { GraphEndpoint } from '../../core/graph/to-graph';

// Handle ids are unique within a node; ELK port ids must be unique in the whole graph.
export const NODE_HANDLE = 'node';

export function handleId(endpoint: Pick<GraphEndpoint, 'port'>, direction: 'in' | 'out'): string {
  return `${endpoint.port ?? NODE_HANDLE}:${direction}`;
}

export function elkPortId(endpoint: GraphEndpoint, direction: 'in' | 'out'): string {
  return `${endpoint.node}|${handleId(endpoint, direction)}`;
}
