import { expect, test, type Download, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { blogNetwork } from '../core/demo/blog-network';
import { toGraph } from '../core/graph/to-graph';
import { inkAndPaper, readPng, type Picture } from '../agent/testing/png';
import { rsvgToPng } from '../agent/testing/rsvg';
import { serializeTopology } from '../core/topology/document';

// Exporting the demo design as a user would: open it in the editor, press SVG and PNG, and judge the
// files with tools that are not ours (rsvg-convert draws the SVG) and by the PNG's own pixels.

const graph = toGraph(blogNetwork());
const ARTIFACTS = 'e2e/artifacts';

async function saved(page: Page, testId: string, path: string): Promise<{ file: Buffer; download: Download }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  await download.saveAs(path);
  return { file: readFileSync(path), download };
}

interface LabelBox {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The cable labels' pills as the SVG places them, in the picture's pixels at `scale`. */
function labelBoxes(svg: string, scale: number): LabelBox[] {
  const [left, top] = /viewBox="(\S+) (\S+) /.exec(svg)!.slice(1).map(Number) as [number, number];
  const pill = /<rect x="(\S+)" y="(\S+)" width="(\S+)" height="(\S+)" rx="9"[^>]*\/><text[^>]*>([^<]*)<\/text>/g;
  return [...svg.matchAll(pill)].map((m) => ({
    text: m[5]!,
    x: (Number(m[1]) - left) * scale,
    y: (Number(m[2]) - top) * scale,
    width: Number(m[3]) * scale,
    height: Number(m[4]) * scale,
  }));
}

/** Each label's pill is mostly white with dark letters on it: readable, not a solid block. */
function expectReadable(picture: Picture, labels: LabelBox[]) {
  for (const label of labels) {
    const { paper, ink, total } = inkAndPaper(picture, label);
    expect(paper / total, `${label.text}: background`).toBeGreaterThan(0.5);
    expect(ink / total, `${label.text}: letters`).toBeGreaterThan(0.03);
    expect(ink / total, `${label.text}: letters`).toBeLessThan(0.4);
  }
}

test('export the demo design as an SVG that SVG tools draw and a PNG with readable cable labels', async ({
  page,
}, testInfo) => {
  const designFile = testInfo.outputPath('blog-network.json');
  writeFileSync(designFile, serializeTopology(blogNetwork()));
  await page.goto('/designs');
  await page.getByTestId('import-design-file').setInputFiles(designFile);
  await page.waitForURL(/\/designs\/[0-9a-f-]+$/);
  // The layout runs in a worker; on a busy machine it can take longer than an assertion's usual wait.
  await expect(page.locator('.react-flow__node')).toHaveCount(graph.nodes.length, { timeout: 30_000 });
  await page.screenshot({ path: `${ARTIFACTS}/export-editor.png` });

  const { file: svgFile, download: svgDownload } = await saved(page, 'export-svg', `${ARTIFACTS}/export.svg`);
  expect(svgDownload.suggestedFilename()).toBe('Blog-network.svg');
  const svg = svgFile.toString('utf8');
  expect(svg).not.toMatch(/foreignObject|xhtml/);
  for (const node of graph.nodes) expect(svg, node.id).toContain(`>${node.title}</text>`);
  const labels = labelBoxes(svg, 1);
  expect(labels.map((l) => l.text).sort()).toEqual(graph.edges.map((e) => e.label).sort());
  expect(svgFile.length).toBeLessThan(40_000);

  // rsvg-convert draws it (it refuses anything that is not well-formed SVG), labels readable.
  const drawn = rsvgToPng(svg, 2);
  writeFileSync(`${ARTIFACTS}/export-rsvg.png`, drawn);
  const [width, height] = [/ width="(\d+)"/, / height="(\d+)"/].map((re) => Number(re.exec(svg)![1]));
  const rsvgPicture = readPng(drawn);
  expect([rsvgPicture.width, rsvgPicture.height]).toEqual([width! * 2, height! * 2]);
  expectReadable(rsvgPicture, labelBoxes(svg, 2));

  const { file: pngFile, download: pngDownload } = await saved(page, 'export-png', `${ARTIFACTS}/export.png`);
  expect(pngDownload.suggestedFilename()).toBe('Blog-network.png');
  const png = readPng(pngFile);
  // The same picture as the SVG, at twice its size.
  expect([png.width, png.height]).toEqual([width! * 2, height! * 2]);
  expectReadable(png, labelBoxes(svg, 2));
  await expect(page.getByTestId('toolbar-status')).not.toContainText('Not exported');
});
