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

/**
 * The second local host, the Bastille-style one (`--profile bastille`), which stays up for the whole
 * run: playwright.config.ts starts it beside the dashboard, fresh each run. E2E_BASTILLE_PORT lets
 * two checkouts run side by side.
 */
export const BASTILLE_AGENT_LISTEN = `127.0.0.1:${process.env.E2E_BASTILLE_PORT ?? 7796}`;
export const BASTILLE_AGENT_DIR = 'e2e/artifacts/agent-bastille';
export const BASTILLE_AGENT_TOKEN_FILE = `${BASTILLE_AGENT_DIR}/token`;
/** Its id in the dashboard (server/storage/hosts.ts BASTILLE_DEMO_HOST_ID). */
export const BASTILLE_HOST_ID = 'bastille-demo';
/** The shell command playwright.config.ts runs it with: a fresh state directory, then the agent. */
export const BASTILLE_AGENT_COMMAND = [
  `rm -rf ${BASTILLE_AGENT_DIR}`,
  `mkdir -p -m 700 ${BASTILLE_AGENT_DIR}`,
  [
    'node dist/agent.mjs --driver emulator --profile bastille',
    `--listen ${BASTILLE_AGENT_LISTEN}`,
    `--state-dir ${BASTILLE_AGENT_DIR}`,
    `--token-file ${BASTILLE_AGENT_TOKEN_FILE}`,
    '--interval 1000',
  ].join(' '),
].join(' && ');

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
