import { expect, test } from '@playwright/test';
import { dualStackBlog } from '../core/testing/dual-stack';
import { saveDesign, select } from './page-actions';

// The audit as a user meets it in the editor: the matrix, a cell's explanation lit on the canvas,
// a question about a typed address, intents that hold or break as the design changes, and what
// changed since the last save, per family.

test('audit a design: matrix, explanation on the canvas, typed questions, intents and violations', async ({ page }) => {
  await page.goto('/designs');
  await page.getByTestId('template-internet-only').click();
  await page.waitForURL(/\/designs\/[0-9a-f-]+$/);
  const matrix = page.getByTestId('audit-matrix');
  await expect(matrix).toBeVisible();

  // The relay reaches the internet and nothing else, as its intent says.
  await expect(page.getByRole('button', { name: 'relay1 → Internet: reachable' })).toHaveAttribute(
    'data-verdict',
    'reachable',
  );
  await expect(page.getByRole('button', { name: 'relay1 → LAN: blocked by pf' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'relay1 → Host: blocked by pf' })).toBeVisible();
  await expect(page.getByTestId('intent')).toHaveAttribute('data-holds', 'true');
  await expect(page.locator('.react-flow__node[data-id="relay1"] [data-mark="audit:internet"]')).toBeVisible();

  // A cell explains itself hop by hop, names the pf rule, and lights the path on the canvas.
  await page.getByRole('button', { name: 'relay1 → LAN: blocked by pf' }).click();
  const explanation = page.getByTestId('audit-explanation');
  await expect(explanation.getByTestId('explanation-verdict')).toHaveText('blocked by pf');
  await expect(explanation).toContainText('patchbay/intents');
  await expect(explanation).toContainText('e0b_relay1 → e0a_relay1');
  await expect
    .poll(() => page.getByTestId('audit-path-style').evaluate((style) => style.textContent))
    .toContain('epair:host:e0a_relay1');

  // A typed address, with a protocol and port; then a malformed one is refused with the rule.
  await page.getByLabel('To address').fill('192.168.1.10:tcp/22');
  await page.getByRole('button', { name: 'Ask' }).click();
  await expect(explanation).toContainText('relay1 → 192.168.1.10:tcp/22');
  await expect(explanation.getByTestId('explanation-verdict')).toHaveText('blocked by pf');
  await page.getByLabel('To address').fill('192.168.1');
  await page.getByRole('button', { name: 'Ask' }).click();
  await expect(page.getByTestId('ask-error')).toContainText('Destination: "192.168.1" is not an IPv4 address');

  // Two intents that cannot both hold: isolation's blocks come first, so "only the internet" breaks.
  await page.getByLabel('Jail or bridge').selectOption({ label: 'relay1' });
  await page.getByLabel('Intent', { exact: true }).selectOption('isolated');
  await page.getByRole('button', { name: 'Add intent' }).click();
  await expect(page.getByTestId('audit-status')).not.toContainText('Auditing');
  const broken = page.locator('[data-testid="intent"][data-holds="false"]');
  await expect(broken).toContainText('relay1 reaches only the internet');
  await expect(broken.getByTestId('intent-violations')).toContainText('relay1 → the internet');
  await expect(page.locator('.react-flow__node[data-id="relay1"] [data-mark="audit:violation"]')).toBeVisible();

  // Removing the internet-only intent leaves the isolation to hold: the relay reaches nothing.
  await page.getByRole('button', { name: 'Remove intent relay1 reaches only the internet' }).click();
  await expect(page.getByTestId('intent')).toHaveCount(1);
  await expect(page.getByTestId('audit-status')).not.toContainText('Auditing');
  await expect(page.locator('[data-mark="audit:violation"]')).toHaveCount(0);
  await expect(page.getByTestId('intent')).toHaveAttribute('data-holds', 'true');
  await expect(page.getByRole('button', { name: 'relay1 → Internet: blocked by pf' })).toBeVisible();
  await expect(page.locator('.react-flow__node[data-id="relay1"] [data-mark="audit:isolated"]')).toBeVisible();
  // The draft against its last saved version: the edits closed the relay's way out.
  await expect(page.getByTestId('draft-audit-summary')).toContainText('pair(s) change');
  await expect(page.getByTestId('draft-audit-changes')).toContainText('relay1 no longer reaches internet');
  await page.screenshot({ path: 'e2e/artifacts/editor-audit.png' });
});

test('the draft against its last save, in both families: an IPv6-only edit is listed as IPv6 changes', async ({
  page,
}) => {
  await page.goto('/designs');
  const id = await saveDesign(page, dualStackBlog());
  await page.goto(`/designs/${id}`);
  // Two families in a web worker, on a machine under load: more than the default 5 s.
  await expect(page.getByTestId('audit-matrix')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('audit-status')).not.toContainText('Auditing', { timeout: 30_000 });

  // The host stops forwarding IPv6: IPv4 is untouched, so every change the panel lists is IPv6's.
  await select(page, 'host');
  await page.getByTestId('field-forwarding-ipv6').uncheck();
  await expect(page.getByTestId('draft-audit-summary')).toContainText('counted per family', { timeout: 30_000 });
  const changes = page.getByTestId('draft-audit-changes');
  await expect(changes).toContainText('snort-jail no longer reaches internet over IPv6');
  expect(await changes.locator('li[data-family="6"]').count()).toBeGreaterThan(0);
  await expect(changes.locator('li[data-family="4"]')).toHaveCount(0);
  await expect(changes).toContainText('(reachable → no route)');
  const details = page.getByTestId('draft-audit-summary').locator('..');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await page.getByTestId('draft-audit-summary').click();
  await details.scrollIntoViewIfNeeded();
  await details.screenshot({ path: 'e2e/artifacts/editor-audit-since-ipv6.png' });
  await page.screenshot({ path: 'e2e/artifacts/editor-audit-since-ipv6-page.png', fullPage: true });
});
