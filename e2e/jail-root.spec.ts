import { expect, test, type Page } from '@playwright/test';

// A jail's root as a user meets it: a new jail is the Handbook's VNET jail, then network-only, then
// defined elsewhere (Bastille); each time the jail.conf.d file the design persists as says so.

async function jailFile(page: Page) {
  await page.getByTestId('export-config').click();
  const dialog = page.getByRole('dialog', { name: 'Files that persist this design' });
  await expect(dialog).toBeVisible();
  return dialog.locator('[data-testid="config-file"][data-path^="/etc/jail.conf.d/"]').first();
}

async function closeFiles(page: Page) {
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Files that persist this design' })).toBeHidden();
}

async function selectJail(page: Page) {
  await page.locator('.react-flow__node[data-id="jail-jail"]').click({ position: { x: 30, y: 14 } });
  await expect(page.getByTestId('jail-root')).toBeVisible();
}

test("a jail's root: Handbook defaults, network-only, defined elsewhere, in the inspector and in jail.conf.d", async ({
  page,
}) => {
  await page.goto('/designs');
  await page.getByTestId('new-design').click();
  await page.waitForURL(/\/designs\/[0-9a-f-]+$/);
  await page.getByTestId('palette-jail').click();
  await selectJail(page);

  // The Handbook's defaults.
  await expect(page.getByTestId('field-root-kind')).toHaveValue('directory');
  await expect(page.getByTestId('field-root-path')).toHaveAttribute('placeholder', '/usr/local/jails/containers/jail');
  await expect(page.getByTestId('field-root-exec-start')).toHaveValue('/bin/sh /etc/rc');
  await expect(page.getByTestId('field-root-exec-stop')).toHaveValue('/bin/sh /etc/rc.shutdown');
  await expect(page.getByTestId('field-root-mount-devfs')).toBeChecked();
  await expect(page.getByTestId('field-root-devfs-ruleset')).toHaveValue('5');

  // A relative path is refused at the field, naming the rule, and the design keeps the default.
  await page.getByTestId('field-root-path').fill('jails/web');
  await page.getByTestId('field-root-path').press('Enter');
  await expect(page.getByTestId('jail-root').getByTestId('field-problem')).toContainText('path must be absolute');
  await page.screenshot({ path: 'e2e/artifacts/jail-root-handbook.png' });

  let file = await jailFile(page);
  await expect(file).toContainText('path = "/usr/local/jails/containers/jail";');
  await expect(file).toContainText('host.hostname = "jail";');
  await expect(file).toContainText('mount.devfs;');
  await expect(file).toContainText('devfs_ruleset = 5;');
  await expect(file).toContainText('exec.start += "/bin/sh /etc/rc";');
  await expect(file).toContainText('exec.stop += "/bin/sh /etc/rc.shutdown";');
  await page.screenshot({ path: 'e2e/artifacts/jail-root-handbook-file.png' });
  await closeFiles(page);

  // Network-only: today's lab jail, with a note in the file.
  await selectJail(page);
  await page.getByTestId('field-root-kind').selectOption('network-only');
  await expect(page.getByTestId('root-note')).toContainText('no root filesystem of its own');
  file = await jailFile(page);
  await expect(file).toContainText("# Network-only: no path, so the jail shares the host's root");
  await expect(file).not.toContainText('path =');
  await expect(file).toContainText('persist;');
  await page.screenshot({ path: 'e2e/artifacts/jail-root-network-only-file.png' });
  await closeFiles(page);

  // Defined elsewhere: Bastille's jail; only its network part, commented out, and said so.
  await selectJail(page);
  await page.getByTestId('field-root-kind').selectOption('external');
  await page.getByTestId('field-root-manager').selectOption('bastille');
  await expect(page.getByTestId('root-note')).toContainText('Bastille creates, starts and stops this jail');
  await page.screenshot({ path: 'e2e/artifacts/jail-root-external.png' });
  file = await jailFile(page);
  await expect(file).toContainText('the network part of jail jail');
  await expect(file).toContainText('Bastille defines, starts and stops this jail, not Patchbay');
  await expect(file).not.toContainText('changes made here are lost');
  await expect(file).not.toContainText('persist;');
  await page.screenshot({ path: 'e2e/artifacts/jail-root-external-file.png' });
  await closeFiles(page);
});
