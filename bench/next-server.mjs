// The production dashboard for the browser benchmarks: built when missing, started on a port of its
// own each run (so a server left over from another run can never answer instead).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export async function startNext(probePath) {
  const port = 3300 + Math.floor(Math.random() * 600);
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PATCHBAY_DATA_DIR: '.data/bench' };
  if (!existsSync('.next/BUILD_ID')) spawnSync('npx', ['next', 'build'], { stdio: 'inherit', env });
  const server = spawn('npx', ['next', 'start', '--hostname', '127.0.0.1', '--port', String(port)], { stdio: 'ignore', env, detached: true });
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

export const CHROMIUM = { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] };
