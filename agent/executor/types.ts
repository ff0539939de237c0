// The one door through which the agent touches the OS. The system executor runs real FreeBSD
// binaries; the emulator answers the same argv with FreeBSD's output formats, so everything above
// this interface is tested without a FreeBSD host.

export type CommandName = 'ifconfig' | 'jail' | 'jexec' | 'jls' | 'netstat' | 'route' | 'sysctl' | 'pfctl';

export interface RunRequest {
  /** argv[0] is a CommandName; the rest are arguments, passed as-is (never through a shell). */
  argv: readonly string[];
  /** Written to the command's standard input (e.g. pf rules for `pfctl -f -`). */
  stdin?: string;
  /** Run inside this jail (name or jid): the system executor prefixes `/usr/sbin/jexec <jail>`. */
  jail?: string;
  /** Default 15 000 ms. */
  timeoutMs?: number;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CallRecord {
  argv: readonly string[];
  jail?: string;
  code: number;
  durationMs: number;
  startedAt: number;
  timedOut: boolean;
  truncated: boolean;
}

export interface Executor {
  readonly kind: 'system' | 'emulator';
  run(request: RunRequest): Promise<RunResult>;
}

/**
 * Thrown for refusals: unknown command, bad argv (NUL byte, non-string), bad jail name. A refused
 * request never reaches the OS, so callers can tell "we would not run this" from "it ran and failed"
 * (which is a RunResult with a non-zero code).
 */
export class ExecutorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExecutorError';
  }
}
