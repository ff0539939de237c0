import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../graph/to-graph';
import { inkAndPaper, readPng } from '../../agent/testing/png';
import { rsvgToPng } from '../../agent/testing/rsvg';
import { getBezierPath, Position } from '@xyflow/system';
import fc from 'fast-check';
import type { BoxSide } from '../graph/facing-sides';
import { cableCurve, escapeXml, renderSvg, type Drawing, type DrawnNode } from './svg';

const METRICS = { header: 40, line: 18, badges: 24, row: 30 };

function drawn(node: Partial<GraphNode> & Pick<GraphNode, 'id' | 'kind' | 'title'>, box: number[]): DrawnNode {
  const [x, y, width, height] = box as [number, number, number, number];
  return { container: false, lines: [], badges: [], ports: [], ...node, x, y, width, height };
}

/** A host holding a bridge, a jail beside it on a cable, and the LAN: the shapes a design draws. */
function smallDrawing(names: { jail?: string; cable?: string } = {}): Drawing {
  return {
    title: 'Small',
    metrics: METRICS,
    nodes: [
      drawn(
        { id: 'host', kind: 'host', title: 'gw.example.org', container: true, badges: ['forwarding'] },
        [300, 0, 300, 260],
      ),
      drawn(
        {
          id: 'host:bridge0',
          kind: 'bridge',
          parentId: 'host',
          title: 'bridge0',
          lines: ['10.0.0.1/24'],
          ports: [{ id: 'host:e0a', name: 'e0a_www', addresses: [], up: true }],
        },
        [324, 100, 232, 100],
      ),
      drawn(
        {
          id: 'www',
          kind: 'jail',
          title: names.jail ?? 'www-jail',
          ports: [{ id: 'www:e0b', name: 'e0b_www', addresses: ['10.0.0.2/24', 'fd00::2/64'], up: true }],
        },
        [800, 120, 248, 78],
      ),
      drawn({ id: 'lan', kind: 'lan', title: 'LAN', lines: ['192.168.1.0/24'] }, [0, 60, 184, 70]),
    ],
    edges: [
      {
        id: 'epair:e0a',
        kind: 'epair',
        label: names.cable ?? 'e0_www',
        from: { x: 556, y: 177 },
        to: { x: 800, y: 177 },
      },
      { id: 'uplink:lan', kind: 'uplink', label: 'uplink', from: { x: 184, y: 95 }, to: { x: 300, y: 130 } },
    ],
  };
}

