import { expect, test, type Page } from '@playwright/test';
import { newDesign, select, setField } from './page-actions';

// A shared-IP jail, as Bastille makes them: added from the palette, given 10.17.89.1/32 on a loopback
// clone lo1, drawn hanging off lo1 with its address on the line, and persisted as a jail.conf.d file
// with `ip4.addr = "lo1|10.17.89.1/32";` and no vnet.

test('a shared-IP jail on lo1 is drawn attached to lo1 and rendered with iface|addr in jail.conf.d', async ({
  page,
}) => {
  await newDesign(page);

  await page.getByTestId('palette-loopback').click();
  await page.getByTestId('palette-shared-jail').click();
  const jail = page.locator('.react-flow__node[data-id="jail-jail"]');
  await expect(jail).toBeVisible();
  // The badge stays; the tag beside the name gives way to the audit's mark once the audit is in.
  await expect(jail).toContainText('shared IP');
  await select(page, 'jail-jail');
  await setField(page, 'field-name', 'web');
  await expect(page.getByTestId('shared-ip-fields')).toBeVisible();

  // A typo stays in its field with the validator's reason under it.
  await page.getByTestId('field-ip4-add').click();
  await setField(page, 'field-ip4-0-address', '10.17.89.300/32');
  await expect(page.getByTestId('field-ip4-0-address')).toHaveValue('10.17.89.300/32');
  const rowProblem = page.getByTestId('field-ip4-0-row').getByTestId('field-problem');
  await expect(rowProblem.first()).toHaveAttribute('data-rule', 'jail.shared-ip.address.syntax');

  await setField(page, 'field-ip4-0-address', '10.17.89.1/32');
  await expect(page.getByTestId('field-ip4-0-row').locator('[data-rule="jail.shared-ip.address.syntax"]')).toHaveCount(
    0,
  );
  // Neither on an interface nor given one: the validator asks for an interface.
  await expect(
    page.getByTestId('field-ip4-0-row').locator('[data-rule="jail.shared-ip.address.unplaced"]'),
  ).toBeVisible();
  await page.getByTestId('field-ip4-0-interface').selectOption({ label: 'add to lo1' });
  await expect(page.getByTestId('field-ip4-0-row').getByTestId('field-problem')).toHaveCount(0);

  // Drawn: lo1 inside the host, and a line from the jail to it labelled with the address.
  await expect(page.locator('.react-flow__node[data-id="host:lo1"]')).toBeVisible();
  const label = page.getByTestId('edge-label-shared-ip:jail-jail:host:lo1');
  await expect(label).toBeVisible();
  await expect(label).toContainText('10.17.89.1/32');
  await expect(jail).toContainText('10.17.89.1/32 on lo1');
  await page.screenshot({ path: 'e2e/artifacts/shared-ip-drawn.png', fullPage: true });

  await page.getByTestId('export-config').click();
  const dialog = page.getByRole('dialog', { name: 'Files that persist this design' });
  await expect(dialog).toBeVisible();
  const file = dialog.locator('[data-testid="config-file"][data-path="/etc/jail.conf.d/web.conf"]');
  await expect(file).toContainText('ip4.addr = "lo1|10.17.89.1/32";');
  await expect(file).not.toContainText('vnet;');
  await expect(dialog.locator('[data-testid="config-file"][data-path="/etc/rc.conf"]')).toContainText(
    'cloned_interfaces="lo1"',
  );
  await file.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/artifacts/shared-ip-jail-conf.png' });
});

/** Page-space centre of a box. */
function centreOf(box: { x: number; y: number; width: number; height: number }) {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * The line from the jail to lo1 runs between the two boxes: its path's bounding box lies within the
 * rectangle spanned by the boxes' centres (plus a small margin). A line leaving the jail's right side
 * and entering lo1's left side loops out past both boxes' sides and fails this.
 */
async function expectShortLine(page: Page, edgeId: string, jailId: string, carrierId: string) {
  const path = page.locator(`.react-flow__edge[data-id="${edgeId}"] path.react-flow__edge-path`);
  await expect(path).toHaveCount(1);
  const margin = 16;
  await expect(async () => {
    const line = (await path.boundingBox())!;
    const a = centreOf((await page.locator(`.react-flow__node[data-id="${jailId}"]`).boundingBox())!);
    const b = centreOf((await page.locator(`.react-flow__node[data-id="${carrierId}"]`).boundingBox())!);
    expect(line.x, 'line left').toBeGreaterThanOrEqual(Math.min(a.x, b.x) - margin);
    expect(line.x + line.width, 'line right').toBeLessThanOrEqual(Math.max(a.x, b.x) + margin);
    expect(line.y, 'line top').toBeGreaterThanOrEqual(Math.min(a.y, b.y) - margin);
    expect(line.y + line.height, 'line bottom').toBeLessThanOrEqual(Math.max(a.y, b.y) + margin);
  }).toPass({ timeout: 5_000 });
}

test('the line from a shared-IP jail to lo1 is a short connection whether the jail sits below or beside', async ({
  page,
}) => {
  await newDesign(page);
  await page.getByTestId('palette-loopback').click();
  await page.getByTestId('palette-shared-jail').click();
  const jail = page.locator('.react-flow__node[data-id="jail-jail"]');
  const lo1 = page.locator('.react-flow__node[data-id="host:lo1"]');
  await select(page, 'jail-jail');
  await page.getByTestId('field-ip4-add').click();
  await setField(page, 'field-ip4-0-address', '10.17.89.1/32');
  await page.getByTestId('field-ip4-0-interface').selectOption({ label: 'add to lo1' });
  const edgeId = 'shared-ip:jail-jail:host:lo1';
  await expect(page.getByTestId(`edge-label-${edgeId}`)).toBeVisible();

  // A new design places the jail below the host, so below lo1.
  const carrier = (await lo1.boundingBox())!;
  expect((await jail.boundingBox())!.y).toBeGreaterThan(carrier.y + carrier.height);
  await expectShortLine(page, edgeId, 'jail-jail', 'host:lo1');
  await page.screenshot({ path: 'e2e/artifacts/shared-ip-below.png', fullPage: true });

  // Dragged by its header to the right of lo1, level with it: joined side to side.
  const host = (await page.locator('.react-flow__node[data-id="host"]').boundingBox())!;
  const from = (await jail.boundingBox())!;
  await page.mouse.move(from.x + 30, from.y + 14);
  await page.mouse.down();
  await page.mouse.move(host.x + host.width + 60, carrier.y + 14, { steps: 10 });
  await page.mouse.up();
  await expect(async () => {
    expect((await jail.boundingBox())!.x).toBeGreaterThan(carrier.x + carrier.width);
  }).toPass({ timeout: 5_000 });
  await expectShortLine(page, edgeId, 'jail-jail', 'host:lo1');
  await page.screenshot({ path: 'e2e/artifacts/shared-ip-beside.png', fullPage: true });
});
