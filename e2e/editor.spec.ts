import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { select, setField, wire } from './page-actions';

// Drawing the blog's network from an empty canvas with the mouse and keyboard, as a user would.

const problemRules = (page: Page) =>
  page
    .getByTestId('problem-list')
    .locator('[data-rule]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));

test('draw the blog network, see problems come and go, undo, save, reload, export and import', async ({
  page,
}, testInfo) => {
  await page.goto('/designs');
  await page.getByTestId('new-design').click();
  await page.waitForURL(/\/designs\/[0-9a-f-]+$/);
  const url = page.url();
  await expect(page.locator('.react-flow__node[data-id="host"]')).toBeVisible();

  // The uplink: a NIC renamed ixl0 with the host's LAN address, then the LAN and the internet.
  await page.getByTestId('palette-nic').click();
  await select(page, 'host:em0');
  await setField(page, 'field-name', 'ixl0');
  await setField(page, 'field-addresses', '192.168.1.10/24');
  await page.getByTestId('palette-lan').click();
  await page.getByTestId('palette-internet').click();

  // bridge0 with the jails' gateway address.
  await page.getByTestId('palette-bridge').click();
  await select(page, 'host:bridge0');
  await setField(page, 'field-addresses', '10.0.0.1/24');

  // Two jails, each wired to the bridge with the mouse: an epair each, addresses suggested.
  await page.getByTestId('palette-jail').click();
  await select(page, 'jail-jail');
  await setField(page, 'field-name', 'snort-jail');
  await wire(page, 'host:bridge0', 'jail-jail');
  await page.getByTestId('palette-jail').click();
  await select(page, 'jail-jail-2');
  await setField(page, 'field-name', 'www-jail');
  await wire(page, 'host:bridge0', 'jail-jail-2');
  await expect(page.locator('[data-port="jail-jail:e0b_snort_jail"]')).toContainText('10.0.0.2/24');
  await expect(page.locator('[data-port="jail-jail-2:e0b_www_jail"]')).toContainText('10.0.0.3/24');

  // The host routes for them: until it forwards, the validator warns.
  await expect.poll(() => problemRules(page)).toContain('stack.forwarding.off');
  await select(page, 'host');
  await page.getByTestId('field-forwarding-ipv4').check();
  await setField(page, 'field-gateway4', '192.168.1.1');
  await expect(page.getByTestId('validation-clean')).toBeVisible();

  // A broken name shows up on the field and in the list, and goes with undo; redo brings it back.
  await select(page, 'jail-jail-2');
  await setField(page, 'field-name', 'www.jail');
  await expect(page.getByTestId('field-problem').first()).toHaveAttribute('data-rule', 'jail.name.dot');
  await expect.poll(() => problemRules(page)).toEqual(['jail.name.dot']);
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('validation-clean')).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => problemRules(page)).toEqual(['jail.name.dot']);
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('validation-clean')).toBeVisible();

  await page.screenshot({ path: testInfo.outputPath('editor-drawn.png') });
  await page.screenshot({ path: 'e2e/artifacts/editor-drawn.png' });

  // Save, reload, and find the same design.
  await page.getByTestId('save').click();
  await expect(page.getByTestId('toolbar-status')).toContainText('Saved as version');
  await page.goto(url);
  await expect(page.locator('.react-flow__node')).toHaveCount(7);
  await expect(page.locator('[data-port="jail-jail:e0b_snort_jail"]')).toContainText('10.0.0.2/24');
  await page.goto('/designs');
  await expect(page.getByTestId('design-link').first()).toHaveText('New design');

  // Export JSON and import it back as a new design.
  await page.goto(url);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const exported = testInfo.outputPath('exported.json');
  await download.saveAs(exported);
  expect(JSON.parse(readFileSync(exported, 'utf8')).stacks).toHaveLength(3);
  // The drawing as PNG and SVG, and the blog-style ASCII sketch.
  const saved = async (testId: string, name: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    const path = testInfo.outputPath(name);
    await file.saveAs(path);
    return readFileSync(path);
  };
  expect((await saved('export-png', 'drawing.png')).subarray(1, 4).toString()).toBe('PNG');
  expect((await saved('export-svg', 'drawing.svg')).toString()).toContain('<svg');
  const ascii = (await saved('export-ascii', 'drawing.txt')).toString();
  expect(ascii).toContain('snort-jail');
  expect(ascii).toContain('---->');
  await page.goto('/designs');
  await page.getByTestId('import-design-file').setInputFiles(exported);
  await page.waitForURL((u) => /\/designs\/[0-9a-f-]+$/.test(u.pathname) && u.href !== url);
  await expect(page.locator('.react-flow__node')).toHaveCount(7);
  await expect(page.getByTestId('validation-clean')).toBeVisible();
});

test('an import that is not a topology changes nothing and says why', async ({ page }, testInfo) => {
  await page.goto('/designs');
  await expect(page.getByText(/No designs yet|version \d/).first()).toBeVisible();
  const before = await page.getByTestId('design-link').count();
  const bad = testInfo.outputPath('bad.json');
  writeFileSync(bad, '{"format":"patchbay.topology","version":7}');
  await page.getByTestId('import-design-file').setInputFiles(bad);
  await expect(page.getByRole('status')).toContainText('Upgrade Patchbay');
  await expect(page.getByTestId('design-link')).toHaveCount(before);
});
