import { readFileSync } from 'node:fs';
import { isIPv4 } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ApplyService } from './apply/apply-service';
import { CounterPoller } from './counters/poller';
import { auditPath } from './emulator/audit-path';
import { bastilleFlows, createBastilleHost } from './emulator/bastille-host';
import { createDemoHost, demoFlows } from './emulator/demo-host';
import { isAgentCommand, prefixFault } from './emulator/emulator';
import { tick } from './emulator/traffic';
import { createSystemExecutor } from './executor/system';
import type { HostFiles } from './persist/host-files';
import { createDemoFiles } from './persist/memory-files';
import { NodeHostFiles } from './persist/node-files';
import { PersistService } from './persist/persist-service';
import type { Executor } from './executor/types';
import { createAgentServer } from './server/http-server';
import { AGENT_VERSION } from './server/router';
import { loadToken } from './server/token';

// patchbay-agent: `node dist/agent.mjs --driver freebsd|emulator --listen HOST:PORT --token-file F
// --state-dir D`. Listens on loopback unless told otherwise; TLS when given a certificate and key.

const USAGE = `patchbay-agent ${AGENT_VERSION}
  --driver freebsd|emulator   run real FreeBSD commands, or the built-in demo host (default freebsd)
  --profile blog|bastille     emulator only: which demo host (default blog): "blog", vnet jails on bridges built
                              as Patchbay builds them; "bastille", BastilleBSD's documented default, shared-IP
                              jails on the bastille0 loopback behind pf nat, a <jails> table and rdr anchors
  --listen HOST:PORT          address to listen on (default 127.0.0.1:7780)
  --state-dir DIR             journal and remembered jails (default /var/db/patchbay)
  --token-file FILE           bearer token, made with mode 0600 when absent (default /usr/local/etc/patchbay/agent.token;
                              PATCHBAY_AGENT_TOKEN in the environment takes precedence)
  --tls-cert FILE --tls-key FILE   serve HTTPS
  --interval MS               counter sampling period, 1000..10000 (default 2000)
  --confirm-timeout MS        revert an unconfirmed apply after this long (default 60000)
  --guard-interface IF        an interface the agent's own connection uses (repeatable)
  --fault "PREFIX"            emulator only, for tests and demos: every command whose argv starts with
                              these words fails (exit 1), e.g. --fault "jail -c name=broken" (repeatable, at most 10)
  --allow-raw-files           let persist.preview take files as given ({ files, override: { reason } }) instead of
                              rendering a design: root code at boot, journaled with the reason and diffs (off by default)`;

/** The emulated hosts `--profile` picks from (emulator only). */
const PROFILES = ['blog', 'bastille'] as const;
export type Profile = (typeof PROFILES)[number];

export interface AgentConfig {
  driver: 'freebsd' | 'emulator';
  /** Emulator only: which demo host; "blog" unless --profile says otherwise. */
  profile: Profile;
  host: string;
  port: number;
  stateDir: string;
  tokenFile: string;
  tls?: { cert: string; key: string };
  intervalMs: number;
  confirmTimeoutMs: number;
  guardInterfaces: string[];
  /** Emulator only: argv prefixes, words joined by one space, whose commands always fail. */
  faults: string[];
  /** persist.preview may take files not rendered from a design, with an override reason (off by default). */
  allowRawFiles: boolean;
}

const MAX_FAULTS = 10;
const MAX_FAULT_LENGTH = 200;

