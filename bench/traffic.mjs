// Live-traffic benchmark in Chromium: 1,000 cables each receiving a new rate every tick. Measures
// the renderer main thread's busy time per tick from a Chromium trace (scripting, style, layout,
// paint: everything the tick costs), against a baseline tick in the same run whose numbers did not
// change; and counts box re-renders (the goal is none).
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM, startNext } from './next-server.mjs';

const TICKS = 20;
const TRACE = '.data/traffic-trace.json';

/** Busy time of the page's main thread: the sum of its top-level tasks. */
function mainThreadMs(trace) {
  const events = trace.traceEvents ?? trace;
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
  const busiest = new Map();
  for (const e of events) if (e.ph === 'X' && e.name === 'RunTask' && mains.includes(`${e.pid}:${e.tid}`)) busiest.set(`${e.pid}:${e.tid}`, (busiest.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur / 1000);
  return Math.max(0, ...busiest.values());
}

async function measure(browser, page, changed) {
  await browser.startTracing(page, { path: TRACE, categories: ['devtools.timeline', 'toplevel'] });
  for (let i = 0; i < TICKS; i++) {
    await page.evaluate((changed) => window.__trafficTick(changed), changed);
    await page.waitForTimeout(120);
  }
  await browser.stopTracing();
  return mainThreadMs(JSON.parse(readFileSync(TRACE, 'utf8'))) / TICKS;
}

const server = await startNext('/bench/traffic');
try {
  const browser = await chromium.launch(CHROMIUM);
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`${server.url}/bench/traffic`);
  await page.waitForFunction(() => window.__trafficReady === true, null, { timeout: 180_000 });
  const edges = await page.evaluate(() => window.__trafficEdges);
  // Warm up (first paint of every label), then measure.
  for (let i = 0; i < 3; i++) await page.evaluate(() => window.__trafficTick(true));
  await page.waitForTimeout(500);
  await page.evaluate(() => (window.__patchbayRenders = new Map()));
  const baseline = await measure(browser, page, false);
  const updating = await measure(browser, page, true);
  const renders = await page.evaluate(() => [...window.__patchbayRenders.values()].reduce((a, b) => a + b, 0));
  const moved = await page.evaluate(() => document.querySelector('[data-meter] text')?.textContent ?? '');
  await browser.close();
  if (!/↑ \d/.test(moved)) throw new Error(`the cables did not show rates (label: "${moved}")`);
  console.log(`${updating < 8 ? 'ok  ' : 'MISS'} ${`main thread per counter tick, ${edges} cables`.padEnd(44)} ${`${updating.toFixed(2)} ms (a tick with nothing new ${baseline.toFixed(2)} ms)`.padEnd(34)} goal < 8 ms`);
  console.log(`${renders === 0 ? 'ok  ' : 'MISS'} ${'box re-renders during those ticks'.padEnd(44)} ${String(renders).padEnd(34)} goal 0`);
} finally {
  server.stop();
}
