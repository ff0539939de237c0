import { expect, test, type Page } from '@playwright/test';
import { select, setField, wire } from './page-actions';

// A network drawn by hand reaches the LAN one way only: the jail's packets leave with its private
// address and the LAN's router cannot answer. The matrix and the jail's badges say so alike; the
// explanation's "Add nat on em0", and the NIC's nat switch, make it two-way; undo takes it back.

/** The matrix cell and the jail's badge for the LAN must tell the same story. */
async function expectLan(page: Page, verdict: 'one-way' | 'reachable') {
  await expect(page.getByTestId('audit-status')).not.toContainText('Auditing');
  await expect(page.getByRole('button', { name: `web → LAN: ${verdict}` })).toHaveAttribute('data-verdict', verdict);
  await expect(page.getByRole('button', { name: `web → Internet: ${verdict}` })).toBeVisible();
  // The jail keeps the id it was added with ("jail-jail"); renaming it changed only its name.
  const jail = page.locator('.react-flow__node[data-id="jail-jail"]');
  await expect(jail).toContainText('web');
  const badges = jail.getByTestId('node-mark');
  if (verdict === 'reachable') {
    await expect(badges.and(page.locator('[data-mark="audit:lan"]'))).toBeVisible();
    await expect(badges.and(page.locator('[data-mark="audit:internet"]'))).toBeVisible();
  } else await expect(badges.and(page.locator('[data-mark="audit:lan"], [data-mark="audit:internet"]'))).toHaveCount(0);
}

test('a hand-drawn network is one-way to the LAN until nat on its NIC: from the explanation, the switch, and undo', async ({
  page,
}) => {
  // Drawing by hand is many steps; on a loaded machine it outlasts the default minute.
  test.setTimeout(240_000);
  await page.goto('/designs');
  await page.getByTestId('new-design').click();
  await page.waitForURL(/\/designs\/[0-9a-f-]+$/);

  // em0 on the LAN, the internet behind it, bridge0 with the jails' gateway, one jail wired to it.
  await page.getByTestId('palette-nic').click();
  await select(page, 'host:em0');
  await setField(page, 'field-addresses', '192.168.1.10/24');
  await page.getByTestId('palette-lan').click();
  await page.getByTestId('palette-internet').click();
  await page.getByTestId('palette-bridge').click();
  await select(page, 'host:bridge0');
  await setField(page, 'field-addresses', '10.0.0.1/24');
  await page.getByTestId('palette-jail').click();
  await select(page, 'jail-jail');
  await setField(page, 'field-name', 'web');
  await wire(page, 'host:bridge0', 'jail-jail');
  await select(page, 'host');
  await page.getByTestId('field-forwarding-ipv4').check();
  await setField(page, 'field-gateway4', '192.168.1.1');
  await expect(page.getByTestId('validation-clean')).toBeVisible();
  // The host's inspector offers the same switch, off, and says what it would cover.
  await expect(page.getByTestId('nat-em0-switch')).not.toBeChecked();
  await expect(page.getByTestId('nat-em0-sources')).toHaveText('Would cover 10.0.0.0/24');

  // One-way, in the matrix and on the jail's box alike.
  await expectLan(page, 'one-way');
  await page.locator('.react-flow__controls-fitview').click();
  await page.screenshot({ path: 'e2e/artifacts/nat-one-way.png' });

  // The explanation says why and offers the fix; pressing it makes the pair two-way.
  await page.getByRole('button', { name: 'web → LAN: one-way' }).click();
  const explanation = page.getByTestId('audit-explanation');
  await expect(explanation).toContainText('only nat on the way out makes replies come back');
  await explanation.scrollIntoViewIfNeeded();
  await page.getByTestId('audit-panel').screenshot({ path: 'e2e/artifacts/nat-explanation.png' });
  await explanation.getByTestId('explanation-add-nat').click();
  await expect(explanation.getByRole('button', { name: 'Add nat on em0' })).toHaveCount(0);
  await expectLan(page, 'reachable');
  await expect(page.locator('.react-flow__node[data-id="host"]')).toContainText('NAT → em0');
  await page.screenshot({ path: 'e2e/artifacts/nat-two-way.png' });

  // Undo takes the nat away again.
  await page.getByTestId('undo').click();
  await expectLan(page, 'one-way');

  // The NIC's own switch: on covers the bridge's network, not the LAN; off is one-way again.
  await select(page, 'host:em0');
  const natSwitch = page.getByTestId('nat-em0-switch');
  await expect(page.getByTestId('nat-em0')).toContainText("Share this NIC's address with the jails behind it (nat)");
  await natSwitch.check();
  await expect(page.getByTestId('nat-em0-sources')).toHaveText('Covers 10.0.0.0/24');
  await expectLan(page, 'reachable');
  await page.locator('aside').last().screenshot({ path: 'e2e/artifacts/nat-nic-switch.png' });
  await natSwitch.uncheck();
  await expect(natSwitch).not.toBeChecked();
  await expectLan(page, 'one-way');

  // The explanation on a two-way pair offers nothing.
  await natSwitch.check();
  await expectLan(page, 'reachable');
  await page.getByRole('button', { name: 'web → LAN: reachable' }).click();
  await expect(explanation.getByTestId('explanation-verdict')).toHaveText('reachable');
  await expect(explanation.getByTestId('explanation-add-nat')).toHaveCount(0);
});
