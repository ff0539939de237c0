// `npm run demo` / `npm start`: the dashboard and two local agents on the emulator, side by side: the
// blog demo host, and a Bastille-style host (`--profile bastille`: shared-IP jails, a pf table, nat and
// rdr anchors; fixtures/bastille/SOURCES.md). Ctrl-C stops them all.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const port = process.env.PORT ?? '3000';
// Loopback by default (`next start` alone listens everywhere). Any other address is reachable from
// the network, so there the dashboard asks for a login, and the first password needs the setup code.
const host = process.env.PATCHBAY_HOST ?? '127.0.0.1';
const loopback = /^(127(\.\d{1,3}){3}|::1|\[::1\]|localhost)$/i.test(host);
const bare = host.replace(/^\[|\]$/g, '');
const everyAddress = bare === '0.0.0.0' || bare === '::';
// The dashboard answers only to loopback and the Host names in PATCHBAY_ALLOWED_HOSTS (a guard
// against DNS rebinding, server/auth/allowed-hosts.ts). A specific listen address is how people will
// reach it, so it is added; a DNS name for it, or which addresses lie behind 0.0.0.0, only they know.
const listenEntry = loopback || everyAddress ? null : bare.includes(':') ? `[${bare}]` : bare;
const allowedHosts = [process.env.PATCHBAY_ALLOWED_HOSTS?.trim(), listenEntry].filter(Boolean).join(',');
if (!loopback) {
  const setupCode = join(process.env.PATCHBAY_DATA_DIR ?? '.data', 'setup-code');
  console.log(
    `Patchbay: the dashboard listens on ${host}, which is not loopback, so it requires a login. Until the admin password is set, /login asks for the one-time setup code in ${setupCode} (written when /login is first opened).`,
  );
  const names = allowedHosts ? `loopback and ${allowedHosts}` : 'loopback only, though it listens on every address';
  console.log(
    `Patchbay: it answers to the Host names of ${names}. To reach it by a DNS name (or another address), start it with PATCHBAY_ALLOWED_HOSTS=${allowedHosts ? `${allowedHosts},` : ''}patchbay.example.lan (comma-separated names or name:port).`,
  );
}
const agentListen = process.env.PATCHBAY_AGENT_LISTEN ?? '127.0.0.1:7780';
const bastilleListen = process.env.PATCHBAY_BASTILLE_AGENT_LISTEN ?? '127.0.0.1:7781';
mkdirSync('.data/agent', { recursive: true, mode: 0o700 });
mkdirSync('.data/agent-bastille', { recursive: true, mode: 0o700 });

/** One emulated agent with its own state directory and token file, so the two never share a journal. */
const agent = (profile, listen, dir) =>
  spawn(
    process.execPath,
    [
      'dist/agent.mjs',
      '--driver',
      'emulator',
      '--profile',
      profile,
      '--listen',
      listen,
      '--state-dir',
      dir,
      '--token-file',
      `${dir}/token`,
    ],
    { stdio: 'inherit' },
  );

const children = [
  agent('blog', agentListen, '.data/agent'),
  agent('bastille', bastilleListen, '.data/agent-bastille'),
  spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '--hostname', bare, '--port', port], {
    stdio: 'inherit',
    env: {
      ...process.env,
      ...(loopback ? {} : { PATCHBAY_REQUIRE_LOGIN: '1' }),
      ...(allowedHosts ? { PATCHBAY_ALLOWED_HOSTS: allowedHosts } : {}),
      NEXT_TELEMETRY_DISABLED: '1',
      PATCHBAY_AGENT_URL: `http://${agentListen}`,
      PATCHBAY_AGENT_TOKEN_FILE: '.data/agent/token',
      PATCHBAY_BASTILLE_AGENT_URL: `http://${bastilleListen}`,
      PATCHBAY_BASTILLE_AGENT_TOKEN_FILE: '.data/agent-bastille/token',
    },
  }),
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
