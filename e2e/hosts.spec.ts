import { expect, test, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { blogWithJail } from '../core/testing/blog-with-jail';
import { agentToken, startAgent, stopAgent } from './demo-agent';
import { saveDesign } from './page-actions';

// The dashboard against a live (emulated) agent: plan, apply and confirm a design; watch counters
// move; see a failing apply revert; lose the agent and get it back. All of it through the
// browser, and the agent's token never reaches the browser.

test.describe.configure({ mode: 'serial' });

let agent: ChildProcess;
test.beforeAll(async () => {
  agent = await startAgent({ fresh: true });
});
test.afterAll(async () => {
  await stopAgent(agent);
});

/** Everything the browser sent and received that can be read, to look for the token in. */
function recordTraffic(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) =>
    seen.push(request.url(), JSON.stringify(request.headers()), request.postData() ?? ''),
  );
  page.on('response', async (response) => {
    seen.push(JSON.stringify(await response.allHeaders()));
    if ((response.headers()['content-type'] ?? '').includes('text/event-stream')) return;
    seen.push(await response.text().catch(() => ''));
  });
  return seen;
}

test('plan, apply and confirm a design on the demo host; the new jail appears and its counters move', async ({
  page,
}) => {
  const seen = recordTraffic(page);
  await page.goto('/hosts');
  const local = page.getByTestId('host-local');
  await expect(local.getByTestId('host-status')).toHaveText('online');
  await expect(local).toContainText('gateway.example.org');
  await expect(local).toContainText('emulated');

  const designId = await saveDesign(page, blogWithJail('lab1'));
  await local.getByRole('link', { name: 'Open' }).click();
  await expect(page.getByTestId('stream-status')).toHaveText('live');
  // The layout runs in the page; on a machine under load it takes more than the default 5 s.
  await expect(page.locator('.react-flow__node[data-id="jail:snort-jail"]')).toBeVisible({ timeout: 30_000 });

  await page.getByTestId('design-select').selectOption(designId);
  await expect(page.getByTestId('differences')).toContainText('jail lab1');
  await expect(page.getByTestId('differences')).toContainText('only in the design');
  // Before it exists, the new jail is drawn where it will go, as a ghost marked "new" (only in design).
  const ghost = page.locator('.react-flow__node[data-id^="design:"]').filter({ hasText: 'lab1' });
  await expect(ghost.getByTestId('node-mark')).toHaveAttribute('data-mark', 'only in design');

  await page.getByTestId('plan-button').click();
  await expect(page.getByTestId('plan')).toBeVisible();
  await expect(page.getByTestId('plan-step').first()).toBeVisible();
  await expect(page.getByTestId('plan')).toContainText('lab1');
  // Before anything runs, the plan says what it does to reachability, and breaks no intent.
  await expect(page.getByTestId('plan-audit-summary')).toContainText(/pair\(s\) change/);
  await expect(page.getByTestId('plan-audit-changes')).toContainText('lab1 now reaches');
  await expect(page.getByTestId('plan-broken-intents')).toHaveCount(0);
  await page.getByTestId('show-commands').check();
  await expect(page.getByTestId('plan').locator('code').first()).toContainText(/ifconfig|jail/);
  await page.screenshot({ path: 'e2e/artifacts/host-plan.png' });

  await page.getByTestId('apply-button').click();
  await expect(page.getByTestId('confirm-box')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('apply-step-done').first()).toBeVisible();
  const secondsLeft = Number(await page.getByTestId('countdown').textContent());
  expect(secondsLeft).toBeGreaterThan(0);
  await page.screenshot({ path: 'e2e/artifacts/host-confirm.png' });
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('apply-message')).toContainText('Confirmed');
  await expect(page.getByTestId('confirm-box')).toHaveCount(0);

  // The host view, read again from the agent, shows the new jail and its cable.
  const lab = page.locator('.react-flow__node[data-id="jail:lab1"]');
  await expect(lab).toBeVisible();
  const cable = page.locator('[data-meter^="lab1/"]');
  await expect(cable).toHaveCount(1);
  const label = page.getByTestId(
    `traffic-label-${await cable.getAttribute('data-testid').then((id) => id!.replace('traffic-', ''))}`,
  );
  // Counters move on the new epair: its jail talks to the uplink in the emulator.
  await expect(label).toHaveText(/↑ [1-9][0-9.]* [kM]b\/s/, { timeout: 15_000 });
  await expect(page.getByTestId('no-differences')).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/host-view.png' });

  // Select the cable (by its label) for a chart on the agent's clock.
  await label.click();
  await expect(page.getByTestId('selected-interface')).toHaveText(/^lab1\//);
  await expect(page.getByTestId('rate-chart').locator('canvas').first()).toBeVisible();

  // The journal lists the apply as confirmed, by the dashboard.
  await page.goto('/hosts/local/journal');
  await expect(page.getByTestId('journal-row').first()).toContainText('confirmed');

  const token = agentToken();
  expect(token.length).toBeGreaterThan(15);
  expect(seen.join('\n')).not.toContain(token);
});

