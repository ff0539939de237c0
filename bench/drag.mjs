// Drag benchmark in Chromium: frame time while dragging one box of a 500-box / 600-cable design,
// Patchbay's editor against bare React Flow drawing the same graph, in the same run; and how many
// other boxes re-render during the drag (the goal is none).
import { chromium } from '@playwright/test';
import { CHROMIUM, startNext } from './next-server.mjs';

async function measure(browser, mode) {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`${server.url}/bench?mode=${mode}`);
  await page.waitForFunction(() => window.__benchReady === true, null, { timeout: 120_000 });
  await page.waitForTimeout(500);
  // Drag the jail box nearest the middle of the screen (both views fit the same drawing at the same zoom).
  const pickJail = () =>
    page.evaluate(() => {
      const visible = [...document.querySelectorAll('.react-flow__node')]
        .filter((el) => /^j\d+_\d+$/.test(el.getAttribute('data-id') ?? ''))
        .map((el) => ({ id: el.getAttribute('data-id'), r: el.getBoundingClientRect() }))
        .filter(
          ({ r }) =>
            r.top > 20 && r.bottom < innerHeight - 20 && r.left > 20 && r.right < innerWidth - 20 && r.width > 8,
        );
      visible.sort(
        (a, b) =>
          Math.hypot(a.r.x - innerWidth / 2, a.r.y - innerHeight / 2) -
          Math.hypot(b.r.x - innerWidth / 2, b.r.y - innerHeight / 2),
      );
      return visible[0]?.id;
    });
  // Boxes become visible once React Flow has measured them; give it a moment on a slow machine.
  let dragged;
  for (let attempt = 0; attempt < 20 && !dragged; attempt++)
    dragged = (await pickJail()) ?? (await page.waitForTimeout(250), undefined);
  if (!dragged) throw new Error(`no jail box on screen in ${mode} mode`);
  const box = await page.locator(`.react-flow__node[data-id="${dragged}"]`).boundingBox();
  await page.evaluate(() => {
    window.__patchbayRenders = new Map();
    window.__frames = [];
    const tick = (t) => {
      window.__frames.push(t);
      if (window.__recording) requestAnimationFrame(tick);
    };
    window.__recording = true;
    requestAnimationFrame(tick);
  });
  const [x, y] = [box.x + Math.min(20, box.width / 3), box.y + Math.min(10, box.height / 3)];
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) await page.mouse.move(x + i * 4, y + i * 2);
  await page.mouse.up();
  await page.waitForTimeout(200);
  const result = await page.evaluate((dragged) => {
    window.__recording = false;
    const frames = window.__frames;
    const gaps = frames
      .slice(1)
      .map((t, i) => t - frames[i])
      .sort((a, b) => a - b);
    const others = [...(window.__patchbayRenders ?? new Map()).keys()].filter((id) => id !== dragged && id !== 'host');
    const draggedRenders = (window.__patchbayRenders ?? new Map()).get(dragged) ?? 0;
    return {
      mean: gaps.reduce((s, g) => s + g, 0) / gaps.length,
      p95: gaps[Math.floor(gaps.length * 0.95)] ?? 0,
      frames: gaps.length,
      otherRenders: others.length,
      draggedRenders,
    };
  }, dragged);
  const after = await page.locator(`.react-flow__node[data-id="${dragged}"]`).boundingBox();
  if (Math.abs(after.x - box.x) < 50) throw new Error(`the drag did not move ${dragged} in ${mode} mode`);
  await page.close();
  return result;
}

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];

const server = await startNext('/bench');
try {
  const browser = await chromium.launch(CHROMIUM);
  const runs = { bare: [], editor: [] };
  for (let round = 0; round < 5; round++)
    for (const mode of ['bare', 'editor']) runs[mode].push(await measure(browser, mode));
  await browser.close();
  const bare = median(runs.bare.map((r) => r.mean));
  const editor = median(runs.editor.map((r) => r.mean));
  const others = Math.max(...runs.editor.map((r) => r.otherRenders));
  // The counter must see the dragged box re-render, or "no other box" would prove nothing.
  const counted = Math.min(...runs.editor.map((r) => r.draggedRenders));
  const ratio = editor / bare;
  console.log(
    `${ratio <= 1.25 ? 'ok  ' : 'MISS'} ${'drag frame time, 500 boxes / 600 cables'.padEnd(44)} ${`${editor.toFixed(1)} ms vs bare React Flow ${bare.toFixed(1)} ms = ${ratio.toFixed(2)}`.padEnd(34)} goal ratio <= 1.25`,
  );
  console.log(
    `${others === 0 && counted > 0 ? 'ok  ' : 'MISS'} ${'other boxes re-rendered while dragging one'.padEnd(44)} ${`${others} (the dragged one: ${counted} renders)`.padEnd(34)} goal 0`,
  );
} finally {
  server.stop();
}
