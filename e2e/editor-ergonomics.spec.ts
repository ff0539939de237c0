import { expect as baseExpect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { SHORTCUTS } from '../components/editor/shortcuts';

// The editor's ergonomics as a new user meets them: a lab of the size asked for, a cable renamed as a
// whole from its jail's end, the design renamed in place and exported under its new name, wiring that
// keeps every box in view (dropped on the middle of a box), and the ? sheet of shortcuts.

// The layout runs ELK in a worker; on a busy machine it can take seconds, so waits are generous.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 180_000 });

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

async function openLab(page: Page, size: number) {
  await page.goto('/designs');
  await page.getByTestId('lab-size').fill(String(size));
  await page.getByTestId('template-lab').click();
  await page.waitForURL(/\/designs\/[0-9a-f-]+$/);
  await expect(node(page, 'host')).toBeVisible();
}

/** Every box's rectangle on the screen, once two looks half a second apart agree (the layout has answered). */
async function settledBoxes(page: Page) {
  let last = '';
  await expect
    .poll(
      async () => {
        const now = JSON.stringify(await boxesOnScreen(page));
        const same = now === last;
        last = now;
        return same;
      },
      { intervals: [500] },
    )
    .toBe(true);
  return JSON.parse(last) as Awaited<ReturnType<typeof boxesOnScreen>>;
}

/** Every box's rectangle on the screen, by id. */
async function boxesOnScreen(page: Page) {
  return page
    .locator('.react-flow__node')
    .evaluateAll((els) =>
      els.map((el) => ({ id: el.getAttribute('data-id')!, rect: el.getBoundingClientRect().toJSON() as DOMRect })),
    );
}

test('a lab of 7 jails: a bad size is refused in place, 7 makes exactly 7', async ({ page }) => {
  await page.goto('/designs');
  const size = page.getByTestId('lab-size');
  await size.fill('0');
  await page.getByTestId('template-lab').click();
  await expect(page.getByTestId('lab-size-error')).toHaveText(/Number of jails 0 is out of range: a lab has 1 to 250/);
  await expect(size).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: 'e2e/artifacts/ergonomics-lab-size-refused.png' });
  expect(page.url()).toMatch(/\/designs$/);
  await size.fill('7');
  await expect(page.getByTestId('template-lab')).toHaveText('Lab of 7 jails');
  await size.press('Enter');
  await page.waitForURL(/\/designs\/[0-9a-f-]+$/);
  await expect(page.locator('.react-flow__node-jail')).toHaveCount(7);
  await expect(page.getByTestId('design-name')).toHaveText('Lab of 7 jails');
});

test('renaming a cable from its b end renames both ends; a bad name changes nothing; undo restores both', async ({
  page,
}) => {
  await openLab(page, 2);
  // The cable, then its jail's end from the inspector.
  const label = (await page.getByTestId('edge-label-epair:host:e0a_lab1').boundingBox())!;
  await page.mouse.click(label.x + label.width / 2, label.y + label.height / 2);
  await page.getByTestId('cable-end-b').click();
  await expect(page.getByTestId('inspector').locator('h3')).toHaveText('epair e0b_lab1');
  const field = page.getByTestId('field-cable-name');
  await expect(field).toHaveValue('e0_lab1');

  await field.fill('9lan');
  await field.press('Enter');
  await expect(page.getByTestId('cable-name-error')).toHaveText(/Cable name "9lan" must start with a letter/);
  await expect(page.locator('[data-port="lab1:e0b_lab1"]')).toContainText('e0b_lab1');
  await page.screenshot({ path: 'e2e/artifacts/ergonomics-cable-name-refused.png' });

  await field.fill('web1');
  await field.press('Enter');
  await expect(page.locator('[data-port="lab1:e0b_lab1"]')).toContainText('web1b');
  await expect(page.locator('[data-port="host:e0a_lab1"]')).toContainText('web1a');
  await expect(page.getByTestId('cable-ends')).toContainText('web1a');
  await expect(page.getByTestId('cable-name-error')).toHaveCount(0);
  await page.screenshot({ path: 'e2e/artifacts/ergonomics-cable-renamed.png' });

  await page.getByTestId('undo').click();
  await expect(page.locator('[data-port="lab1:e0b_lab1"]')).toContainText('e0b_lab1');
  await expect(page.locator('[data-port="host:e0a_lab1"]')).toContainText('e0a_lab1');
});