export function parseConfig(argv: string[]): AgentConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      driver: { type: 'string', default: 'freebsd' },
      profile: { type: 'string' },
      listen: { type: 'string', default: '127.0.0.1:7780' },
      'state-dir': { type: 'string', default: '/var/db/patchbay' },
      'token-file': { type: 'string', default: '/usr/local/etc/patchbay/agent.token' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      interval: { type: 'string', default: '2000' },
      'confirm-timeout': { type: 'string', default: '60000' },
      'guard-interface': { type: 'string', multiple: true, default: [] },
      fault: { type: 'string', multiple: true, default: [] },
      'allow-raw-files': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) throw new UsageError(USAGE);
  if (values.driver !== 'freebsd' && values.driver !== 'emulator')
    throw new UsageError(`--driver must be "freebsd" or "emulator", not "${values.driver}".`);
  const profile = parseProfile(values.profile, values.driver);
  const listen = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):([0-9]{1,5})$/.exec(values.listen);
  if (!listen || Number(listen[2]) > 65535)
    throw new UsageError(`--listen must be HOST:PORT, like 127.0.0.1:7780; got "${values.listen}".`);
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key']))
    throw new UsageError('--tls-cert and --tls-key go together.');
  const host = listen[1]!.replace(/^\[|\]$/g, '');
  // An address, not a name that merely starts like one: 127.attacker.example resolves wherever its owner likes.
  const loopback = host === 'localhost' || host === '::1' || (isIPv4(host) && host.startsWith('127.'));
  // The bearer token must never cross a network in clear text.
  if (!loopback && !values['tls-cert'])
    throw new UsageError(
      `Listening on ${host} without TLS would send the token in clear text; give --tls-cert and --tls-key, or listen on 127.0.0.1.`,
    );
  const badGuard = values['guard-interface'].find((name) => !/^[A-Za-z][A-Za-z0-9_.]{0,14}$/.test(name));
  if (badGuard !== undefined)
    throw new UsageError(
      `--guard-interface "${badGuard}" is not an interface name (letters, digits, "_" and "."; at most 15 characters).`,
    );
  const faults = parseFaults(values.fault, values.driver);
  const number = (name: string, text: string, min: number, max: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new UsageError(`--${name} must be a whole number from ${min} to ${max}; got "${text}".`);
    return n;
  };
  return {
    driver: values.driver,
    profile,
    host,
    port: Number(listen[2]),
    stateDir: values['state-dir'],
    tokenFile: values['token-file'],
    ...(values['tls-cert'] && values['tls-key']
      ? { tls: { cert: readFileSync(values['tls-cert'], 'utf8'), key: readFileSync(values['tls-key'], 'utf8') } }
      : {}),
    intervalMs: number('interval', values.interval, 1000, 10_000),
    confirmTimeoutMs: number('confirm-timeout', values['confirm-timeout'], 1000, 3_600_000),
    guardInterfaces: values['guard-interface'],
    faults,
    allowRawFiles: values['allow-raw-files'],
  };
}

function parseProfile(value: string | undefined, driver: AgentConfig['driver']): Profile {
  if (value === undefined) return 'blog';
  // A real host is what it is: a profile only chooses which emulated host to build.
  if (driver !== 'emulator')
    throw new UsageError('--profile is emulator-only (it picks the emulated demo host); add --driver emulator.');
  const known = PROFILES.find((p) => p === value);
  if (!known)
    throw new UsageError(
      `--profile must be one of ${PROFILES.map((p) => `"${p}"`).join(', ')}; got ${JSON.stringify(value.slice(0, 40))}.`,
    );
  return known;
}

function parseFaults(values: string[], driver: AgentConfig['driver']): string[] {
  if (values.length === 0) return [];
  // A real host must never be told to pretend its commands failed.
  if (driver !== 'emulator')
    throw new UsageError(
      "--fault is emulator-only (it makes the emulated host's commands fail, for tests and demos); add --driver emulator.",
    );
  if (values.length > MAX_FAULTS)
    throw new UsageError(`--fault may be given at most ${MAX_FAULTS} times; got ${values.length}.`);
  return values.map((value) => {
    // Quoted through JSON so a control character in a bad value cannot reach the terminal raw.
    const shown = JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
    if (value.length === 0 || value.length > MAX_FAULT_LENGTH || !/^[\x20-\x7e]*$/.test(value))
      throw new UsageError(
        `--fault must be 1 to ${MAX_FAULT_LENGTH} printable ASCII characters; got ${shown} (${value.length} characters).`,
      );
    const words = value.trim().split(/ +/);
    if (words[0] === '') throw new UsageError('--fault needs at least one word, like "jail -c".');
    // A misspelt command would match nothing and the test relying on it would pass for the wrong reason.
    if (!isAgentCommand(words[0]!))
      throw new UsageError(
        `--fault ${shown} must start with a command the agent runs (ifconfig, jail, jexec, jls, netstat, route, sysctl, pfctl).`,
      );
    return words.join(' ');
  });
}

