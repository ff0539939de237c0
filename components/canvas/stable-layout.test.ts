import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../../core/demo/blog-network';
import { addJail, connect, remove } from '../../core/editor/actions';
import { toGraph, type TopologyGraph } from '../../core/graph/to-graph';
import { validTopology } from '../../core/testing/arbitrary-topology';
import type { Topology } from '../../core/topology/schema';
import { autoLayout, type Box } from './auto-layout';
import { everyBoxInside, stableLayout, type ShownLayout } from './stable-layout';

function edited(edit: ReturnType<typeof connect>): Topology {
  if (!edit.ok) throw new Error(edit.reason);
  return edit.topology;
}

async function shown(t: Topology, previous: ShownLayout | null, anchor?: { x: number; y: number }) {
  const graph = toGraph(t);
  return { graph, layout: stableLayout(previous, await autoLayout(graph), graph, { anchor }) };
}

function overlapping(graph: TopologyGraph, layout: ShownLayout): string[] {
  const hit = (a: Box, b: Box) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  return graph.nodes.flatMap((a, i) =>
    graph.nodes
      .slice(i + 1)
      .filter((b) => a.parentId === b.parentId && hit(layout.boxes.get(a.id)!, layout.boxes.get(b.id)!))
      .map((b) => `${a.id} × ${b.id}`),
  );
}

function outsideParent(graph: TopologyGraph, layout: ShownLayout): string[] {
  return graph.nodes.flatMap((node) => {
    if (!node.parentId) return [];
    const box = layout.boxes.get(node.id)!;
    const parent = layout.boxes.get(node.parentId)!;
    const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= parent.width && box.y + box.height <= parent.height;
    return inside ? [] : [`${node.id} outside ${node.parentId}`];
  });
}

const at = (layout: ShownLayout, id: string) => ({ x: layout.boxes.get(id)!.x, y: layout.boxes.get(id)!.y });

describe('stableLayout', () => {
  it('is the automatic layout the first time', async () => {
    const graph = toGraph(blogNetwork());
    const fresh = await autoLayout(graph);
    expect(stableLayout(null, fresh, graph).boxes).toEqual(fresh);
  });

  it('wiring two boxes leaves the boxes already drawn where they were', async () => {
    const first = await shown(blogNetwork(), null);
    const withJail = edited(addJail(blogNetwork(), { name: 'db' }));
    const second = await shown(withJail, first.layout, { x: 400, y: 300 });
    const wired = edited(connect(withJail, 'jail-db', 'host:bridge0'));
    const third = await shown(wired, second.layout);
    // Nothing moves sideways or up; only a box right under one that grew a row makes room below it.
    for (const node of second.graph.nodes) {
      expect(at(third.layout, node.id).x, node.id).toBe(at(second.layout, node.id).x);
      expect(at(third.layout, node.id).y, node.id).toBeGreaterThanOrEqual(at(second.layout, node.id).y);
    }
    for (const id of ['snort', 'www', 'host', 'jail-db'])
      expect(at(third.layout, id), id).toEqual(at(second.layout, id));
    // The new jail went beside the drawing (within a box's width or two of a box shown before), and
    // the wired jail grew a row.
    const db = second.layout.boxes.get('jail-db')!;
    const gap = (b: Box) =>
      Math.max(0, b.x - (db.x + db.width), db.x - (b.x + b.width), b.y - (db.y + db.height), db.y - (b.y + b.height));
    expect(Math.min(...[...first.layout.boxes.values()].map(gap))).toBeLessThan(500);
    expect(third.layout.boxes.get('jail-db')!.height).toBeGreaterThan(second.layout.boxes.get('jail-db')!.height);
    expect(overlapping(third.graph, third.layout)).toEqual([]);
    expect(outsideParent(third.graph, third.layout)).toEqual([]);
  });

  it('property: after adding a jail and its cables, old boxes stay put or only make room below, nothing overlaps, children stay inside', async () => {
    await fc.assert(
      fc.asyncProperty(validTopology, fc.nat(), async (topology, pick) => {
        topology.layout.positions = {};
        const jails = topology.stacks.filter((s) => s.kind === 'jail' && !s.parent);
        fc.pre(jails.length > 0);
        const jail = jails[pick % jails.length]!;
        const before = edited(remove(topology, [jail.id]));
        const first = await shown(before, null);
        const second = await shown(topology, first.layout, { x: 0, y: 0 });
        for (const node of first.graph.nodes) {
          if (second.graph.nodes.find((n) => n.id === node.id)?.parentId !== node.parentId) continue;
          // Kept where it was, or pushed straight down by a neighbour that grew a row; never anywhere else.
          const [now, was] = [at(second.layout, node.id), at(first.layout, node.id)];
          expect(now.x, node.id).toBe(was.x);
          expect(now.y, node.id).toBeGreaterThanOrEqual(was.y);
        }
        expect(overlapping(second.graph, second.layout)).toEqual([]);
        expect(outsideParent(second.graph, second.layout)).toEqual([]);
      }),
      { numRuns: 5 },
    );
  }, 60_000);

  it('puts a new box in the middle of the view when nothing was drawn beside it', async () => {
    const graph = toGraph(blogNetwork());
    const fresh = await autoLayout(graph);
    const layout = stableLayout({ boxes: new Map(), parents: new Map() }, fresh, graph, { anchor: { x: 5000, y: 0 } });
    const snort = layout.boxes.get('snort')!;
    expect(snort.x + snort.width / 2).toBe(5000);
  });

  it('lets the places the user chose win', async () => {
    const graph = toGraph(blogNetwork());
    const layout = stableLayout(null, await autoLayout(graph), graph, { saved: { snort: { x: 7, y: 9 } } });
    expect(at(layout, 'snort')).toEqual({ x: 7, y: 9 });
  });
});

describe('everyBoxInside', () => {
  const view = { x: 0, y: 0, width: 1000, height: 600 };
  it('says whether a box pokes out of the view', () => {
    expect(everyBoxInside([{ x: 10, y: 10, width: 100, height: 100 }], view)).toBe(true);
    expect(everyBoxInside([{ x: 950, y: 10, width: 100, height: 100 }], view)).toBe(false);
    expect(everyBoxInside([{ x: -1, y: 10, width: 100, height: 100 }], view)).toBe(false);
  });
});
