// The dashboard's bench build for the browser benchmarks: PATCHBAY_BENCH=1 makes next.config.mjs
// add the app/**/page.bench.tsx pages and build into .next-bench, so the shipped .next never has
// them and is never replaced. Built once per process (a run measures the code as it is now, with
// the audit worker built first as `npm run build` does), and started on a port of its own each run
// (so a server left over from another run can never answer instead).
import { spawn, spawnSync } from 'node:child_process';

let built = false;

export async function startNext(probePath) {
  const port = 3300 + Math.floor(Math.random() * 600);
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PATCHBAY_DATA_DIR: '.data/bench', PATCHBAY_BENCH: '1' };
  if (!built) {
    for (const command of [
      ['node', 'scripts/build-worker.mjs'],
      ['npx', 'next', 'build'],
    ]) {
      if (spawnSync(command[0], command.slice(1), { stdio: 'inherit', env }).status !== 0)
        throw new Error(`${command.join(' ')} failed`);
    }
    built = true;
  }
  const server = spawn('npx', ['next', 'start', '--hostname', '127.0.0.1', '--port', String(port)], {
    stdio: 'ignore',
    env,
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}${probePath}`)).ok) return { url: `http://127.0.0.1:${port}`, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  stop();
  throw new Error('next start did not come up');
}

export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
};