export class UsageError extends Error {}

/** Starts the agent; returns a stop function. */
export async function startAgent(config: AgentConfig, log: (line: string) => void = console.log) {
  let executor: Executor;
  let traffic: ReturnType<typeof setInterval> | undefined;
  let files: HostFiles;
  if (config.driver === 'emulator') {
    const bastille = config.profile === 'bastille';
    const host = bastille ? createBastilleHost() : createDemoHost();
    const flows = bastille ? bastilleFlows : demoFlows;
    host.yieldsToEventLoop = true;
    // Injected after the demo host is built, so a fault only hits what the agent runs from now on.
    for (const fault of config.faults) host.injectFault(prefixFault(fault));
    if (config.faults.length > 0)
      log(
        `patchbay-agent: emulator faults injected, every command starting with these fails: ${config.faults.map((f) => `"${f}"`).join(', ')}`,
      );
    // Synthetic traffic follows the audit's paths (a flow pf blocks moves counters only up to where
    // it is blocked) on the same clock as the sampling; the flows are recomputed each tick so jails
    // made by an apply join in, and the audit is worked out again only after the host changed.
    traffic = setInterval(
      () => tick(host.state, flows(host.state), config.intervalMs / 1000, auditPath),
      config.intervalMs,
    );
    traffic.unref();
    executor = host;
    // The emulated host's configuration files live in memory: persisting never touches this machine.
    files = createDemoFiles();
  } else {
    executor = createSystemExecutor();
    files = new NodeHostFiles('/');
  }
  const { token, source } = loadToken(config.tokenFile);
  const service = new ApplyService({
    executor,
    stateDir: config.stateDir,
    confirmTimeoutMs: config.confirmTimeoutMs,
    agentInterfaces: config.guardInterfaces,
  });
  const persist = new PersistService({
    files,
    stateDir: config.stateDir,
    executor,
    allowRawFiles: config.allowRawFiles,
  });
  if (config.allowRawFiles)
    log(
      'patchbay-agent: --allow-raw-files: persist.preview accepts files not rendered from a design (with an override reason, journaled in persist.jsonl).',
    );
  const counters = new CounterPoller({ executor, intervalMs: config.intervalMs });
  // Sample from the start, so the first subscriber already gets minutes of history.
  counters.start();
  const server = createAgentServer({
    token,
    service,
    counters,
    persist,
    driver: config.driver,
    ...(config.tls ? { tls: config.tls } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  await service.resumePendingConfirmation();
  const interrupted = service.interrupted();
  if (interrupted)
    log(
      `patchbay-agent: apply ${interrupted.id} was interrupted after ${interrupted.completed} of ${interrupted.steps} step(s); undo it with journal.recover (the dashboard's Recover button) or keep the host as it is with journal.dismiss and a reason; applies are refused until then.`,
    );
  const scheme = config.tls ? 'https' : 'http';
  log(
    `patchbay-agent ${AGENT_VERSION} (${config.driver === 'emulator' ? `emulator, profile ${config.profile}` : config.driver}) listening on ${scheme}://${config.host}:${config.port}; token from ${source === 'generated' ? `${config.tokenFile} (new)` : source === 'file' ? config.tokenFile : 'the environment'}; state in ${join(config.stateDir)}`,
  );
  return async () => {
    if (traffic) clearInterval(traffic);
    counters.stop();
    service.dispose();
    server.closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

async function main() {
  try {
    const stop = await startAgent(parseConfig(process.argv.slice(2)));
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => void stop().then(() => process.exit(0)));
  } catch (error) {
    console.error(
      error instanceof UsageError
        ? error.message
        : `patchbay-agent: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(error instanceof UsageError ? 64 : 1);
  }
}

// Run when executed directly (node dist/agent.mjs), not when imported by tests.
if (process.argv[1] && /agent(\.mjs|\/main\.ts)$/.test(process.argv[1])) void main();