const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('renderSvg', () => {
  it('draws with SVG elements only: no foreignObject, no HTML', () => {
    const { svg } = renderSvg(smallDrawing());
    const allowed = ['svg', 'title', 'defs', 'linearGradient', 'stop', 'g', 'rect', 'path', 'circle', 'text'];
    const elements = new Set([...svg.matchAll(/<([a-zA-Z]+)[\s>/]/g)].map((m) => m[1]!));
    expect([...elements].filter((element) => !allowed.includes(element))).toEqual([]);
    expect(elements).toContain('text');
    expect(svg).not.toContain('foreignObject');
    expect(svg).not.toContain('xhtml');
  });

  it('writes every node name, port, address and cable label as text', () => {
    const texts_ = texts(renderSvg(smallDrawing()).svg);
    for (const expected of ['gw.example.org', 'bridge0', '10.0.0.1/24', 'www-jail', 'e0b_www', '10.0.0.2/24 +1'])
      expect(texts_, expected).toContain(expected);
    for (const label of ['e0_www', 'uplink', 'LAN', '192.168.1.0/24', 'forwarding']) expect(texts_).toContain(label);
  });

  it('escapes names that would otherwise be markup', () => {
    const hostile = `<script>alert("x")</script>&'`;
    const { svg } = renderSvg(smallDrawing({ jail: 'a<b&c', cable: hostile }));
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('a<b');
    expect(texts(svg)).toContain(escapeXml(hostile));
    expect(texts(svg)).toContain('a&lt;b&amp;c');
    // rsvg reads XML strictly: a stray < or & would make it refuse the file.
    expect(() => rsvgToPng(svg)).not.toThrow();
  });

  it('is a picture rsvg-convert draws at its stated size, labels readable rather than solid pills', () => {
    const rendered = renderSvg(smallDrawing());
    expect(rendered.svg.startsWith('<?xml')).toBe(true);
    const picture = readPng(rsvgToPng(rendered.svg, 2));
    expect([picture.width, picture.height]).toEqual([rendered.width * 2, rendered.height * 2]);
    expect(rendered.labels.map((l) => l.text)).toEqual(['e0_www', 'uplink']);
    for (const label of rendered.labels) {
      const region = { x: label.x * 2, y: label.y * 2, width: label.width * 2, height: label.height * 2 };
      const { paper, ink, total } = inkAndPaper(picture, region);
      // Mostly white pill, with enough dark pixels to be letters and far too few to be a filled pill.
      expect(paper / total, label.text).toBeGreaterThan(0.5);
      expect(ink / total, label.text).toBeGreaterThan(0.03);
      expect(ink / total, label.text).toBeLessThan(0.4);
    }
  });

  it('frames everything with a margin, wherever the boxes sit', () => {
    const moved = smallDrawing();
    moved.nodes = moved.nodes.map((node) => ({ ...node, x: node.x - 500, y: node.y - 300 }));
    moved.edges = moved.edges.map((e) => ({ ...e, from: { x: e.from.x - 500, y: e.from.y - 300 } }));
    const { svg, width, height } = renderSvg(moved);
    expect(svg).toMatch(/viewBox="-524 -324 /);
    expect(width).toBeGreaterThan(1048);
    expect(height).toBeGreaterThan(260);
  });
});

const POSITION: Record<BoxSide, Position> = {
  left: Position.Left,
  right: Position.Right,
  top: Position.Top,
  bottom: Position.Bottom,
};

describe('cableCurve', () => {
  it('bends like the canvas: halfway point between the ends, flat where they meet the boxes', () => {
    const { d, middle } = cableCurve({ x: 0, y: 0 }, { x: 200, y: 100 });
    expect(d).toBe('M0 0C100 0 100 100 200 100');
    expect(middle).toEqual({ x: 100, y: 50 });
  });

  it('leaves and enters by the sides it is given, as getBezierPath does', () => {
    // A cable turned round: out of the source's left side into the target's right side.
    expect(cableCurve({ x: 300, y: 0 }, { x: 0, y: 100 }, { from: 'left', to: 'right' }).d).toBe(
      'M300 0C150 0 150 100 0 100',
    );
    // Without the sides it would leave rightwards, away from its target, and loop back.
    expect(cableCurve({ x: 300, y: 0 }, { x: 0, y: 100 }).d).toBe('M300 0C408.3 0 -108.3 100 0 100');
    const down = cableCurve({ x: 0, y: 0 }, { x: 40, y: 200 }, { from: 'bottom', to: 'top' });
    expect(down.d).toBe('M0 0C0 100 40 100 40 200');
    expect(down.middle).toEqual({ x: 20, y: 100 });
  });

  it('is the curve and the label point of @xyflow/system getBezierPath for any two sides', () => {
    const side = fc.constantFrom<BoxSide>('left', 'right', 'top', 'bottom');
    const point = fc.record({ x: fc.integer({ min: -2000, max: 2000 }), y: fc.integer({ min: -2000, max: 2000 }) });
    fc.assert(
      fc.property(point, point, side, side, (from, to, fromSide, toSide) => {
        const ours = cableCurve(from, to, { from: fromSide, to: toSide });
        const [path, labelX, labelY] = getBezierPath({
          sourceX: from.x,
          sourceY: from.y,
          sourcePosition: POSITION[fromSide],
          targetX: to.x,
          targetY: to.y,
          targetPosition: POSITION[toSide],
        });
        const numbers = (d: string) => (d.match(/-?\d+(\.\d+)?(e-?\d+)?/g) ?? []).map(Number);
        const [mine, theirs] = [numbers(ours.d), numbers(path)];
        expect(mine.length).toBe(8);
        mine.forEach((value, i) => expect(value).toBeCloseTo(theirs[i]!, 0));
        expect(ours.middle.x).toBeCloseTo(labelX, 6);
        expect(ours.middle.y).toBeCloseTo(labelY, 6);
      }),
    );
  });
});
