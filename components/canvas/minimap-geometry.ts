// Where things go on the minimap: the drawing and the part of it on screen, scaled to fit a small
// rectangle, and the way back from a point on the minimap to a point in the drawing.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MinimapFrame {
  /** Minimap pixels per drawing unit. */
  scale: number;
  /** Drawing coordinates shown at the minimap's top-left corner. */
  originX: number;
  originY: number;
}

/** The part of the drawing on screen, from React Flow's [x, y, zoom] transform and the pane size. */
export function visibleRect(transform: readonly [number, number, number], paneWidth: number, paneHeight: number): Rect {
  const [x, y, zoom] = transform;
  return { x: -x / zoom, y: -y / zoom, width: paneWidth / zoom, height: paneHeight / zoom };
}

export function unionOf(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const r of rects) {
    left = Math.min(left, r.x);
    top = Math.min(top, r.y);
    right = Math.max(right, r.x + r.width);
    bottom = Math.max(bottom, r.y + r.height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** Fits `content` into a width × height minimap with `padding` pixels around, centred. */
export function frameFor(content: Rect, width: number, height: number, padding = 6): MinimapFrame {
  const innerWidth = Math.max(1, width - 2 * padding);
  const innerHeight = Math.max(1, height - 2 * padding);
  const scale = Math.min(innerWidth / Math.max(content.width, 1), innerHeight / Math.max(content.height, 1));
  return {
    scale,
    originX: content.x - (width / scale - content.width) / 2,
    originY: content.y - (height / scale - content.height) / 2,
  };
}

export function toMinimap(frame: MinimapFrame, r: Rect): Rect {
  return {
    x: (r.x - frame.originX) * frame.scale,
    y: (r.y - frame.originY) * frame.scale,
    width: r.width * frame.scale,
    height: r.height * frame.scale,
  };
}

export function toDrawing(frame: MinimapFrame, point: { x: number; y: number }): { x: number; y: number } {
  return { x: point.x / frame.scale + frame.originX, y: point.y / frame.scale + frame.originY };
}
