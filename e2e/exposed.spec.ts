import { expect, test } from '@playwright/test';
import { BASTILLE_HOST_ID } from './demo-agent';

// Issue 17's question on a realistic host: what can the LAN reach on my jails, and through which
// rule? The Bastille demo host (agent --profile bastille, up for the whole run) forwards tcp 2001 on
// em0 (192.168.1.50) to the shared-IP jail web's ssh with Bastille's rdr (anchor rdr/web). Its
// Exposed view names the rdr rule; opened as a design, an inbound intent "only tcp/80 and tcp/443 from
// the LAN" for web (its http is forwarded too, from 8080) goes red naming tcp/22 via 2001, and holds
// once a deny intent (compiled into Patchbay's anchor, which the host's pf.conf hooks) blocks the
// LAN's ssh to web.

test.describe.configure({ timeout: 180_000 });

const SSH_VIA_2001 = 'web — tcp/22 from the LAN via 192.168.1.50:2001';
const RDR_RULE = 'rdr on em0 inet proto tcp from any to any port = 2001 -> 10.17.89.1 port 22';

test("the Bastille host's Exposed view names the rdr rule, and an inbound intent goes red, then holds", async ({
  page,
}) => {
  await page.goto(`/hosts/${BASTILLE_HOST_ID}`);
  await expect(page.getByTestId('stream-status')).toHaveText('live', { timeout: 30_000 });
  const exposed = page.getByTestId('exposed-view');
  const ssh = exposed.getByTestId('exposed-port').filter({ hasText: SSH_VIA_2001 });
  await expect(ssh).toBeVisible({ timeout: 30_000 });
  await expect(ssh).toContainText(`rdr: anchor rdr/web line`);
  await expect(ssh).toContainText(RDR_RULE);
  await expect(ssh).toContainText('filter: in on em0: passed by');

  // Keyboard: the entry is a button; Enter asks for its explanation, which shows the rdr step.
  await ssh.focus();
  await page.keyboard.press('Enter');
  const explanation = page.getByTestId('audit-explanation');
  await expect(explanation).toContainText('LAN → 192.168.1.50:tcp/2001');
  await expect(explanation.getByTestId('explanation-verdict')).toHaveText('reachable');
  await expect(explanation).toContainText('rdr in bastille.example.org on em0: 192.168.1.50:2001 → 10.17.89.1:22');
  await expect(explanation).toContainText('translates the reply back on em0');
  await exposed.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/artifacts/exposed-host.png', fullPage: true });

  // Open as design: the editor's audit shows the same exposure.
  await page.getByTestId('open-as-design').click();
  const anyway = page.getByRole('link', { name: 'Open the design anyway' });
  await expect(page.getByTestId('open-as-design-notes').or(page.getByTestId('audit-panel'))).toBeVisible({
    timeout: 30_000,
  });
  if (await anyway.isVisible()) await anyway.click();
  await page.waitForURL(/\/designs\/[0-9a-f-]+$/);
  await expect(
    page.getByTestId('exposed-view').getByTestId('exposed-port').filter({ hasText: SSH_VIA_2001 }),
  ).toBeVisible({ timeout: 30_000 });

  // "Only tcp/80 and tcp/443 of web from the LAN": broken by the ssh forward, naming tcp/22, the host
  // port and the rdr rule.
  await page.getByLabel('Intent', { exact: true }).selectOption('inbound-only');
  await page.getByLabel('Jail or bridge').selectOption({ label: 'web' });
  await page.getByLabel('From where').selectOption('lan');
  await page.getByLabel('Allowed ports').fill('tcp/80, tcp/443');
  await page.getByRole('button', { name: 'Add intent' }).click();
  const inbound = page
    .getByTestId('intent')
    .filter({ hasText: 'only tcp/80, tcp/443 of web is reachable from the LAN' });
  await expect(inbound).toHaveAttribute('data-holds', 'false', { timeout: 30_000 });
  await expect(inbound.getByTestId('intent-violations')).toContainText(SSH_VIA_2001);
  await expect(inbound.getByTestId('intent-violations')).toContainText(RDR_RULE);
  await expect(inbound.getByTestId('intent-violations')).not.toContainText('tcp/80 from');
  await inbound.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/artifacts/exposed-intent-red.png', fullPage: true });

  // A deny intent LAN → web tcp/22: Patchbay's anchor blocks it after the rdr, so the intent holds.
  await page.getByLabel('Intent', { exact: true }).selectOption('deny');
  await page.getByLabel('Who', { exact: true }).selectOption({ label: 'LAN' });
  await page.getByLabel('Whom', { exact: true }).selectOption({ label: 'web' });
  await page.getByLabel('Protocol', { exact: true }).selectOption('tcp');
  await page.getByLabel('Ports', { exact: true }).fill('22');
  await page.getByRole('button', { name: 'Add intent' }).click();
  await expect(page.getByTestId('intent')).toHaveCount(2);
  await expect(inbound).toHaveAttribute('data-holds', 'true', { timeout: 30_000 });
  await expect(
    page.getByTestId('exposed-view').getByTestId('exposed-port').filter({ hasText: SSH_VIA_2001 }),
  ).toHaveCount(0);
  await inbound.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/artifacts/exposed-intent-holds.png', fullPage: true });
});
