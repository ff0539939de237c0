import { expect, type Page } from '@playwright/test';
import type { Topology } from '../core/topology/schema';

// What the specs do to a page again and again, written once: pick a box, type into a field, draw a
// cable with the mouse, and store a design through the dashboard's own API.

/** Selects a box by pressing its header, and waits for its inspector. */
export async function select(page: Page, id: string) {
  await page.locator(`.react-flow__node[data-id="${id}"]`).click({ position: { x: 30, y: 14 } });
  await expect(page.getByTestId('inspector')).toBeVisible();
}

/** Types into an inspector field and commits it as a user would (Tab for the address list, else Enter). */
export async function setField(page: Page, testId: string, value: string) {
  const field = page.getByTestId(testId);
  await field.fill(value);
  await field.press(testId === 'field-addresses' ? 'Tab' : 'Enter');
}

/** Drags a cable from the right-hand dot of one box to the left-hand dot of another. */
export async function wire(page: Page, from: string, to: string) {
  const source = page.locator(`.react-flow__node[data-id="${from}"] .react-flow__handle.source`).last();
  const target = page.locator(`.react-flow__node[data-id="${to}"] .react-flow__handle.target`).last();
  const a = (await source.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** Stores a design through designs.create, as the browser would, and gives its id. */
export async function saveDesign(page: Page, topology: Topology): Promise<string> {
  return page.evaluate(async (topology) => {
    const response = await fetch('/api/trpc/designs.create', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-patchbay-csrf': '1' },
      body: JSON.stringify({ name: topology.name, topology }),
    });
    if (!response.ok) throw new Error(`designs.create answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { result: { data: { id: string } } }).result.data.id;
  }, topology);
}

/** A new empty design in the editor, its host box drawn. */
export async function newDesign(page: Page) {
  await page.goto('/designs');
  await page.getByTestId('new-design').click();
  await page.waitForURL(/\/designs\/[0-9a-f-]+$/);
  await expect(page.locator('.react-flow__node[data-id="host"]')).toBeVisible({ timeout: 30_000 });
}
