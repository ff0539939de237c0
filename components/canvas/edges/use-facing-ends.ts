import { Position, useInternalNode, type InternalNode } from '@xyflow/react';
import { facingAnchors, type Box, type BoxSide } from '../../../core/graph/facing-sides';

const POSITION: Record<BoxSide, Position> = {
  left: Position.Left,
  right: Position.Right,
  top: Position.Top,
  bottom: Position.Bottom,
};

export interface EdgeEnds {
  sourceX: number;
  sourceY: number;
  sourcePosition: Position;
  targetX: number;
  targetY: number;
  targetPosition: Position;
}

function boxOf(node: InternalNode | undefined): Box | undefined {
  const { width, height } = node?.measured ?? {};
  if (!node || !width || !height) return undefined;
  return { ...node.internals.positionAbsolute, width, height };
}

/**
 * A line's ends on the facing sides of its two boxes (core/graph/facing-sides.ts) instead of at its
 * fixed handles, or `fallback` (the handles' ends) until both boxes are measured. Each call subscribes
 * to its two boxes in the flow store, so only the few lines that need it use this, never every cable.
 */
export function useFacingEnds(source: string, target: string, fallback: EdgeEnds): EdgeEnds {
  const [from, to] = [boxOf(useInternalNode(source)), boxOf(useInternalNode(target))];
  if (!from || !to) return fallback;
  return edgeEnds(facingAnchors(from, to));
}

/** Core's two anchors (a point and the side it is on) as the ends React Flow draws an edge between. */
export function edgeEnds(ends: ReturnType<typeof facingAnchors>): EdgeEnds {
  return {
    sourceX: ends.source.x,
    sourceY: ends.source.y,
    sourcePosition: POSITION[ends.source.side],
    targetX: ends.target.x,
    targetY: ends.target.y,
    targetPosition: POSITION[ends.target.side],
  };
}
