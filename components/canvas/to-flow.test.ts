import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../../core/demo/blog-network';
import { toGraph } from '../../core/graph/to-graph';
import { leafSize } from './geometry';
import { toFlow } from './to-flow';

describe('toFlow', () => {
  it('hands every box over as measured at its drawn size, so React Flow keeps its handles when nodes are replaced', () => {
    const graph = toGraph(blogNetwork());
    const boxes = new Map(
      graph.nodes.map((node, i) => [
        node.id,
        { x: i * 10, y: 0, ...(node.container ? { width: 500, height: 400 } : leafSize(node)) },
      ]),
    );
    const { nodes } = toFlow(graph, boxes);
    expect(nodes).toHaveLength(graph.nodes.length);
    for (const node of nodes) {
      const box = boxes.get(node.id)!;
      expect(node.measured).toEqual({ width: box.width, height: box.height });
      expect([node.width, node.height]).toEqual([box.width, box.height]);
    }
  });
});