test('the design is renamed in place, and every export is named after the new name', async ({ page }, testInfo) => {
  await openLab(page, 2);
  // Escape puts the old name back; an empty name is refused where it was typed.
  await page.getByTestId('editor-design-rename').click();
  const input = page.getByTestId('editor-design-input');
  await expect(input).toBeFocused();
  await input.fill('Never mind');
  await input.press('Escape');
  await expect(page.getByTestId('design-name')).toHaveText('Lab of 2 jails');
  await page.getByTestId('editor-design-rename').click();
  await input.fill('   ');
  await input.press('Enter');
  await expect(page.getByTestId('editor-design-error')).toHaveText('Design name is empty: a design needs a name.');
  await page.screenshot({ path: 'e2e/artifacts/ergonomics-design-name-refused.png' });
  await input.fill('Night lab');
  await input.press('Enter');
  await expect(page.getByTestId('design-name')).toHaveText('Night lab');

  const downloaded = async (testId: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    const path = testInfo.outputPath(file.suggestedFilename());
    await file.saveAs(path);
    return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
  };
  const json = await downloaded('export-json');
  expect(json.name).toBe('Night-lab.json');
  expect(JSON.parse(json.text).name).toBe('Night lab');
  expect((await downloaded('export-ascii')).name).toBe('Night-lab.txt');
  expect((await downloaded('export-png')).name).toBe('Night-lab.png');
  expect((await downloaded('export-svg')).name).toBe('Night-lab.svg');
  await page.screenshot({ path: 'e2e/artifacts/ergonomics-design-renamed.png' });

  // The list shows the new name, and renames in place too.
  await page.goto('/designs');
  const row = page.getByTestId('design-list').locator('li', { hasText: 'Night lab' });
  await row.getByTestId('design-rename').click();
  await row.getByTestId('design-input').fill('Lab B');
  await row.getByTestId('design-input').press('Enter');
  await expect(page.getByTestId('design-link').filter({ hasText: 'Lab B' })).toHaveCount(1);
  await page.screenshot({ path: 'e2e/artifacts/ergonomics-design-list.png' });
  await page.reload();
  await expect(page.getByTestId('design-link').filter({ hasText: 'Lab B' })).toHaveCount(1);
});

test('wiring keeps every box where it was and in view; a cable dropped on the middle of a box connects', async ({
  page,
}) => {
  await openLab(page, 7);
  await page.getByTestId('palette-jail').click();
  await expect(node(page, 'jail-jail')).toBeVisible();
  // Let the new box settle (the layout answers from a worker), then remember where everything is.
  const before = await settledBoxes(page);

  const source = node(page, 'host:bridge0').locator('.react-flow__handle.source').last();
  const from = (await source.boundingBox())!;
  const target = (await node(page, 'jail-jail').boundingBox())!;
  const middle = { x: target.x + target.width / 2, y: target.y + target.height / 2 };
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move((from.x + middle.x) / 2, (from.y + middle.y) / 2, { steps: 5 });
  await page.mouse.move(middle.x, middle.y, { steps: 5 });
  await page.mouse.up();
  await expect(node(page, 'jail-jail').locator('[data-port]')).toContainText('e0b_jail');

  const canvas = (await page.locator('.react-flow').boundingBox())!;
  const after = await settledBoxes(page);
  for (const { id, rect } of after) {
    expect(rect.left, `${id} left`).toBeGreaterThanOrEqual(canvas.x - 1);
    expect(rect.top, `${id} top`).toBeGreaterThanOrEqual(canvas.y - 1);
    expect(rect.right, `${id} right`).toBeLessThanOrEqual(canvas.x + canvas.width + 1);
    expect(rect.bottom, `${id} bottom`).toBeLessThanOrEqual(canvas.y + canvas.height + 1);
  }
  // The jails did not move at all (the bridge grew a row; the host grew around it).
  for (const id of ['lab1', 'lab4', 'lab7', 'jail-jail']) {
    const was = before.find((b) => b.id === id)!.rect;
    const now = after.find((b) => b.id === id)!.rect;
    expect({ id, x: Math.round(now.x), y: Math.round(now.y) }).toEqual({
      id,
      x: Math.round(was.x),
      y: Math.round(was.y),
    });
  }
  await page.screenshot({ path: 'e2e/artifacts/ergonomics-wired.png' });
});

test('? opens the sheet of every shortcut; Escape closes it; the toolbar button opens it too', async ({ page }) => {
  await openLab(page, 1);
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('button', { name: 'Close' })).toBeFocused();
  await expect(sheet.getByTestId('shortcut')).toHaveCount(SHORTCUTS.length);
  await expect(sheet.getByTestId('shortcut').first()).toContainText('Ctrl+Z');
  await expect(sheet.getByTestId('shortcut').first()).toContainText('Undo');
  await expect(sheet).toContainText('Show this list of shortcuts');
  await page.screenshot({ path: 'e2e/artifacts/ergonomics-shortcuts.png' });
  // Keys do not reach the editor behind the sheet.
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
  await expect(page.getByText('Select a box or a cable to edit it.')).toBeVisible();
  await page.getByTestId('show-shortcuts').click();
  await expect(sheet).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
  await expect(page.getByTestId('show-shortcuts')).toBeFocused();
});
