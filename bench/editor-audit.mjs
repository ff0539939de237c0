// Edit-to-matrix benchmark in Chromium: time from an edit in the editor (a jail's cable taken down
// or up again, through the editor's store) to the audit matrix showing its new verdicts, on a
// 200-jail design, with the editor's worker (one AuditSession kept between edits, the saved version
// audited once) against the same page served a worker that audits everything again (the draft and
// its saved version), in the same run. Both include the editor's 150 ms pause after an edit.
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { mkdirSync, readFileSync } from 'node:fs';
import { CHROMIUM, startNext } from './next-server.mjs';

mkdirSync('.data', { recursive: true });
await build({
  entryPoints: ['bench/audit-worker-full.ts'],
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  minify: true,
  outfile: '.data/audit-worker-full.js',
  logLevel: 'warning',
});
const fullWorker = readFileSync('.data/audit-worker-full.js', 'utf8');

const EDITS = [7, 7, 63, 63, 118, 118, 171, 171];

async function measure(browser, mode) {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  if (mode === 'full')
    await page.route('**/audit-worker.js', (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript', body: fullWorker }),
    );
  // When each audit question leaves the page and its answer comes back, to tell the worker's share
  // of the time from the page's (other workers, such as the layout's, are left out).
  await page.addInitScript(() => {
    const Base = window.Worker;
    window.__asked = new Map();
    window.Worker = class extends Base {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', (event) => {
          const asked = window.__asked.get(event.data?.id);
          if (asked && event.data.kind === 'report') asked.answered = performance.now();
        });
      }
      postMessage(message, ...rest) {
        if (message?.kind === 'report') window.__asked.set(message.id, { posted: performance.now() });
        super.postMessage(message, ...rest);
      }
    };
  });
  await page.goto(`${server.url}/bench/audit`);
  const settled = () =>
    page.waitForFunction(
      () => {
        const status = document.querySelector('[data-testid="audit-status"]')?.textContent ?? '';
        return (
          document.querySelectorAll('[data-testid="audit-matrix"] tbody tr').length === 200 &&
          !status.startsWith('Auditing')
        );
      },
      null,
      { timeout: 180_000 },
    );
  await settled();
  const times = [];
  for (const jail of EDITS) {
    await page.waitForTimeout(300);
    const timed = await page.evaluate(
      (jail) =>
        new Promise((resolve, reject) => {
          const panel = document.querySelector('[data-testid="audit-panel"]');
          const row = () =>
            [
              ...document
                .querySelectorAll('[data-testid="audit-matrix"] tbody tr')
                [jail].querySelectorAll('[data-verdict]'),
            ]
              .map((b) => b.getAttribute('data-verdict'))
              .join();
          const before = row();
          const done = () => panel.querySelector('[aria-busy="true"]') === null && row() !== before;
          const observer = new MutationObserver(() => {
            if (!done()) return;
            observer.disconnect();
            const last = [...window.__asked.values()].filter((a) => a.posted >= started && a.answered).at(-1);
            resolve({ total: performance.now() - started, worker: last ? last.answered - last.posted : NaN });
          });
          observer.observe(panel, { subtree: true, childList: true, attributes: true, characterData: true });
          setTimeout(
            () => (observer.disconnect(), reject(new Error(`jail ${jail}: the matrix did not change`))),
            120_000,
          );
          const started = performance.now();
          window.__auditBench.toggle(jail);
        }),
      jail,
    );
    times.push(timed);
    await settled();
  }
  await page.close();
  return times;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const server = await startNext('/bench/audit');
try {
  const browser = await chromium.launch(CHROMIUM);
  const runs = { session: [], full: [] };
  for (let round = 0; round < 2; round++)
    for (const mode of ['full', 'session']) runs[mode].push(...(await measure(browser, mode)));
  await browser.close();
  const [session, full] = [median(runs.session.map((t) => t.total)), median(runs.full.map((t) => t.total))];
  const [sessionWorker, fullWorkerMs] = [
    median(runs.session.map((t) => t.worker)),
    median(runs.full.map((t) => t.worker)),
  ];
  const ratio = session / full;
  console.log(
    `${ratio <= 0.5 ? 'ok  ' : 'MISS'} ${'edit to audit matrix, 200 jails (editor)'.padEnd(44)} ${`${session.toFixed(0)} ms vs full re-audit ${full.toFixed(0)} ms = ${ratio.toFixed(2)}`.padEnd(34)} goal ratio <= 0.5`,
  );
  console.log(
    `     ${'  of which the audit question and answer'.padEnd(44)} ${`${sessionWorker.toFixed(0)} ms vs ${fullWorkerMs.toFixed(0)} ms = ${(sessionWorker / fullWorkerMs).toFixed(2)}`.padEnd(34)} (the rest is the page drawing)`,
  );
} finally {
  server.stop();
}
