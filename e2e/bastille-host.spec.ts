import { expect, test } from '@playwright/test';
import { BASTILLE_HOST_ID } from './demo-agent';

// The second built-in host, the Bastille-style one (agent --profile bastille, started for the whole
// run by playwright.config.ts): listed beside the blog host, online, and drawn from what discovery
// reads of it. Its shared-IP jails and the bastille0 loopback that carries their addresses are drawn
// by the shared-IP jail work (JailStack.sharedIp); this spec checks what the host itself shows.

test('the Bastille demo host is listed as a second built-in host and opens on its own view', async ({ page }) => {
  await page.goto('/hosts');
  const bastille = page.getByTestId(`host-${BASTILLE_HOST_ID}`);
  await expect(bastille.getByTestId('host-status')).toHaveText('online', { timeout: 30_000 });
  await expect(bastille).toContainText('Bastille demo host');
  await expect(bastille).toContainText('bastille.example.org');
  await expect(bastille).toContainText('emulated');
  await expect(bastille).toContainText('built in');

  await bastille.getByRole('link', { name: 'Open' }).click();
  await expect(page).toHaveURL(new RegExp(`/hosts/${BASTILLE_HOST_ID}$`));
  await expect(page.getByTestId('stream-status')).toHaveText('live', { timeout: 30_000 });
  await expect(page.getByTestId('host-name')).toHaveText('Bastille demo host');
  // The uplink, with its LAN address and the IPv6 global address from the documentation prefix.
  const uplink = page.locator('.react-flow__node[data-id="host:em0"]');
  await expect(uplink).toBeVisible({ timeout: 30_000 });
  await expect(uplink).toContainText('192.168.1.50/24');
  await expect(uplink).toContainText('2001:db8:17::50/64');
  await page.screenshot({ path: 'e2e/artifacts/bastille-host.png', fullPage: true });
});
