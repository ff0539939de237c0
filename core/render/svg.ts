import type { GraphEdgeKind, GraphNode, GraphNodeKind } from '../graph/to-graph';
import type { BoxSide } from '../graph/facing-sides';

// The drawing as a plain SVG picture: rect, path, text and g only, text kept as text, colours written
// out as attributes. The canvas is HTML boxes styled by CSS classes; copying that DOM into an SVG
// (html-to-image) made a megabyte of foreignObject that SVG tools will not draw, and lost the fill of
// every cable label, which came out as a black pill. This draws the same boxes from data instead, in
// the canvas's light theme.

export interface Point {
  x: number;
  y: number;
}

/** A node of the drawing where it sits on the page: absolute position and its drawn size. */
export interface DrawnNode extends GraphNode {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A cable between two points on the sides of their boxes, as the canvas draws it. */
export interface DrawnEdge {
  id: string;
  kind: GraphEdgeKind;
  label: string;
  from: Point;
  to: Point;
  /** The side of its box the cable leaves by; absent: right, as a port row's cable does. */
  fromSide?: BoxSide;
  /** The side of its box the cable enters by; absent: left. */
  toSide?: BoxSide;
}

/** The heights the canvas lays boxes out with (components/canvas/geometry.ts), so rows line up. */
export interface BoxMetrics {
  header: number;
  line: number;
  badges: number;
  row: number;
}

export interface Drawing {
  /** Parents before what they hold, as toGraph orders them. */
  nodes: DrawnNode[];
  edges: DrawnEdge[];
  metrics: BoxMetrics;
  /** The design's name, kept as the picture's <title>. */
  title?: string;
}

/** Where a cable's label pill was drawn, in picture coordinates. */
export interface DrawnLabel {
  edge: string;
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RenderedSvg {
  svg: string;
  width: number;
  height: number;
  labels: DrawnLabel[];
}

const MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace";
/** A monospace glyph's advance is about 0.6 em; a little more so that estimates never run short. */
const CHAR_EM = 0.62;
const MARGIN = 24;
const PAD_X = 12;

// Tailwind's palette, the colours the canvas's classes name (node-chrome.tsx, nodes/*, link-edge.tsx).
const SLATE = { 50: '#f8fafc', 100: '#f1f5f9', 200: '#e2e8f0', 300: '#cbd5e1', 500: '#64748b', 600: '#475569' };
const INK = { title: '#0f172a', port: '#1e293b', line: SLATE[600], dim: SLATE[500] };
const UP = '#10b981';

interface Look {
  border: string;
  fill: string;
  header?: string;
  tagFill: string;
  tagInk: string;
  tag: string;
}

const LOOK: Record<GraphNodeKind, Look> = {
  host: { border: SLATE[300], fill: SLATE[50], tagFill: SLATE[200], tagInk: '#334155', tag: 'host' },
  jail: {
    border: '#c4b5fd',
    fill: '#ffffff',
    header: '#f5f3ff',
    tagFill: '#ede9fe',
    tagInk: '#6d28d9',
    tag: 'vnet jail',
  },
  bridge: {
    border: '#fcd34d',
    fill: '#ffffff',
    header: '#fffbeb',
    tagFill: '#fef3c7',
    tagInk: '#92400e',
    tag: 'bridge',
  },
  nic: { border: '#6ee7b7', fill: '#ffffff', header: '#ecfdf5', tagFill: '#d1fae5', tagInk: '#065f46', tag: 'nic' },
  interface: {
    border: SLATE[300],
    fill: '#ffffff',
    header: SLATE[50],
    tagFill: SLATE[100],
    tagInk: '#334155',
    tag: 'epair',
  },
  lan: { border: '#7dd3fc', fill: '#f0f9ff', tagFill: '#e0f2fe', tagInk: '#075985', tag: 'lan' },
  internet: { border: '#38bdf8', fill: 'url(#internet)', tagFill: '#ffffff', tagInk: '#075985', tag: 'wan' },
};
/** A jail holding bridges or child jails is a tinted frame, like the host. */
const JAIL_FRAME: Look = { ...LOOK.jail, fill: '#faf8ff', header: undefined };

const CABLE: Record<GraphEdgeKind, { stroke: string; dash?: string; edge: string; ink: string }> = {
  epair: { stroke: '#7c3aed', edge: '#ddd6fe', ink: '#5b21b6' },
  member: { stroke: '#d97706', edge: '#fde68a', ink: '#92400e' },
  uplink: { stroke: '#059669', edge: '#a7f3d0', ink: '#065f46' },
  internet: { stroke: '#0284c7', dash: '6 5', edge: '#bae6fd', ink: '#075985' },
  'shared-ip': { stroke: '#7c3aed', dash: '3 4', edge: '#ddd6fe', ink: '#5b21b6' },
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}

/** Rounds to a tenth of a pixel: enough for any screen, and the file stays short. */
function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function textWidth(text: string, size: number): number {
  return [...text].length * size * CHAR_EM;
}

/** The text cut to what fits in `width` at `size`, with an ellipsis, as the canvas truncates. */
function fit(text: string, size: number, width: number): string {
  const chars = [...text];
  const room = Math.floor(width / (size * CHAR_EM));
  if (chars.length <= room) return text;
  return room <= 1 ? '…' : `${chars.slice(0, room - 1).join('')}…`;
}

interface TextStyle {
  size: number;
  fill: string;
  weight?: number;
  anchor?: 'middle' | 'end';
}

function text(x: number, y: number, content: string, style: TextStyle): string {
  const weight = style.weight ? ` font-weight="${style.weight}"` : '';
  const anchor = style.anchor ? ` text-anchor="${style.anchor}"` : '';
  return `<text x="${n(x)}" y="${n(y)}" font-size="${style.size}" fill="${style.fill}"${weight}${anchor}>${escapeXml(content)}</text>`;
}

/** A pill with centred text; returns its markup and width. */
function pill(x: number, midY: number, content: string, size: number, fill: string, ink: string, padX: number) {
  const width = textWidth(content, size) + padX * 2;
  const height = size + 6;
  const markup =
    `<rect x="${n(x)}" y="${n(midY - height / 2)}" width="${n(width)}" height="${n(height)}" rx="${n(height / 2)}" fill="${fill}"/>` +
    text(x + width / 2, midY + size * 0.35, content, { size, fill: ink, weight: 500, anchor: 'middle' });
  return { markup, width };
}

function headHeight(node: DrawnNode, m: BoxMetrics): number {
  return m.header + node.lines.length * m.line + (node.badges.length ? m.badges : 0) + (node.lines.length ? 4 : 0);
}

function head(node: DrawnNode, look: Look, m: BoxMetrics): string {
  const parts: string[] = [];
  const mid = node.y + m.header / 2;
  const tagWidth = textWidth(look.tag.toUpperCase(), 10) + 12;
  const tagX = node.x + node.width - PAD_X - tagWidth;
  parts.push(pill(tagX, mid, look.tag.toUpperCase(), 10, look.tagFill, look.tagInk, 6).markup);
  const room = tagX - node.x - PAD_X - 8;
  parts.push(text(node.x + PAD_X, mid + 5, fit(node.title, 14, room), { size: 14, fill: INK.title, weight: 600 }));
  let y = node.y + m.header + 4;
  for (const line of node.lines) {
    parts.push(
      text(node.x + PAD_X, y + m.line / 2 + 4, fit(line, 11, node.width - 2 * PAD_X), { size: 11, fill: INK.line }),
    );
    y += m.line;
  }
  let badgeX = node.x + PAD_X;
  for (const badge of node.badges) {
    const drawn = pill(badgeX, y + m.badges / 2, badge, 10, SLATE[100], INK.line, 8);
    if (badgeX + drawn.width > node.x + node.width - PAD_X) break;
    parts.push(drawn.markup);
    badgeX += drawn.width + 4;
  }
  return parts.join('');
}

function ports(node: DrawnNode, m: BoxMetrics): string {
  const top = node.y + headHeight(node, m);
  return node.ports
    .map((port, index) => {
      const rowTop = top + index * m.row;
      const mid = rowTop + m.row / 2;
      const [first, ...rest] = port.addresses;
      const address = first ? `${first}${rest.length ? ` +${rest.length}` : ''}` : '';
      const nameX = node.x + PAD_X + 12;
      const addressRoom = node.x + node.width - PAD_X - (nameX + textWidth(port.name, 12) + 8);
      return (
        `<path d="M${n(node.x)} ${n(rowTop)}h${n(node.width)}" stroke="${SLATE[200]}"/>` +
        `<circle cx="${n(node.x + PAD_X + 3)}" cy="${n(mid)}" r="3" fill="${port.up ? UP : SLATE[300]}"/>` +
        text(nameX, mid + 4, port.name, { size: 12, fill: INK.port, weight: 600 }) +
        (address && addressRoom > 12
          ? text(node.x + node.width - PAD_X, mid + 4, fit(address, 12, addressRoom), {
              size: 12,
              fill: INK.dim,
              anchor: 'end',
            })
          : '')
      );
    })
    .join('');
}

/** The header strip of a leaf box: its top corners follow the box's rounding. */
function headerStrip(node: DrawnNode, fill: string, height: number, radius: number): string {
  const { x, y, width } = node;
  const d = `M${n(x)} ${n(y + height)}V${n(y + radius)}a${radius} ${radius} 0 0 1 ${radius} ${-radius}h${n(width - 2 * radius)}a${radius} ${radius} 0 0 1 ${radius} ${radius}V${n(y + height)}Z`;
  return `<path d="${d}" fill="${fill}"/>`;
}

function box(node: DrawnNode, m: BoxMetrics): string {
  const plain = node.container && node.kind === 'jail' ? JAIL_FRAME : LOOK[node.kind];
  // A shared-IP jail is dashed and tagged, as on the canvas (components/canvas/nodes/jail-node.tsx).
  const look = node.sharedIp
    ? { ...plain, tag: 'shared-IP jail' }
    : node.loopback
      ? { ...plain, tag: 'loopback' }
      : plain;
  const dash = node.sharedIp ? ' stroke-dasharray="6 4"' : '';
  const radius = node.container ? 12 : 8;
  const frame = `<rect x="${n(node.x)}" y="${n(node.y)}" width="${n(node.width)}" height="${n(node.height)}" rx="${radius}"`;
  return (
    `<g data-node="${escapeXml(node.id)}">` +
    `${frame} fill="${look.fill}"/>` +
    (look.header ? headerStrip(node, look.header, m.header, radius) : '') +
    head(node, look, m) +
    ports(node, m) +
    `${frame} fill="none" stroke="${look.border}" stroke-width="${node.container || node.sharedIp ? 2 : 1}"${dash}/>` +
    '</g>'
  );
}

/**
 * React Flow's bezier between two sides, and the point halfway along it: @xyflow/system's
 * getBezierPath with its default curvature 0.25 (getControlWithCurvature, calculateControlOffset),
 * so a picture's cables bend as the canvas's do, turned round ones and shared-IP lines included.
 */
export function cableCurve(
  from: Point,
  to: Point,
  sides: { from: BoxSide; to: BoxSide } = { from: 'right', to: 'left' },
): { d: string; middle: Point } {
  const c1 = control(sides.from, from, to);
  const c2 = control(sides.to, to, from);
  return {
    d: `M${n(from.x)} ${n(from.y)}C${n(c1.x)} ${n(c1.y)} ${n(c2.x)} ${n(c2.y)} ${n(to.x)} ${n(to.y)}`,
    middle: {
      x: 0.125 * from.x + 0.375 * c1.x + 0.375 * c2.x + 0.125 * to.x,
      y: 0.125 * from.y + 0.375 * c1.y + 0.375 * c2.y + 0.125 * to.y,
    },
  };
}

/** The control point of the end at `at` on `side`, pulled out of the box towards `other`. */
function control(side: BoxSide, at: Point, other: Point): Point {
  const offset = (distance: number) => (distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance));
  switch (side) {
    case 'left':
      return { x: at.x - offset(at.x - other.x), y: at.y };
    case 'right':
      return { x: at.x + offset(other.x - at.x), y: at.y };
    case 'top':
      return { x: at.x, y: at.y - offset(at.y - other.y) };
    case 'bottom':
      return { x: at.x, y: at.y + offset(other.y - at.y) };
  }
}

const LABEL_SIZE = 11;

/** The picture of a drawing; `labels` says where each cable's name went. */
export function renderSvg(drawing: Drawing): RenderedSvg {
  const all = drawing.nodes.map((b) => [b.x, b.y, b.x + b.width, b.y + b.height]);
  const curves = drawing.edges.map((edge) => ({
    edge,
    ...cableCurve(edge.from, edge.to, { from: edge.fromSide ?? 'right', to: edge.toSide ?? 'left' }),
  }));
  const labels: DrawnLabel[] = curves
    .filter(({ edge }) => edge.label)
    .map(({ edge, middle }) => {
      const width = textWidth(edge.label, LABEL_SIZE) + 14;
      const height = LABEL_SIZE + 8;
      return { edge: edge.id, text: edge.label, x: middle.x - width / 2, y: middle.y - height / 2, width, height };
    });
  for (const { edge } of curves) all.push([edge.from.x, edge.from.y, edge.to.x, edge.to.y]);
  for (const l of labels) all.push([l.x, l.y, l.x + l.width, l.y + l.height]);
  const left = Math.min(0, ...all.map((b) => b[0]!)) - MARGIN;
  const top = Math.min(0, ...all.map((b) => b[1]!)) - MARGIN;
  const width = Math.ceil(Math.max(0, ...all.map((b) => b[2]!)) + MARGIN - left);
  const height = Math.ceil(Math.max(0, ...all.map((b) => b[3]!)) + MARGIN - top);
  const shift = (l: DrawnLabel): DrawnLabel => ({ ...l, x: l.x - left, y: l.y - top });

  const containers = drawing.nodes.filter((node) => node.container);
  const leaves = drawing.nodes.filter((node) => !node.container);
  // Frames first, then cables over them, then the boxes, and the labels last so no box hides one.
  const body = [
    ...containers.map((node) => box(node, drawing.metrics)),
    ...curves.map(({ edge, d }) => {
      const style = CABLE[edge.kind];
      const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
      return `<path d="${d}" fill="none" stroke="${style.stroke}" stroke-width="2"${dash} data-edge="${escapeXml(edge.id)}"/>`;
    }),
    ...leaves.map((node) => box(node, drawing.metrics)),
    ...labels.map((label) => {
      const style = CABLE[curves.find((c) => c.edge.id === label.edge)!.edge.kind];
      return (
        `<rect x="${n(label.x)}" y="${n(label.y)}" width="${n(label.width)}" height="${n(label.height)}" rx="9" fill="#ffffff" stroke="${style.edge}"/>` +
        text(label.x + label.width / 2, label.y + label.height / 2 + LABEL_SIZE * 0.35, label.text, {
          size: LABEL_SIZE,
          fill: style.ink,
          weight: 500,
          anchor: 'middle',
        })
      );
    }),
  ];
  const svg =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${n(left)} ${n(top)} ${width} ${height}" font-family="${MONO}">\n` +
    (drawing.title ? `<title>${escapeXml(drawing.title)}</title>\n` : '') +
    `<defs><linearGradient id="internet" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#e0f2fe"/><stop offset="1" stop-color="#e0e7ff"/></linearGradient></defs>\n` +
    `<rect x="${n(left)}" y="${n(top)}" width="${width}" height="${height}" fill="#ffffff"/>\n` +
    body.join('\n') +
    '\n</svg>\n';
  return { svg, width, height, labels: labels.map(shift) };
}