test('make a design last: preview every file as a diff, see the conflict with the admin rc.conf, write with backups', async ({
  page,
}) => {
  await page.goto('/hosts');
  const designId = await saveDesign(page, blogWithJail('keep1'));
  await page.getByTestId('host-local').getByRole('link', { name: 'Open' }).click();
  await page.getByTestId('design-select').selectOption(designId);
  await page.getByTestId('persist-preview').click();
  const rc = page.locator('[data-testid="persist-change"][data-path="/etc/rc.conf"]');
  await expect(rc).toHaveAttribute('data-action', 'update');
  // The admin's rc.conf already sets the uplink and the default router: Patchbay says so, and waits.
  await expect(rc.getByTestId('persist-conflicts')).toContainText('defaultrouter');
  await expect(rc).toContainText('# BEGIN patchbay');
  await expect(page.locator('[data-testid="persist-change"][data-path="/etc/jail.conf.d/keep1.conf"]')).toHaveAttribute(
    'data-action',
    'create',
  );
  await expect(page.getByTestId('persist-manual')).toContainText('anchor "patchbay/*"');
  await expect(page.getByTestId('persist-write')).toBeDisabled();
  await page.screenshot({ path: 'e2e/artifacts/host-persist.png' });
  await page.getByTestId('persist-allow-conflicts').check();
  await page.getByTestId('persist-write').click();
  const written = page.getByTestId('persist-written');
  await expect(written).toContainText('/etc/jail.conf.d/keep1.conf');
  await expect(written).toContainText(/\/etc\/rc\.conf \(the old one is kept as \/etc\/rc\.conf\.patchbay-.*\.bak\)/);
  // Read back: every file is now what the design says.
  await page.getByTestId('persist-preview').click();
  await expect(page.locator('[data-testid="persist-change"]').first()).toBeVisible();
  const actions = await page
    .locator('[data-testid="persist-change"]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-action')));
  expect(new Set(actions)).toEqual(new Set(['unchanged']));
  await expect(page.getByTestId('persist-write')).toHaveText('Nothing to write');
});

test('a failing apply shows the failing step, FreeBSD’s message and what was reverted', async ({ page }) => {
  const seen = recordTraffic(page);
  await page.goto('/hosts');
  const designId = await saveDesign(page, blogWithJail('broken'));
  await page.goto('/hosts/local');
  await page.getByTestId('design-select').selectOption(designId);
  await page.getByTestId('plan-button').click();
  await expect(page.getByTestId('plan')).toContainText('broken');
  await page.getByTestId('apply-button').click();
  const failure = page.getByTestId('apply-failure');
  await expect(failure).toBeVisible({ timeout: 30_000 });
  await expect(failure).toContainText('emulator: injected fault');
  await expect(failure).toContainText(/failed: .*broken/);
  await expect(page.getByTestId('apply-reverted').locator('li').first()).toContainText('↩');
  // Nothing of it stayed on the host: the host, read again, still has lab1 (the plan removed it
  // first, the revert put it back) and no jail "broken".
  await expect(page.locator('.react-flow__node[data-id="jail:lab1"]')).toBeVisible();
  await expect(page.locator('.react-flow__node[data-id="jail:broken"]')).toHaveCount(0);
  await expect(page.getByTestId('differences')).toContainText('jail broken');
  await page.screenshot({ path: 'e2e/artifacts/host-failed.png' });
  await page.goto('/hosts/local/journal');
  await expect(page.getByTestId('journal-row').first()).toContainText('failed');
  await expect(page.getByTestId('journal-row').nth(1)).toContainText('confirmed');
  await page.getByTestId('journal-row').first().click();
  await page.screenshot({ path: 'e2e/artifacts/host-journal.png' });
  expect(seen.join('\n')).not.toContain(agentToken());
});

test('when the agent stops the host shows offline; when it is back the view and the stream resume', async ({
  page,
}) => {
  await page.goto('/hosts/local');
  await expect(page.getByTestId('stream-status')).toHaveText('live');
  const sampling = page.getByTestId('sampling');
  await expect(sampling).toContainText('last sample');
  // A cable's chart, whose line must break where the stream was away, not cross the hole.
  await expect(page.locator('.react-flow__node[data-id="jail:www-jail"]')).toBeVisible({ timeout: 30_000 });
  await page
    .getByTestId(/^traffic-label-/)
    .first()
    .click();
  const chart = page.getByTestId('rate-chart');
  await expect(chart.locator('canvas').first()).toBeVisible();
  // On a loaded machine a sample can come late enough (1.5 intervals) to break the line already; the
  // hole the stop leaves must come on top of what is there now.
  await expect(chart).toHaveAttribute('data-gaps', /^[0-9]+$/);
  const gapsBefore = Number(await chart.getAttribute('data-gaps'));

  await stopAgent(agent);
  await expect(page.getByTestId('stream-status')).toHaveText('offline', { timeout: 15_000 });
  await expect(page.getByTestId('stream-message')).toContainText('did not answer');
  const frozen = await sampling.textContent();
  await page.screenshot({ path: 'e2e/artifacts/host-offline.png' });
  const hosts = await page.context().newPage();
  await hosts.goto('/hosts');
  await expect(hosts.getByTestId('host-local').getByTestId('host-status')).toHaveText('offline');
  await expect(hosts.getByTestId('host-local')).toContainText('did not answer');

  agent = await startAgent({ fresh: false });
  await expect(page.getByTestId('stream-status')).toHaveText('live', { timeout: 15_000 });
  await expect(sampling).not.toHaveText(frozen!, { timeout: 15_000 });
  await expect(page.locator('.react-flow__node[data-id="jail:www-jail"]')).toBeVisible();
  await expect
    .poll(async () => Number(await chart.getAttribute('data-gaps')), { timeout: 15_000 })
    .toBeGreaterThan(gapsBefore);
  await chart.screenshot({ path: 'e2e/artifacts/host-chart-gap.png' });
  await hosts.reload();
  await expect(hosts.getByTestId('host-local').getByTestId('host-status')).toHaveText('online');
});
