import { expect, test } from '@playwright/test';
import { blogNetwork } from '../core/demo/blog-network';
import { toGraph } from '../core/graph/to-graph';

const graph = toGraph(blogNetwork());

test.describe('the demo design on /', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/');
    // The first drawing waits for the page to hydrate and ELK's worker to start: seconds on a busy machine
    // (how fast it is, is bench/first-layout.mjs's to say).
    await expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
  });

  test('shows every node and edge of the blog network, labelled', async ({ page }) => {
    for (const node of graph.nodes) {
      const box = page.locator(`.react-flow__node[data-id="${node.id}"]`);
      await expect(box, `node ${node.id}`).toBeVisible();
      await expect(box.getByText(node.title, { exact: true }).first()).toBeVisible();
    }
    for (const edge of graph.edges) {
      await expect(page.locator(`[data-testid="rf__edge-${edge.id}"]`), `edge ${edge.id}`).toHaveCount(1);
      await expect(page.getByTestId(`edge-label-${edge.id}`)).toHaveText(edge.label);
    }
    await expect(page.locator('.react-flow__node')).toHaveCount(graph.nodes.length);
    await expect(page.locator('.react-flow__edge')).toHaveCount(graph.edges.length);
    // Interface names and addresses sit on the ports the cables plug into.
    const snortPort = page.locator('[data-port="snort:e0b_snort_jail"]');
    await expect(snortPort).toContainText('e0b_snort_jail');
    await expect(snortPort).toContainText('10.0.0.2/24');
    await expect(page.locator('[data-port="host:e0a_snort_jail"]')).toContainText('e0a_snort_jail');
    await expect(page.getByTestId('validation-clean')).toBeVisible();
  });

  test('lays the network out so that no two boxes overlap', async ({ page }) => {
    const boxes = await page.locator('.react-flow__node').evaluateAll((elements) =>
      elements.map((el) => {
        const r = el.getBoundingClientRect();
        return { id: el.getAttribute('data-id')!, x: r.x, y: r.y, w: r.width, h: r.height };
      }),
    );
    const parentOf = new Map(graph.nodes.map((n) => [n.id, n.parentId]));
    const overlaps: string[] = [];
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => {
        if (parentOf.get(a.id) !== parentOf.get(b.id)) return;
        const hit = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        if (hit) overlaps.push(`${a.id} × ${b.id}`);
      }),
    );
    expect(boxes.length).toBe(graph.nodes.length);
    expect(overlaps).toEqual([]);
  });

  test('the minimap moves the view where it is pressed and zooms with the wheel', async ({ page }) => {
    const viewport = page.locator('.react-flow__viewport');
    const minimap = page.getByTestId('minimap');
    await expect(minimap).toBeVisible();
    const before = await viewport.getAttribute('style');
    const box = (await minimap.boundingBox())!;
    await page.mouse.click(box.x + 8, box.y + 8);
    await expect.poll(() => viewport.getAttribute('style')).not.toBe(before);
    const moved = await viewport.getAttribute('style');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -300);
    await expect.poll(() => viewport.getAttribute('style')).not.toBe(moved);
    const zoomOf = (style: string | null) => Number(/scale\(([\d.]+)\)/.exec(style ?? '')?.[1]);
    expect(zoomOf(await viewport.getAttribute('style'))).toBeGreaterThan(zoomOf(moved));
  });

  test('serves the same design over tRPC', async ({ request }) => {
    const response = await request.get('/api/trpc/validation.demo');
    expect(response.ok()).toBe(true);
    const body = await response.json();
    expect(body.result.data.topology.name).toBe('Blog network');
    expect(body.result.data.problems).toEqual([]);
  });

  test('keeps a screenshot of the drawing: every box, cable and cable label inside the view', async ({
    page,
  }, testInfo) => {
    await page.waitForTimeout(300); // let fitView settle after the layout lands
    // What the picture must show, counted, so a blank or half-drawn canvas fails instead of being kept.
    await expect(page.locator('.react-flow__node')).toHaveCount(graph.nodes.length);
    await expect(page.locator('.react-flow__edge')).toHaveCount(graph.edges.length);
    await expect(page.locator('[data-testid^="edge-label-"]')).toHaveCount(graph.edges.length);
    const outside = await page.locator('.react-flow__node').evaluateAll((elements) => {
      const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
      return elements
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return (
            r.width === 0 ||
            r.height === 0 ||
            r.left < pane.left ||
            r.top < pane.top ||
            r.right > pane.right ||
            r.bottom > pane.bottom
          );
        })
        .map((el) => el.getAttribute('data-id'));
    });
    expect(outside, 'boxes cut off by the canvas or drawn empty').toEqual([]);
    const path = testInfo.outputPath('demo-design.png');
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach('demo-design', { path, contentType: 'image/png' });
    await page.screenshot({ path: 'e2e/artifacts/demo-design.png', fullPage: true });
  });
});
