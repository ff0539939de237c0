'use client';

import { renderSvg, type RenderedSvg } from '../../core/render/svg';
import type { LinkFlowEdge, TopologyFlowNode } from '../canvas/flow-types';
import { drawingOf } from './drawing-of';

// The drawing as a picture: the whole graph (not just what is on screen), drawn as SVG from data
// (core/render/svg.ts), and the PNG painted from that same SVG so the two always agree.

/** Twice the drawing's size, so text stays sharp on high-density screens and when zoomed. */
const PNG_SCALE = 2;
// Browsers refuse canvases much past 16k pixels a side or about 268 million pixels in all; a huge
// drawing gets a smaller scale rather than an empty file.
const MAX_SIDE = 16_384;
const MAX_PIXELS = 200_000_000;

export function drawingSvg(nodes: TopologyFlowNode[], edges: LinkFlowEdge[], title: string): RenderedSvg {
  return renderSvg(drawingOf(nodes, edges, title));
}

export async function svgToPng({ svg, width, height }: RenderedSvg, scale = PNG_SCALE): Promise<Blob> {
  const fitted = Math.min(scale, MAX_SIDE / Math.max(width, height), Math.sqrt(MAX_PIXELS / (width * height)));
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * fitted);
    canvas.height = Math.round(height * fitted);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw into a canvas.');
    // Drawn at the canvas's size, the vector picture is rasterised sharp rather than scaled up.
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser made no PNG.'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
