import { expect, test } from '@playwright/test';
import { BASTILLE_HOST_ID } from './demo-agent';

// Trial on a merge with the sharedip branch: the Bastille host's shared-IP jails and the loopback
// that carries their addresses are drawn.

test('the Bastille host draws its shared-IP jails on bastille0', async ({ page }) => {
  await page.goto(`/hosts/${BASTILLE_HOST_ID}`);
  await expect(page.getByTestId('stream-status')).toHaveText('live', { timeout: 30_000 });
  const loopback = page.locator('.react-flow__node[data-id="host:bastille0"]');
  await expect(loopback).toBeVisible({ timeout: 30_000 });
  for (const [jail, ip] of [
    ['web', '10.17.89.1'],
    ['db', '10.17.89.2'],
  ] as const) {
    const box = page.locator(`.react-flow__node[data-id="jail:${jail}"]`);
    await expect(box).toBeVisible();
    await expect(box).toContainText(ip);
    await expect(page.locator(`[data-testid="rf__edge-shared-ip:jail:${jail}:host:bastille0"]`)).toHaveCount(1);
  }
  await page.screenshot({ path: 'e2e/artifacts/bastille-host-jails.png', fullPage: true });
});
