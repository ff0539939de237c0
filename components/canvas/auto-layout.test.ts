import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../../core/demo/blog-network';
import { toGraph, type TopologyGraph } from '../../core/graph/to-graph';
import { validTopology } from '../../core/testing/arbitrary-topology';
import { autoLayout, type Box, type BoxLayout } from './auto-layout';
import { leafSize } from './geometry';

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function overlappingSiblings(graph: TopologyGraph, boxes: BoxLayout): string[] {
  const found: string[] = [];
  graph.nodes.forEach((a, i) =>
    graph.nodes.slice(i + 1).forEach((b) => {
      if (a.parentId === b.parentId && overlap(boxes.get(a.id)!, boxes.get(b.id)!)) found.push(`${a.id} × ${b.id}`);
    }),
  );
  return found;
}

function outsideParent(graph: TopologyGraph, boxes: BoxLayout): string[] {
  return graph.nodes.flatMap((node) => {
    if (!node.parentId) return [];
    const box = boxes.get(node.id)!;
    const parent = boxes.get(node.parentId)!;
    const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= parent.width && box.y + box.height <= parent.height;
    return inside ? [] : [`${node.id} outside ${node.parentId}`];
  });
}

describe('autoLayout', () => {
  it('places every node of the demo without overlaps, children inside their container', async () => {
    const graph = toGraph(blogNetwork());
    const boxes = await autoLayout(graph);
    expect([...boxes.keys()].sort()).toEqual(graph.nodes.map((n) => n.id).sort());
    expect(overlappingSiblings(graph, boxes)).toEqual([]);
    expect(outsideParent(graph, boxes)).toEqual([]);
  });

  it('keeps leaf boxes at the size their components draw', async () => {
    const graph = toGraph(blogNetwork());
    const boxes = await autoLayout(graph);
    for (const node of graph.nodes.filter((n) => !n.container)) {
      expect({ id: node.id, width: boxes.get(node.id)!.width, height: boxes.get(node.id)!.height }).toEqual({
        id: node.id,
        ...leafSize(node),
      });
    }
  });

  it('flows left to right: internet, LAN, host, jails', async () => {
    const boxes = await autoLayout(toGraph(blogNetwork()));
    const x = (id: string) => boxes.get(id)!.x;
    expect(x('internet')).toBeLessThan(x('lan'));
    expect(x('lan')).toBeLessThan(x('host'));
    expect(x('host') + boxes.get('host')!.width).toBeLessThanOrEqual(x('snort'));
  });

  it('keeps saved positions', async () => {
    const boxes = await autoLayout(toGraph(blogNetwork()), { snort: { x: 1234, y: -56 } });
    expect(boxes.get('snort')).toMatchObject({ x: 1234, y: -56 });
  });

  it('never overlaps boxes for generated topologies', async () => {
    await fc.assert(
      fc.asyncProperty(validTopology, async (topology) => {
        topology.layout.positions = {};
        const graph = toGraph(topology);
        const boxes = await autoLayout(graph);
        expect(overlappingSiblings(graph, boxes)).toEqual([]);
        expect(outsideParent(graph, boxes)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
