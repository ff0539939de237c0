// The real executor: runs FreeBSD's network binaries by absolute path, with an argv array and no
// shell, so nothing a caller passes (interface names, pf rules, jail names) can be interpreted as
// shell syntax. The agent runs as root, so every request is checked before anything is spawned.

import { spawn } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { isAbsolute } from 'node:path';
import type { Readable } from 'node:stream';
import {
  ExecutorError,
  type CallRecord,
  type CommandName,
  type Executor,
  type RunRequest,
  type RunResult,
} from './types';

export const DEFAULT_PATHS: Readonly<Record<CommandName, string>> = Object.freeze({
  ifconfig: '/sbin/ifconfig',
  jail: '/usr/sbin/jail',
  jexec: '/usr/sbin/jexec',
  jls: '/usr/sbin/jls',
  netstat: '/usr/bin/netstat',
  route: '/sbin/route',
  sysctl: '/sbin/sysctl',
  pfctl: '/sbin/pfctl',
});

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

/**
 * Dots allowed because nested jails are addressed as parent.child; no leading '-' so jexec never reads it as an option.
 */
const JAIL_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const MAX_JAIL_NAME = 255;
/** Largest delay setTimeout honours; above it Node silently fires after 1 ms. */
const MAX_TIMEOUT_MS = 2_147_483_647;
/**
 * After the command exits, how long to wait for its pipes to close. A process it left behind (a
 * daemon started by `jail -c`'s exec.start) can hold them open forever; we must not hang on it.
 */
const CLOSE_GRACE_MS = 500;

/** Minimal, fixed environment: the parent's is not leaked, and C locale keeps output parseable. */
const CHILD_ENV: Readonly<Record<string, string>> = Object.freeze({
  PATH: '/sbin:/bin:/usr/sbin:/usr/bin',
  LANG: 'C',
  LC_ALL: 'C',
});

export interface SystemExecutorOptions {
  /** Override binary locations (tests point these at Linux binaries); each must be absolute. */
  paths?: Partial<Record<CommandName, string>>;
  /** Cap per stream (stdout and stderr each); default 4 MiB. */
  maxOutputBytes?: number;
  /** Told about every call that ran (refusals throw before running and are not recorded). */
  onCall?: (record: CallRecord) => void;
  /** Clock for startedAt and durations; default Date.now so startedAt is a real timestamp. */
  now?: () => number;
}

function resolvePaths(overrides: Partial<Record<CommandName, string>> | undefined): Map<string, string> {
  // A Map, not an object lookup, so argv[0] = '__proto__' or 'constructor' can never resolve.
  const paths = new Map<string, string>(Object.entries(DEFAULT_PATHS));
  for (const [name, path] of Object.entries(overrides ?? {})) {
    if (path === undefined) continue;
    if (!paths.has(name)) throw new ExecutorError(`paths: unknown command ${JSON.stringify(name)}`);
    if (typeof path !== 'string' || path.includes('\0') || !isAbsolute(path)) {
      throw new ExecutorError(`paths.${name}: must be an absolute path, got ${JSON.stringify(path)}`);
    }
    paths.set(name, path);
  }
  return paths;
}

interface Checked {
  argv: readonly string[];
  jail: string | undefined;
  stdin: string | undefined;
  timeoutMs: number;
}

/** Validates at run time too: requests may come from the network, whatever the types claim. */
function check(request: RunRequest, paths: Map<string, string>): Checked {
  if (typeof request !== 'object' || request === null) throw new ExecutorError('request must be an object');
  if (!Array.isArray(request.argv)) throw new ExecutorError('argv must be an array');
  // Copy first so what we check is exactly what we run and record.
  const argv: unknown[] = request.argv.slice();
  if (argv.length === 0) throw new ExecutorError('argv is empty');
  argv.forEach((arg, i) => {
    if (typeof arg !== 'string') throw new ExecutorError(`argv[${i}] is not a string`);
    if (arg.includes('\0')) throw new ExecutorError(`argv[${i}] contains a NUL byte`);
  });
  const strings = Object.freeze(argv as string[]);
  const command = strings[0] ?? '';
  if (!paths.has(command)) throw new ExecutorError(`refusing unknown command ${JSON.stringify(command)}`);

  const { jail, stdin, timeoutMs = DEFAULT_TIMEOUT_MS } = request;
  if (jail !== undefined) {
    if (typeof jail !== 'string' || jail.length > MAX_JAIL_NAME || !JAIL_NAME.test(jail)) {
      throw new ExecutorError(`refusing jail name ${JSON.stringify(jail)}`);
    }
  }
  if (stdin !== undefined && typeof stdin !== 'string') throw new ExecutorError('stdin must be a string');
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMEOUT_MS) {
    throw new ExecutorError(`timeoutMs must be between 1 and ${MAX_TIMEOUT_MS}, got ${String(timeoutMs)}`);
  }
  return { argv: strings, jail, stdin, timeoutMs };
}

function appendNote(stderr: string, note: string): string {
  const sep = stderr === '' || stderr.endsWith('\n') ? '' : '\n';
  return `${stderr}${sep}patchbay: ${note}\n`;
}

