import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { blogWithJail } from '../core/testing/blog-with-jail';

// The soak: the one-file agent on the emulator (dist/agent.mjs, as shipped), 100 counter
// subscribers and 10 planners for a few minutes, while a probe times host.info. It used to grow
// from 63 MB to 1.3 GB and never give it back (issue 14, finding 9). The agent's RSS is read from
// /proc at the start, middle and end; a bounded agent levels off, so the end is within 1.2x the middle.

export interface SoakResult {
  seconds: number;
  rssMb: { start: number; middle: number; end: number };
  hostInfo: { calls: number; p50: number; p99: number };
  plans: number;
  samplesRead: number;
  failures: number;
}

const TOKEN = 'soak-'.padEnd(48, 'x');
const SUBSCRIBERS = 100;
const PLANNERS = 10;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function rssMb(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

const PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
let latencies = [];
let failures = 0;
let running = true;
parentPort.on('message', (message) => {
  if (message === 'reset') latencies = [];
  else running = false;
});
(async () => {
  while (running) {
    const started = performance.now();
    try {
      const response = await fetch(workerData.url + '/host.info', { headers: workerData.headers });
      await response.arrayBuffer();
      if (!response.ok) failures++;
    } catch {
      failures++;
    }
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  parentPort.postMessage({ latencies, failures });
})();
`;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export async function benchSoak(seconds: number): Promise<SoakResult> {
  const stateDir = mkdtempSync(join(tmpdir(), 'patchbay-soak-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const agent = spawn(
    process.execPath,
    [
      'dist/agent.mjs',
      '--driver',
      'emulator',
      '--listen',
      `127.0.0.1:${port}`,
      '--state-dir',
      stateDir,
      '--token-file',
      join(stateDir, 'token'),
      '--interval',
      '1000',
    ],
    {
      env: { ...process.env, PATCHBAY_AGENT_TOKEN: TOKEN },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const headers = { authorization: `Bearer ${TOKEN}` };
  const stop = new AbortController();
  let failures = 0;
  let samplesRead = 0;
  let plans = 0;
  try {
    for (let tries = 0; ; tries++) {
      if (
        (await fetch(`${url}/host.info`, { headers })
          .then((r) => r.ok)
          .catch(() => false)) === true
      )
        break;
      if (tries > 100) throw new Error('the agent did not start');
      await sleep(100);
    }
    const subscriber = async () => {
      const response = await fetch(`${url}/counters.stream`, { headers, signal: stop.signal });
      const reader = response.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        samplesRead += (new TextDecoder().decode(value).match(/^id: /gm) ?? []).length;
      }
    };
    const planner = async (n: number) => {
      const body = JSON.stringify({ desired: blogWithJail(`soak${n}`) });
      while (!stop.signal.aborted) {
        const response = await fetch(`${url}/plan.create`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body,
        });
        if (response.ok) plans++;
        else failures++;
        await response.arrayBuffer();
      }
    };
    // The probe runs in its own thread, so what it times is the agent, not this process's own busy
    // event loop (100 streams and 10 planners are read here).
    const probe = new Worker(PROBE, { eval: true, workerData: { url, headers } });
    const probeStopped = new Promise<{ latencies: number[]; failures: number }>((resolve) =>
      probe.once('message', resolve),
    );
    const quietly = (work: Promise<unknown>) =>
      work.catch((error: unknown) => void (stop.signal.aborted || failures++ || console.error(error)));
    const load = [
      ...Array.from({ length: SUBSCRIBERS }, () => quietly(subscriber())),
      ...Array.from({ length: PLANNERS }, (_, n) => quietly(planner(n))),
    ];
    await sleep(5_000); // every subscriber connected and the first plans made: that is the start
    const start = rssMb(agent.pid!);
    probe.postMessage('reset'); // connecting 100 streams at once is the start, not the steady state
    await sleep((seconds * 1000) / 2 - 5_000);
    const middle = rssMb(agent.pid!);
    await sleep((seconds * 1000) / 2);
    const end = rssMb(agent.pid!);
    probe.postMessage('stop');
    const probed = await probeStopped;
    failures += probed.failures;
    stop.abort();
    await Promise.all(load);
    const sorted = probed.latencies.sort((a, b) => a - b);
    return {
      seconds,
      rssMb: { start, middle, end },
      hostInfo: { calls: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) },
      plans,
      samplesRead,
      failures,
    };
  } finally {
    stop.abort();
    agent.kill('SIGTERM');
    rmSync(stateDir, { recursive: true, force: true });
  }
}
