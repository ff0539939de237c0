// `npm run demo` / `npm start`: the dashboard and a local agent on the emulator holding the demo
// host, side by side; Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const port = process.env.PORT ?? '3000';
const agentListen = process.env.PATCHBAY_AGENT_LISTEN ?? '127.0.0.1:7780';
mkdirSync('.data/agent', { recursive: true, mode: 0o700 });

const children = [
  spawn(process.execPath, ['dist/agent.mjs', '--driver', 'emulator', '--listen', agentListen, '--state-dir', '.data/agent', '--token-file', '.data/agent/token'], { stdio: 'inherit' }),
  spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '--port', port], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PATCHBAY_AGENT_URL: `http://${agentListen}`, PATCHBAY_AGENT_TOKEN_FILE: '.data/agent/token' } }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
for (const child of children) {
  child.once('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
}
