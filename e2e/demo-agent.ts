import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

// The emulated agent the end-to-end tests talk to through the dashboard: started and stopped by the
// tests themselves (so one can take it away and bring it back), with one injected fault for the
// failing-apply test.

// E2E_AGENT_PORT lets two checkouts run their end-to-end tests side by side.
export const AGENT_LISTEN = `127.0.0.1:${process.env.E2E_AGENT_PORT ?? 7795}`;
export const AGENT_DIR = 'e2e/artifacts/agent';
export const AGENT_TOKEN_FILE = `${AGENT_DIR}/token`;
/** Creating a jail named "broken" fails in the emulator, as a real host's jail(8) might. */
export const FAULT = 'jail -c name=broken';

export function agentToken(): string {
  return readFileSync(AGENT_TOKEN_FILE, 'utf8').trim();
}

export async function startAgent({ fresh }: { fresh: boolean }): Promise<ChildProcess> {
  if (fresh) rmSync(AGENT_DIR, { recursive: true, force: true });
  mkdirSync(AGENT_DIR, { recursive: true, mode: 0o700 });
  const child = spawn(
    process.execPath,
    [
      'dist/agent.mjs',
      '--driver',
      'emulator',
      '--listen',
      AGENT_LISTEN,
      '--state-dir',
      AGENT_DIR,
      '--token-file',
      AGENT_TOKEN_FILE,
      '--interval',
      '1000',
      '--confirm-timeout',
      '300000',
      '--fault',
      FAULT,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the agent exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening on')) resolve();
    });
  });
  return child;
}

export async function stopAgent(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
