// Where a cable dragged from a dot lands when it is let go away from any dot: on the box under the
// pointer. Boxes nest (a bridge inside the host), so the innermost one wins, which is the smallest;
// the host's own box is never a cable's end (its NICs and bridges are), nor is the box it came from.

export interface PlacedBox {
  id: string;
  kind: string;
  /** Where the box is on the canvas, in flow coordinates (absolute, not relative to a container). */
  x: number;
  y: number;
  width: number;
  height: number;
}

export function boxUnder(
  point: { x: number; y: number },
  boxes: readonly PlacedBox[],
  fromId: string,
): string | undefined {
  let best: PlacedBox | undefined;
  for (const box of boxes) {
    if (box.id === fromId || box.kind === 'host') continue;
    const inside =
      point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height;
    if (inside && (!best || box.width * box.height < best.width * best.height)) best = box;
  }
  return best?.id;
}

/**
 * The cable to draw for a drop on `target`: from the dot it was dragged from to the box, turned
 * around when the drag began on a box's left (incoming) dot, as React Flow does when a dot takes it.
 */
export function droppedCable(
  fromId: string,
  fromHandleType: 'source' | 'target',
  target: string,
): { source: string; target: string } {
  return fromHandleType === 'target' ? { source: target, target: fromId } : { source: fromId, target };
}