export function createSystemExecutor(options: SystemExecutorOptions = {}): Executor {
  const paths = resolvePaths(options.paths);
  const maxOutputBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  if (!Number.isSafeInteger(maxOutputBytes) || maxOutputBytes <= 0) {
    throw new ExecutorError(`maxOutputBytes must be a positive integer, got ${String(maxOutputBytes)}`);
  }
  const now = options.now ?? Date.now;
  const onCall = options.onCall;

  function report(record: CallRecord): void {
    if (onCall === undefined) return;
    // A failing logger must not turn a command that ran into an exception (or crash the agent).
    try {
      onCall(record);
    } catch (err) {
      process.emitWarning(`executor onCall threw: ${String(err)}`);
    }
  }

  function run(request: RunRequest): Promise<RunResult> {
    let checked: Checked;
    try {
      checked = check(request, paths);
    } catch (err) {
      return Promise.reject(err);
    }
    const { argv, jail, stdin, timeoutMs } = checked;
    const commandPath = paths.get(argv[0] ?? '') ?? '';
    const file = jail === undefined ? commandPath : (paths.get('jexec') ?? DEFAULT_PATHS.jexec);
    const args = jail === undefined ? argv.slice(1) : [jail, commandPath, ...argv.slice(1)];

    return new Promise<RunResult>((resolve) => {
      const startedAt = now();
      let timedOut = false;
      const truncatedStreams: string[] = [];
      let settled = false;
      let graceTimer: NodeJS.Timeout | undefined;

      const child = spawn(file, args, {
        shell: false,
        // Next's typings make NODE_ENV required on ProcessEnv; the child deliberately gets none.
        env: { ...CHILD_ENV } as NodeJS.ProcessEnv,
        cwd: '/',
        stdio: ['pipe', 'pipe', 'pipe'],
        // Own process group (and session, so no controlling terminal): a kill reaches whatever
        // the command forked, e.g. the exec.start scripts of `jail -c`.
        detached: true,
      });

      const kill = (): void => {
        if (child.pid === undefined) return;
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      };

      const collect = (stream: Readable, name: string): Buffer[] => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        stream.on('data', (chunk: Buffer) => {
          if (truncatedStreams.includes(name)) return;
          const room = maxOutputBytes - bytes;
          if (chunk.length > room) {
            chunks.push(chunk.subarray(0, room));
            bytes = maxOutputBytes;
            truncatedStreams.push(name);
            kill();
            stream.destroy();
            return;
          }
          chunks.push(chunk);
          bytes += chunk.length;
        });
        return chunks;
      };
      const out = collect(child.stdout, 'stdout');
      const err = collect(child.stderr, 'stderr');

      const timer = setTimeout(() => {
        timedOut = true;
        kill();
      }, timeoutMs);

      const finish = (
        exitCode: number | null,
        signal: NodeJS.Signals | null,
        spawnError?: NodeJS.ErrnoException,
      ): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearTimeout(graceTimer);
        child.stdout.destroy();
        child.stderr.destroy();
        const stdout = Buffer.concat(out).toString('utf8');
        let stderr = Buffer.concat(err).toString('utf8');
        let code: number;
        if (spawnError !== undefined) {
          // Shell conventions: 127 not found, 126 found but not runnable.
          code = spawnError.code === 'ENOENT' ? 127 : 126;
          stderr = appendNote(stderr, `cannot run ${file}: ${spawnError.code ?? spawnError.message}`);
        } else if (exitCode !== null) {
          code = exitCode;
        } else {
          code = 128 + (signal === null ? 0 : (osConstants.signals[signal] ?? 0));
        }
        // Incomplete output must never look like a success a caller could parse as the whole state.
        if (timedOut) {
          code = -1;
          stderr = appendNote(stderr, `timed out after ${timeoutMs} ms; killed`);
        }
        if (truncatedStreams.length > 0) {
          code = -1;
          stderr = appendNote(
            stderr,
            `${truncatedStreams.join(' and ')} exceeded ${maxOutputBytes} bytes; truncated and killed`,
          );
        } else if (spawnError === undefined && exitCode === null && !timedOut) {
          stderr = appendNote(stderr, `killed by ${signal ?? 'a signal'}`);
        }
        const record: CallRecord = {
          argv,
          ...(jail === undefined ? {} : { jail }),
          code,
          durationMs: Math.max(0, now() - startedAt),
          startedAt,
          timedOut,
          truncated: truncatedStreams.length > 0,
        };
        report(record);
        resolve({ code, stdout, stderr });
      };

      child.on('error', (error: NodeJS.ErrnoException) => {
        // With a pid the process did start (the error is a failed kill): 'close' still settles it.
        if (child.pid === undefined) finish(null, null, error);
      });
      child.on('close', (code, signal) => finish(code, signal));
      child.on('exit', (code, signal) => {
        if (settled) return;
        // It exited: the time limit is met, only the pipes are left to drain.
        clearTimeout(timer);
        graceTimer = setTimeout(() => finish(code, signal), CLOSE_GRACE_MS);
      });

      // The command may exit without reading its input (EPIPE); that is its business, not a crash.
      child.stdin.on('error', () => undefined);
      // Always end stdin so a command never waits for input that will not come.
      if (stdin === undefined) child.stdin.end();
      else child.stdin.end(stdin, 'utf8');
    });
  }

  return { kind: 'system', run };
}
