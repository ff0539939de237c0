import { expect, test } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { blogNetwork } from '../core/demo/blog-network';
import { blogWithJail } from '../core/testing/blog-with-jail';
import type { Topology } from '../core/topology/schema';
import { startAgent, stopAgent } from './demo-agent';
import { saveDesign } from './page-actions';

// Every refusal explained, with its one-click fix; and confirm-or-revert visible from start to end:
// a countdown that only goes down, then "Reverted at …, not confirmed" with what was undone, and the
// reverted jail's cable gone from the host. Against the emulated demo host, through the browser.

test.describe.configure({ mode: 'serial' });

let agent: ChildProcess;
test.beforeAll(async () => {
  agent = await startAgent({ fresh: true });
});
test.afterAll(async () => {
  await stopAgent(agent);
});

/** The demo host's own design, but its uplink with jumbo frames and no description. */
function jumboUplink(): Topology {
  const design = blogNetwork();
  const ixl0 = design.stacks[0]!.interfaces.find((i) => i.name === 'ixl0')!;
  ixl0.mtu = 9000;
  delete ixl0.description;
  return { ...design, name: 'Blog network, jumbo uplink' };
}

test("a refusal names the difference and the steps it holds back; taking the host's value lets the plan apply", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/hosts');
  const designId = await saveDesign(page, jumboUplink());
  await page.goto('/hosts/local');
  await page.getByTestId('design-select').selectOption(designId);
  // Compare shows what the refusal will be about: the MTU and the description.
  const ixl0 = page.getByTestId('differences').locator('li').filter({ hasText: 'host/ixl0' });
  await expect(ixl0).toContainText('MTU: 1500 on the host, 9000 in the design', { timeout: 15_000 });
  await expect(ixl0).toContainText("description: 'uplink' on the host, none in the design");

  await page.getByTestId('plan-button').click();
  const refusal = page.getByTestId('plan-refusal');
  await expect(refusal).toHaveCount(1, { timeout: 30_000 });
  await expect(refusal).toContainText("the design's ixl0 has MTU 9000; the host's has 1500");
  await expect(refusal).toContainText("the design's ixl0 has no description; the host's says 'uplink'");
  await expect(refusal).toContainText('can cut the host off its network');
  await expect(refusal.getByTestId('held-back')).toContainText('Set host/ixl0: mtu 9000 -description');
  await expect(page.getByTestId('apply-button')).toBeDisabled();
  await expect(page.getByTestId('plan-blocked')).toBeVisible();
  await expect(page.getByTestId('plan-empty')).toHaveCount(0);
  await page.screenshot({ path: 'e2e/artifacts/revert-refusal.png' });

  await refusal.getByTestId('take-host-value').click();
  // Saving and planning again each ask the server (and the agent): a loaded machine takes its time.
  await expect(page.getByTestId('apply-message')).toContainText("Saved version 2 of the design with the host's value", {
    timeout: 30_000,
  });
  await expect(page.getByTestId('plan-refusal')).toHaveCount(0);
  // The description alone still changes: it cannot cut the host off, and the plan says so.
  await expect(page.getByTestId('plan-step')).toHaveText(['1.Set host/ixl0: -description']);
  await expect(page.getByTestId('plan')).toContainText('only its description changes');
  await expect(page.getByTestId('design-select').locator('option:checked')).toHaveText(/\(v2\)/);
  await page.screenshot({ path: 'e2e/artifacts/revert-fixed.png' });

  await page.getByTestId('apply-button').click();
  await expect(page.getByTestId('confirm-box')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('apply-message')).toContainText('Confirmed', { timeout: 15_000 });
  await expect(page.getByTestId('no-differences')).toBeVisible({ timeout: 15_000 });
});

test('an apply left unconfirmed counts down, reverts by itself, says so with what it undid, and its cable goes', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/hosts');
  const designId = await saveDesign(page, blogWithJail('lab2'));
  await page.goto('/hosts/local');
  await expect(page.getByTestId('stream-status')).toHaveText('live');
  await page.getByTestId('design-select').selectOption(designId);
  await page.getByTestId('plan-button').click();
  await expect(page.getByTestId('plan')).toContainText('lab2', { timeout: 30_000 });
  await page.getByTestId('confirm-window').selectOption('30');
  await page.getByTestId('apply-button').click();
  await expect(page.getByTestId('confirm-box')).toBeVisible({ timeout: 30_000 });

  // The new jail's cable is on the host, with live counters.
  const cable = page.locator('[data-meter^="lab2/"]');
  await expect(cable).toHaveCount(1, { timeout: 15_000 });

  // The countdown, read in the page four times a second for three seconds (with the page's clock, so
  // a slow machine cannot blur it): it starts at most at the window, never goes up, and goes down by
  // no more than one per second that passed: no 69 → 59.
  const countdown = page.getByTestId('countdown');
  await expect(countdown).toHaveText(/^\d+$/);
  const seen = await countdown.evaluate(
    (element) =>
      new Promise<{ at: number; seconds: number }[]>((resolve) => {
        const samples: { at: number; seconds: number }[] = [];
        const read = () => samples.push({ at: performance.now(), seconds: Number(element.textContent) });
        read();
        const timer = setInterval(read, 250);
        setTimeout(() => {
          clearInterval(timer);
          resolve(samples);
        }, 3_000);
      }),
  );
  const shown = seen.map((s) => s.seconds).join(' ');
  expect(seen[0]!.seconds).toBeLessThanOrEqual(30);
  for (let i = 1; i < seen.length; i++) {
    const elapsed = seen[i]!.at - seen[i - 1]!.at;
    expect(seen[i]!.seconds, `countdown ${shown}`).toBeLessThanOrEqual(seen[i - 1]!.seconds);
    expect(seen[i - 1]!.seconds - seen[i]!.seconds, `countdown ${shown}`).toBeLessThanOrEqual(
      Math.floor(elapsed / 1000) + 1,
    );
  }
  expect(seen.at(-1)!.seconds, `countdown ${shown}`).toBeLessThan(seen[0]!.seconds);
  await page.screenshot({ path: 'e2e/artifacts/revert-countdown.png' });

  const notice = page.getByTestId('revert-notice');
  await expect(notice).toBeVisible({ timeout: 60_000 });
  await expect(notice).toContainText(/^Reverted at \d\d:\d\d:\d\d, not confirmed/);
  await expect(notice.getByTestId('revert-undone')).toContainText('Create vnet jail lab2');
  await expect(page.getByTestId('confirm-box')).toHaveCount(0);
  // The steps no longer show as done.
  await expect(page.getByTestId('apply-step-done')).toHaveCount(0);
  await expect(page.getByTestId('apply-step-undone').first()).toBeVisible();
  await expect(page.getByTestId('apply-count')).toContainText('steps undone; 0 still in force');

  // The host, read again: no jail lab2 and no cable measured in it; the design draws it as a ghost again.
  await expect(page.locator('.react-flow__node[data-id="jail:lab2"]')).toHaveCount(0);
  await expect(cable).toHaveCount(0);
  await expect(page.locator('.react-flow__node[data-id^="design:"]').filter({ hasText: 'lab2' })).toBeVisible();
  await expect(page.getByTestId('differences')).toContainText('jail lab2');
  await page.screenshot({ path: 'e2e/artifacts/revert-notice.png' });
});
