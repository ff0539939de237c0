import { expect, test } from '@playwright/test';

// The files a design persists as, as the editor shows them: whose file, what for, the text.

test('the editor shows the files a design persists as, and refuses one it cannot write safely', async ({ page }) => {
  await page.goto('/designs');
  await page.getByTestId('template-isolated-nat').click();
  await page.waitForURL(/\/designs\/[0-9a-f-]+$/);
  await page.getByTestId('export-config').click();
  const dialog = page.getByRole('dialog', { name: 'Files that persist this design' });
  await expect(dialog).toBeVisible();
  const rc = dialog.locator('[data-testid="config-file"][data-path="/etc/rc.conf"]');
  await expect(rc).toContainText('lines for your file');
  await expect(rc).toContainText('cloned_interfaces="bridge0"');
  await expect(rc).toContainText('gateway_enable="YES"');
  const jail = dialog.locator('[data-testid="config-file"][data-path^="/etc/jail.conf.d/"]').first();
  await expect(jail).toContainText("Patchbay's file");
  await expect(jail).toContainText('vnet;');
  await expect(dialog.locator('[data-testid="config-file"][data-path="/etc/pf.conf"]')).toContainText(
    'anchor "patchbay/*"',
  );
  await page.screenshot({ path: 'e2e/artifacts/config-files.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // A description rc.conf cannot keep: validation warns at once, and the files are refused, naming the field.
  await page.locator('.react-flow__node[data-id="host:bridge0"]').click({ position: { x: 30, y: 14 } });
  await page.getByTestId('field-description').fill('jails $(reboot)');
  await page.getByTestId('field-description').press('Enter');
  await expect(page.getByTestId('problem-list').locator('[data-rule="interface.description.persist"]')).toBeVisible();
  await page.getByTestId('export-config').click();
  await expect(page.getByTestId('config-error')).toContainText('description');
  await expect(page.getByTestId('config-files')).toHaveCount(0);
});
