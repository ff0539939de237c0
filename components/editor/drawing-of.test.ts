import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../../core/demo/blog-network';
import { facingAnchors } from '../../core/graph/facing-sides';
import { toGraph } from '../../core/graph/to-graph';
import { bastilleDesign } from '../../core/testing/bastille-design';
import { renderSvg } from '../../core/render/svg';
import { inkAndPaper, readPng } from '../../agent/testing/png';
import { rsvgToPng } from '../../agent/testing/rsvg';
import { autoLayout } from '../canvas/auto-layout';
import { toFlow } from '../canvas/to-flow';
import { drawingOf } from './drawing-of';

async function demoFlow() {
  const graph = toGraph(blogNetwork());
  return { graph, ...toFlow(graph, await autoLayout(graph)) };
}

describe('drawingOf', () => {
  it('places nested boxes where the canvas draws them: a parent’s place plus their own', async () => {
    const { nodes, edges } = await demoFlow();
    const drawing = drawingOf(nodes, edges);
    const host = nodes.find((n) => n.id === 'host')!;
    const bridge = nodes.find((n) => n.id === 'host:bridge0')!;
    expect(drawing.nodes.find((n) => n.id === 'host:bridge0')).toMatchObject({
      x: host.position.x + bridge.position.x,
      y: host.position.y + bridge.position.y,
      width: bridge.width,
    });
  });

  it('runs each cable from the right side of its source row to the left side of its target row', async () => {
    const { nodes, edges } = await demoFlow();
    const drawing = drawingOf(nodes, edges);
    const cable = drawing.edges.find((e) => e.label === 'e0_snort_jail')!;
    const bridge = drawing.nodes.find((n) => n.id === 'host:bridge0')!;
    const jail = drawing.nodes.find((n) => n.id === 'snort')!;
    expect(cable.from.x).toBe(bridge.x + bridge.width);
    expect(cable.to.x).toBe(jail.x);
    // Both ends sit inside their box's port rows, below the title block.
    expect(cable.from.y).toBeGreaterThan(bridge.y + 40);
    expect(cable.from.y).toBeLessThan(bridge.y + bridge.height);
    expect(cable.to.y).toBeGreaterThan(jail.y + 40);
    expect(cable.to.y).toBeLessThan(jail.y + jail.height);
  });

  it('turns a cable round when its target box sits wholly left of its source, as the canvas does', async () => {
    const { nodes, edges } = await demoFlow();
    const bridgeAt = drawingOf(nodes, edges).nodes.find((n) => n.id === 'host:bridge0')!;
    const moved = nodes.map((node) =>
      node.id === 'snort' ? { ...node, position: { x: bridgeAt.x - 900, y: node.position.y } } : node,
    );
    const drawing = drawingOf(moved, edges);
    const cable = drawing.edges.find((e) => e.label === 'e0_snort_jail')!;
    const bridge = drawing.nodes.find((n) => n.id === 'host:bridge0')!;
    const jail = drawing.nodes.find((n) => n.id === 'snort')!;
    expect(jail.x + jail.width).toBeLessThan(bridge.x);
    expect(cable).toMatchObject({ fromSide: 'left', toSide: 'right' });
    expect(cable.from.x).toBe(bridge.x);
    expect(cable.to.x).toBe(jail.x + jail.width);
    // The curve leaves the bridge leftwards, towards the jail, rather than looping out to the right.
    const path = renderSvg(drawing).svg.match(new RegExp(`<path d="([^"]+)"[^>]*data-edge="${cable.id}"`))![1]!;
    const [, , c1x] = path.match(/-?[\d.]+/g)!.map(Number);
    expect(c1x).toBeLessThan(cable.from.x);
  });

  it('draws a shared-IP jail’s line between the facing sides of the two boxes', async () => {
    const graph = toGraph(bastilleDesign());
    const { nodes, edges } = toFlow(graph, await autoLayout(graph));
    const drawing = drawingOf(nodes, edges);
    const lines = drawing.edges.filter((e) => e.kind === 'shared-ip');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const edge = edges.find((e) => e.id === line.id)!;
      const box = (id: string) => drawing.nodes.find((n) => n.id === id)!;
      const ends = facingAnchors(box(edge.source), box(edge.target));
      expect(line).toMatchObject({ from: { x: ends.source.x, y: ends.source.y }, fromSide: ends.source.side });
      expect(line).toMatchObject({ to: { x: ends.target.x, y: ends.target.y }, toSide: ends.target.side });
    }
  });

  it('gives the demo design a small SVG that rsvg-convert draws with every cable label readable', async () => {
    const { graph, nodes, edges } = await demoFlow();
    const rendered = renderSvg(drawingOf(nodes, edges, 'Blog network'));
    // html-to-image's copy of the page was 1.1 MB of foreignObject.
    expect(rendered.svg.length).toBeLessThan(40_000);
    for (const node of graph.nodes) expect(rendered.svg).toContain(`>${node.title}</text>`);
    expect(rendered.labels.map((l) => l.text).sort()).toEqual(graph.edges.map((e) => e.label).sort());
    // At twice the size, as the PNG export draws it.
    const picture = readPng(rsvgToPng(rendered.svg, 2));
    expect([picture.width, picture.height]).toEqual([rendered.width * 2, rendered.height * 2]);
    for (const label of rendered.labels) {
      const region = { x: label.x * 2, y: label.y * 2, width: label.width * 2, height: label.height * 2 };
      const { paper, ink, total } = inkAndPaper(picture, region);
      expect(paper / total, label.text).toBeGreaterThan(0.5);
      expect(ink / total, label.text).toBeGreaterThan(0.03);
    }
  });
});
