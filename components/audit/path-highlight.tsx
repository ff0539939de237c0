'use client';

import { useMemo } from 'react';
import type { Explanation } from '../../core/audit/report';
import type { TopologyGraph } from '../../core/graph/to-graph';

// The path of an explained pair, lit up on the canvas. A style sheet keyed by the ids React Flow
// writes on its boxes and lines: nothing on the canvas re-renders, and clearing it is removing it.

function highlightedElements(graph: TopologyGraph, explanation: Explanation): { nodes: string[]; edges: string[] } {
  const crossed = new Set([...explanation.interfaces, ...explanation.segments]);
  const nodes = graph.nodes.filter((n) => crossed.has(n.id) || n.ports.some((p) => crossed.has(p.id))).map((n) => n.id);
  const edges = graph.edges
    .filter((e) => {
      const ends = [e.source, e.target].map((end) => end.port ?? end.node);
      return ends.every((end) => crossed.has(end) || nodes.includes(end)) && ends.some((end) => crossed.has(end));
    })
    .map((e) => e.id);
  return { nodes, edges };
}

export function PathHighlight({ graph, explanation }: { graph: TopologyGraph; explanation: Explanation | null }) {
  const css = useMemo(() => {
    if (!explanation) return '';
    const { nodes, edges } = highlightedElements(graph, explanation);
    const colour =
      explanation.verdict === 'reachable' || explanation.verdict === 'partial'
        ? '#10b981'
        : explanation.verdict === 'one-way'
          ? '#f59e0b'
          : '#ef4444';
    // Inset: boxes clip their painting (globals.css), so a ring outside would not show.
    const nodeRules = nodes.map((id) => `.react-flow__node[data-id="${id}"] > *{box-shadow:inset 0 0 0 3px ${colour}}`);
    const edgeRules = edges.map(
      (id) =>
        `.react-flow__edge[data-id="${id}"] path.react-flow__edge-path{stroke:${colour}!important;stroke-width:4px!important}`,
    );
    return [...nodeRules, ...edgeRules].join('\n');
  }, [graph, explanation]);
  return css ? <style data-testid="audit-path-style">{css}</style> : null;
}
