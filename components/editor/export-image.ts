'use client';

import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';

// The drawing as a picture: the whole graph framed (not just what is on screen), the way React
// Flow's own image-download example does it, without the minimap and controls.

const WIDTH = 1600;
const HEIGHT = 1000;

export async function drawingAs(kind: 'png' | 'svg', nodes: Node[]): Promise<string> {
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewport) throw new Error('There is no drawing on the page to export.');
  const bounds = getNodesBounds(nodes);
  const { x, y, zoom } = getViewportForBounds(bounds, WIDTH, HEIGHT, 0.2, 2, 0.05);
  const options = {
    backgroundColor: '#ffffff',
    width: WIDTH,
    height: HEIGHT,
    style: { width: `${WIDTH}px`, height: `${HEIGHT}px`, transform: `translate(${x}px, ${y}px) scale(${zoom})` },
  };
  return kind === 'png' ? toPng(viewport, options) : toSvg(viewport, options);
}

export function saveDataUrl(filename: string, dataUrl: string) {
  const link = document.createElement('a');
  link.href = dataUrl;
  link.download = filename;
  link.click();
}
