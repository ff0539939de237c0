// First-drawing benchmark in Chromium, each run in a fresh browser context (nothing cached, no
// layout worker running yet), as a new user meets the views:
// - the demo host's view (/hosts/local on the emulated agent): from the host's state arriving to its
//   boxes on screen, against the time the page took to get that state (navigation to the answer);
// - a template opened from /designs: from the click to the editor's boxes on screen, against the
//   time to the editor's page (the design created, the page rendered and shown).
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { CHROMIUM, startNext } from './next-server.mjs';

const RUNS = 5;
const AGENT_DIR = '.data/bench-agent';

async function startAgent() {
  rmSync(AGENT_DIR, { recursive: true, force: true });
  mkdirSync(AGENT_DIR, { recursive: true, mode: 0o700 });
  // A port of its own each run, as the dashboard's (bench/next-server.mjs).
  const listen = `127.0.0.1:${7900 + Math.floor(Math.random() * 90)}`;
  const tokenFile = `${AGENT_DIR}/token`;
  const child = spawn(
    process.execPath,
    ['dist/agent.mjs', '--driver', 'emulator', '--listen', listen, '--state-dir', AGENT_DIR, '--token-file', tokenFile],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the agent exited with ${code}`)));
    child.stdout.on('data', (chunk) => {
      if (chunk.toString().includes('listening on')) resolve();
    });
  });
  return { url: `http://${listen}`, tokenFile, stop: () => child.kill('SIGTERM') };
}

/** When the first box is drawn, in the page's clock, recorded by the page itself. */
function watchFirstBox() {
  new MutationObserver((_, observer) => {
    if (document.querySelector('.react-flow__node')) {
      window.__firstBox = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

async function hostView(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.addInitScript(watchFirstBox);
  await page.goto(`${url}/hosts/local`);
  await page.waitForFunction(() => window.__firstBox !== undefined, null, { timeout: 60_000 });
  const times = await page.evaluate(() => {
    const read = performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.includes('hosts.state'))
      .map((entry) => entry.responseEnd);
    return { read: Math.min(...read), drawn: window.__firstBox };
  });
  await context.close();
  if (!Number.isFinite(times.read)) throw new Error('the host view never read hosts.state');
  return { read: times.read, layout: times.drawn - times.read };
}

async function template(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${url}/designs`);
  const button = page.getByTestId('template-internet-only');
  await button.waitFor();
  const start = Date.now();
  await button.click();
  await page.getByTestId('design-name').waitFor({ timeout: 60_000 });
  const shown = Date.now() - start;
  await page.locator('.react-flow__node').first().waitFor({ timeout: 60_000 });
  const drawn = Date.now() - start;
  await context.close();
  return { shown, drawn };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const agent = await startAgent();
process.env.PATCHBAY_AGENT_URL = agent.url;
process.env.PATCHBAY_AGENT_TOKEN_FILE = agent.tokenFile;
const server = await startNext('/hosts');
try {
  const browser = await chromium.launch(CHROMIUM);
  const hosts = [];
  const templates = [];
  for (let round = 0; round < RUNS; round++) {
    hosts.push(await hostView(browser, server.url));
    templates.push(await template(browser, server.url));
  }
  await browser.close();
  const read = median(hosts.map((h) => h.read));
  const layout = median(hosts.map((h) => h.layout));
  console.log(
    `${layout <= 1000 ? 'ok  ' : 'MISS'} ${'host view: state read to first boxes, demo'.padEnd(44)} ${`${layout.toFixed(0)} ms (reading it took ${read.toFixed(0)} ms, x${(layout / read).toFixed(2)})`.padEnd(34)} goal <= 1000 ms`,
  );
  const shown = median(templates.map((t) => t.shown));
  const drawn = median(templates.map((t) => t.drawn));
  console.log(
    `${drawn <= 2000 ? 'ok  ' : 'MISS'} ${'template: click to boxes drawn'.padEnd(44)} ${`${drawn.toFixed(0)} ms (editor page shown at ${shown.toFixed(0)} ms, x${(drawn / shown).toFixed(2)})`.padEnd(34)} goal <= 2000 ms`,
  );
} finally {
  server.stop();
  agent.stop();
}
