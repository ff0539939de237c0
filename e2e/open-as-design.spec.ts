import { expect, test, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { startAgent, stopAgent } from './demo-agent';
import { wire } from './page-actions';

// Starting from the network one has: the demo host (and the home page's demo) opened as a design,
// planned against the host with nothing to do; then changed, applied, confirmed, and planned again
// with nothing to do.

// Layout, apply and confirm together take long on a busy machine.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let agent: ChildProcess;
test.beforeAll(async () => {
  agent = await startAgent({ fresh: true });
});
test.afterAll(async () => {
  await stopAgent(agent);
});

/** From the host page: "Open as design", then the editor; gives the design's id. */
async function openLocalAsDesign(page: Page): Promise<string> {
  await page.goto('/hosts/local');
  // Laid out by ELK in a worker: slow on a busy machine.
  await expect(page.locator('.react-flow__node[data-id="jail:snort-jail"]')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('open-as-design').click();
  await page.waitForURL(/\/designs\/[0-9a-f-]+$/);
  return page.url().split('/').pop()!;
}

/** On the host page, with `designId` chosen: Plan, and wait for the answer. */
async function planOnLocal(page: Page, designId: string) {
  await page.goto('/hosts/local');
  await expect(page.getByTestId('stream-status')).toHaveText('live');
  await page.getByTestId('design-select').selectOption(designId);
  await page.getByTestId('plan-button').click();
  await expect(page.getByTestId('plan')).toBeVisible();
}

test('a host opened as a design shows its jails, and planning it against the host has nothing to do', async ({
  page,
}) => {
  const designId = await openLocalAsDesign(page);
  for (const jail of ['snort-jail', 'www-jail', 'tor-relay'])
    await expect(page.locator(`.react-flow__node[data-id="jail:${jail}"]`)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('validation-clean')).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/open-as-design-editor.png' });

  await planOnLocal(page, designId);
  await expect(page.getByTestId('no-differences')).toBeVisible();
  await expect(page.getByTestId('plan-empty')).toHaveText('Nothing to do: the host already matches the design.');
  await page.screenshot({ path: 'e2e/artifacts/open-as-design-plan.png' });
});

test('open the demo host as a design, add a jail on a bridge, apply and confirm: planning again has nothing to do', async ({
  page,
}) => {
  const designId = await openLocalAsDesign(page);
  await expect(page.locator('.react-flow__node[data-id="host:bridge0"]')).toBeVisible({ timeout: 30_000 });
  // A new jail wired to bridge0 with the mouse: a cable, an address and a gateway suggested.
  await page.getByTestId('palette-jail').click();
  const jail = page.locator('.react-flow__node').filter({ hasText: /^jail/ }).last();
  const jailId = (await jail.getAttribute('data-id'))!;
  await wire(page, 'host:bridge0', jailId);
  await expect(page.locator(`[data-port^="${jailId}:"]`).first()).toContainText('10.0.0.4/24');
  await expect(page.getByTestId('validation-clean')).toBeVisible();
  await page.getByTestId('save').click();
  await expect(page.getByTestId('toolbar-status')).toContainText('Saved as version 2');

  await planOnLocal(page, designId);
  await expect(page.getByTestId('plan-step').first()).toBeVisible();
  await expect(page.getByTestId('plan')).not.toContainText('Flush pf anchor');
  await page.getByTestId('apply-button').click();
  await expect(page.getByTestId('confirm-box')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('apply-message')).toContainText('Confirmed');
  await expect(page.getByTestId('no-differences')).toBeVisible();

  await page.getByTestId('plan-button').click();
  await expect(page.getByTestId('plan-empty')).toHaveText('Nothing to do: the host already matches the design.');
  await page.screenshot({ path: 'e2e/artifacts/open-as-design-replan.png' });
});

test('the home page demo opens as a design of its own', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('open-demo-as-design')).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/home-open-as-design.png' });
  await page.getByTestId('open-demo-as-design').click();
  await page.waitForURL(/\/designs\/[0-9a-f-]+$/);
  for (const jail of ['snort', 'www', 'tor'])
    await expect(page.locator(`.react-flow__node[data-id="${jail}"]`)).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: 'e2e/artifacts/open-demo-as-design.png' });
  await page.goto('/designs');
  await expect(page.getByText('Blog network').first()).toBeVisible();
});
