import { expect, test, type Page } from '@playwright/test';
import { newDesign } from './page-actions';

// Issue 16, as the new user met it: bad MTUs in the inspector, Save and Export JSON on such a design,
// and the audit of a new design whose one jail has no address yet.

async function typeMtu(page: Page, text: string) {
  const field = page.getByTestId('field-mtu');
  await field.fill(text);
  await field.press('Enter');
}

test('a new design with one jail and no address is audited, not crashed', async ({ page }) => {
  await newDesign(page);
  await page.getByTestId('palette-jail').click();
  const status = page.getByTestId('audit-status');
  await expect(status).toHaveText(/1 jail\(s\), \d+ kinds of traffic/);
  await expect(status).not.toContainText('Audit failed');
  await expect(page.getByTestId('audit-panel')).toContainText(/no IPv4 address|no route|unreachable/i);
  await page.screenshot({ path: 'e2e/artifacts/fields-new-design-audit.png', fullPage: true });
});

test('MTU: "abc" and 99999999 are refused at the field, listed as problems, and Save and Export JSON say why', async ({
  page,
}) => {
  await newDesign(page);
  await page.getByTestId('palette-bridge').click();
  await page.locator('.react-flow__node[data-id="host:bridge0"]').click({ position: { x: 30, y: 14 } });
  await expect(page.getByTestId('inspector')).toBeVisible();
  const fieldProblem = page.getByTestId('inspector').getByTestId('field-problem');
  const problems = page.getByTestId('problem-list');

  await typeMtu(page, 'abc');
  await expect(page.getByTestId('field-mtu')).toHaveValue('abc');
  await expect(page.getByTestId('field-mtu')).toHaveAttribute('aria-invalid', 'true');
  await expect(fieldProblem).toHaveText(
    /"abc" is not a number\. MTU must be a whole number from 576 to 65535 on a bridge/,
  );
  await expect(page.getByTestId('validation-clean')).toHaveCount(0);
  await expect(problems.locator('[data-rule="interface.mtu.range"]')).toContainText('"abc" is not a number');
  await expect(page.locator('body')).not.toContainText('NaN');

  await typeMtu(page, '99999999');
  await expect(fieldProblem).toHaveText(/MTU 99999999 is outside 576–65535, what FreeBSD accepts on a bridge/);
  await expect(problems.locator('[data-rule="interface.mtu.range"]')).toContainText('99999999');
  await page.screenshot({ path: 'e2e/artifacts/fields-mtu-refused.png', fullPage: true });

  const status = page.getByTestId('toolbar-status');
  await page.getByTestId('save').click();
  await expect(status).toHaveText(/^Not saved: stacks\[0\]\.interfaces\[\d+\]\.mtu: MTU 99999999 is outside/);
  await expect(status).not.toContainText('[{');
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByTestId('export-json').click();
  await expect(status).toHaveText(/^Not exported: stacks\[0\]\.interfaces\[\d+\]\.mtu: MTU 99999999/);
  expect(downloads).toBe(0);

  // A good value is written, and both work again; the bridge's other problems travel with the export.
  await typeMtu(page, '9000');
  await expect(fieldProblem).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  await expect(status).toHaveText(/^Exported/);
  await page.getByTestId('save').click();
  await expect(status).toHaveText(/^Saved as version \d+\./);
  await page.screenshot({ path: 'e2e/artifacts/fields-mtu-saved.png', fullPage: true });
});
