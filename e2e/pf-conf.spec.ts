import { expect, test, type Page } from '@playwright/test';
import { blogNetwork } from '../core/demo/blog-network';
import { saveDesign, select } from './page-actions';

// The issue: "You cannot paste a whole pf.conf", and "A rule it cannot place, or a line it cannot
// read, is a validation problem with its line, never silently dropped." A user pastes the host's
// pf.conf with its translation hook after the filter rules: pfctl's order error shows under the box
// on that line. Fixed, and with a block rule for ssh, the audit evaluates the pasted text: a LAN
// host's ssh to the host goes from reachable to blocked, by that rule.

const MISPLACED = [
  'ext_if = "ixl0"',
  'set skip on lo0',
  'pass all',
  'anchor "patchbay/*"',
  'nat-anchor "patchbay/*"',
].join('\n');

const FIXED = [
  'ext_if = "ixl0"',
  'set skip on lo0',
  'nat-anchor "patchbay/*"',
  'pass all',
  'block in quick on $ext_if proto tcp to port 22',
  'anchor "patchbay/*"',
].join('\n');

/** Asks the audit about a LAN host's ssh to the host's LAN address; gives the explanation. */
async function askSsh(page: Page) {
  await expect(page.getByTestId('audit-status')).not.toContainText('Auditing');
  await page.getByLabel('From', { exact: true }).selectOption({ label: 'a host on LAN' });
  await page.getByLabel('To address').fill('192.168.1.10:tcp/22');
  await page.getByRole('button', { name: 'Ask' }).click();
  const explanation = page.getByTestId('audit-explanation');
  await expect(explanation).toContainText('LAN → 192.168.1.10:tcp/22');
  return explanation;
}

async function paste(page: Page, text: string) {
  const field = page.getByTestId('field-pf-conf');
  await field.fill(text);
  await field.blur();
}

test('a pasted pf.conf: a rule out of order is a problem on its line, and the fixed text is what the audit evaluates', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/designs');
  const id = await saveDesign(page, blogNetwork());
  await page.goto(`/designs/${id}`);
  await expect(page.getByTestId('audit-matrix')).toBeVisible({ timeout: 60_000 });

  const before = await askSsh(page);
  await expect(before.getByTestId('explanation-verdict')).toHaveText('reachable');

  await select(page, 'host');
  await paste(page, MISPLACED);
  const box = page.getByTestId('pf-conf');
  await expect(box.getByTestId('field-problem')).toHaveCount(1);
  await expect(box.getByTestId('field-problem')).toContainText(
    'line 5: Rules must be in order: options, ethernet, normalization, queueing, translation, filtering',
  );
  // The text stays as pasted while it is being fixed.
  await expect(page.getByTestId('field-pf-conf')).toHaveValue(MISPLACED);
  await box.screenshot({ path: 'e2e/artifacts/pf-conf-misplaced.png' });

  await paste(page, FIXED);
  await expect(box.getByTestId('field-problem')).toHaveCount(0);
  await expect(page.getByTestId('pf-conf-summary')).toContainText('1 translation and 3 filter rules');

  const after = await askSsh(page);
  await expect(after.getByTestId('explanation-verdict')).toHaveText('blocked by pf');
  await expect(after).toContainText('block in quick on ixl0 proto tcp to port 22');
  await page.screenshot({ path: 'e2e/artifacts/pf-conf-fixed.png', fullPage: true });

  // Clearing the box gives the design back to Patchbay's anchors alone: reachable again.
  await select(page, 'host');
  await paste(page, '');
  await expect(page.getByTestId('pf-conf-summary')).toContainText('Paste the whole pf.conf');
  const cleared = await askSsh(page);
  await expect(cleared.getByTestId('explanation-verdict')).toHaveText('reachable');
});
