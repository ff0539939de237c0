import { expect, test, type Page } from '@playwright/test';
import { copyFileSync } from 'node:fs';
import { auditDesign } from '../core/testing/audit-design';
import { saveDesign } from './page-actions';

// The first page a user sees: the demo drawn with its audit beside it, and the tab's icon. Then the
// audit matrix where it must hold up: a design of 100 jails, scrolled to its far corner.

/** Where the README's first screen comes from: `UPDATE_README_SCREENSHOT=1` copies this run's picture there. */
const README_SCREENSHOT = 'docs/screenshot.png';

test('the home page audits the demo: the Tor relay’s intent holds, and a pressed cell explains itself', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();

  // The counter and the list agree with the demo: one intent, the relay's.
  const intents = page.locator('dl > div', { has: page.getByText('intents', { exact: true }) });
  await expect(intents.locator('dd')).toHaveText('1');
  const intent = page.getByTestId('intent');
  await expect(intent).toHaveCount(1);
  await expect(intent).toContainText('tor-relay reaches only the internet');
  await expect(intent).toHaveAttribute('data-holds', 'true');

  // The matrix: the relay reaches the internet and nothing else; its box wears the badge.
  const matrix = page.getByTestId('audit-matrix');
  await expect(matrix).toBeVisible();
  await expect(page.getByRole('button', { name: 'tor-relay → Internet: reachable' })).toBeVisible();
  const toLan = page.getByRole('button', { name: /^tor-relay → LAN: / });
  await expect(toLan).not.toHaveAttribute('data-verdict', 'reachable');
  await expect(page.locator('.react-flow__node[data-id="tor"] [data-mark="audit:internet"]')).toBeVisible();

  // Pressing a cell explains the pair hop by hop and lights its path on the drawing.
  await toLan.click();
  await expect(toLan).toHaveAttribute('aria-pressed', 'true');
  const explanation = page.getByTestId('audit-explanation');
  await expect(explanation).toContainText('tor-relay → LAN');
  await expect(explanation.getByTestId('explanation-verdict')).not.toHaveText('reachable');
  await expect(explanation.getByRole('heading', { name: 'Request' })).toBeVisible();
  await expect(page.getByTestId('audit-path-style')).toBeAttached();

  // Nothing of the audit is cut off by its panel.
  const panel = (await page.getByRole('complementary', { name: 'Audit' }).boundingBox())!;
  const box = (await matrix.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(panel.x + panel.width + 0.5);
  expect(await matrix.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

  await page.waitForTimeout(300); // let fitView settle after the layout lands
  await page.screenshot({ path: 'e2e/artifacts/home.png' });
  if (process.env.UPDATE_README_SCREENSHOT) copyFileSync('e2e/artifacts/home.png', README_SCREENSHOT);
});

test('the tab has an icon: /favicon.ico is served and named in the page', async ({ page, request }) => {
  const response = await request.get('/favicon.ico');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/image\//);
  // An ICO file starts with reserved 0, type 1 (icon).
  expect([...(await response.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
  await page.goto('/');
  await expect(page.locator('link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
});

test('the audit matrix of 100 jails scrolls with its headers in view, and its far corner can be pressed', async ({
  page,
}) => {
  test.setTimeout(180_000); // drawing and auditing 100 jails on a machine shared with other work
  await page.goto('/designs');
  const topology = { ...auditDesign(10, 10), name: 'Hundred jails' };
  const id = await saveDesign(page, topology);
  await page.goto(`/designs/${id}`);
  const matrix = page.getByTestId('audit-matrix');
  await expect(matrix.locator('tbody tr')).toHaveCount(100, { timeout: 90_000 });
  await expect(page.getByTestId('audit-status')).toContainText('100 jail(s)', { timeout: 30_000 });

  // It scrolls both ways, inside the panel.
  const sizes = await matrix.evaluate((el) => ({
    scrollWidth: el.scrollWidth,
    clientWidth: el.clientWidth,
    scrollHeight: el.scrollHeight,
    clientHeight: el.clientHeight,
  }));
  expect(sizes.scrollWidth).toBeGreaterThan(sizes.clientWidth);
  expect(sizes.scrollHeight).toBeGreaterThan(sizes.clientHeight);

  // The far corner: the last jail to the last jail but itself (a jail's own cell is no button), headers still in view.
  const lastRow = matrix.locator('tbody tr').last();
  const corner = lastRow.getByRole('button').last();
  await corner.scrollIntoViewIfNeeded();
  const view = (await matrix.boundingBox())!;
  const inside = async (locator: ReturnType<Page['locator']>) => {
    const r = (await locator.boundingBox())!;
    return r.x >= view.x - 0.5 && r.y >= view.y - 0.5 && r.x + r.width <= view.x + view.width + 0.5;
  };
  expect(await inside(matrix.locator('thead th').nth(-2)), 'the column header sticks to the top').toBe(true);
  expect(await inside(lastRow.locator('th')), 'the row header sticks to the left').toBe(true);
  await page.screenshot({ path: 'e2e/artifacts/matrix-100.png' });

  const name = await corner.getAttribute('aria-label');
  await corner.click();
  await expect(corner).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('audit-explanation')).toContainText(name!.split(':')[0]!);
  await page.screenshot({ path: 'e2e/artifacts/matrix-100-pressed.png' });
});
