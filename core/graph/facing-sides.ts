// Where a line between two boxes should leave and enter them, from where the boxes sit rather than
// from fixed handles: a line always leaving a box's right side and entering the other's left loops
// around the boxes when the other box sits below, above or to the left. The idea is React Flow's
// "simple floating edges" example (reactflow.dev/examples/edges/simple-floating-edges): pick the
// pair of facing sides and meet each box in the middle of that side.

export type BoxSide = 'left' | 'right' | 'top' | 'bottom';

/** A box on the canvas, in the canvas's coordinates (y grows downwards). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SideAnchor {
  side: BoxSide;
  x: number;
  y: number;
}

/**
 * The sides of `source` and `target` that face each other. Boxes further apart across than up and
 * down (by the gap between their edges, so a wide box beside a narrow one still counts as beside)
 * are joined side to side; otherwise top to bottom. Ties go side to side, as the drawing's cables do.
 */
export function facingSides(source: Box, target: Box): { source: BoxSide; target: BoxSide } {
  const gapAcross = Math.max(target.x - (source.x + source.width), source.x - (target.x + target.width));
  const gapDown = Math.max(target.y - (source.y + source.height), source.y - (target.y + target.height));
  if (gapAcross >= gapDown) {
    const targetRight = centre(target).x >= centre(source).x;
    return targetRight ? { source: 'right', target: 'left' } : { source: 'left', target: 'right' };
  }
  const targetBelow = centre(target).y >= centre(source).y;
  return targetBelow ? { source: 'bottom', target: 'top' } : { source: 'top', target: 'bottom' };
}

/** The middle of one side of a box. */
export function sideMiddle(box: Box, side: BoxSide): SideAnchor {
  const { x, y } = centre(box);
  switch (side) {
    case 'left':
      return { side, x: box.x, y };
    case 'right':
      return { side, x: box.x + box.width, y };
    case 'top':
      return { side, x, y: box.y };
    case 'bottom':
      return { side, x, y: box.y + box.height };
  }
}

/** Where a line from `source` to `target` leaves and enters them: the middles of their facing sides. */
export function facingAnchors(source: Box, target: Box): { source: SideAnchor; target: SideAnchor } {
  const sides = facingSides(source, target);
  return { source: sideMiddle(source, sides.source), target: sideMiddle(target, sides.target) };
}

function centre(box: Box): { x: number; y: number } {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A cable's end at a port row: the x of the side its handle sits on, the row's y, and its box's width. */
export interface RowEnd {
  x: number;
  y: number;
  width: number;
}

/**
 * Ends for a cable between port rows, which leaves its source's right side and enters its target's
 * left: when the target box lies wholly left of the source box that cable would loop round both, so
 * it leaves the source's left side and enters the target's right instead, on the same rows. Boxes that
 * overlap across keep the usual sides (a detour either way; the layout never places them so).
 */
export function rowEnds(
  source: RowEnd,
  target: RowEnd,
): { source: { x: number; y: number; side: BoxSide }; target: { x: number; y: number; side: BoxSide } } {
  const sourceLeft = source.x - source.width;
  const targetRight = target.x + target.width;
  if (targetRight <= sourceLeft)
    return {
      source: { x: sourceLeft, y: source.y, side: 'left' },
      target: { x: targetRight, y: target.y, side: 'right' },
    };
  return { source: { x: source.x, y: source.y, side: 'right' }, target: { x: target.x, y: target.y, side: 'left' } };
}
