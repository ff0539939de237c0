import { ExecutorError, type CommandName, type Executor, type RunRequest, type RunResult } from '../executor/types';
import { ifconfig } from './commands/ifconfig';
import { jail } from './commands/jail';
import { jexec } from './commands/jexec';
import { jls } from './commands/jls';
import { netstat } from './commands/netstat';
import { CommandFailure, type Command, type Output } from './commands/output';
import { pfctl } from './commands/pfctl';
import { route } from './commands/route';
import { sysctl } from './commands/sysctl';
import { bootHost, type EmulatedHostSpec } from './host';
import { parsePfctlArgs } from './pf/options';
import { HOST_VNET, type HostState } from './state';

const COMMANDS: Record<Exclude<CommandName, 'jexec'>, Command> = { ifconfig, jail, jls, netstat, route, sysctl, pfctl };

/**
 * A fault to inject: the next call whose argv starts with `match` fails with this output. A command
 * run in a jail is matched both as `jexec <jail> <argv>` and as its own argv, so a prefix without
 * `jexec` hits the command in every jail and on the host.
 */
export interface Fault {
  match: readonly string[];
  output: Output;
  /** How many calls it hits; default 1, `Infinity` for every one. */
  times?: number;
}

/** Whether `name` is a command the agent may run (and the emulator answers). */
export function isAgentCommand(name: string): boolean {
  // Own keys only: `in` would also accept "toString" and the rest of Object.prototype.
  return Object.hasOwn(COMMANDS, name) || name === 'jexec';
}

/**
 * The agent's `--fault "PREFIX"`: every command whose argv starts with PREFIX's words fails. FreeBSD
 * has no wording for an arbitrary failure, so the stderr says plainly that the emulator made it up.
 */
export function prefixFault(prefix: string): Fault {
  const match = prefix.trim().split(/\s+/);
  return {
    match,
    output: { code: 1, stdout: '', stderr: `emulator: injected fault (--fault "${match.join(' ')}")\n` },
    times: Infinity,
  };
}

export const MAX_KEPT_CALLS = 1000;

/**
 * An in-memory FreeBSD host behind the same Executor interface as the real one. Deterministic: the
 * same spec and the same calls give the same output, MACs and counters.
 */
export class FreebsdEmulator implements Executor {
  readonly kind = 'emulator' as const;
  readonly state: HostState;
  /**
   * The newest calls (at most MAX_KEPT_CALLS, for tests and debugging): an emulated agent runs for
   * days, and an unbounded log grew it from 63 MB to 1.3 GB under load (issue 14, finding 9a).
   */
  readonly calls: { argv: readonly string[]; jail?: string; code: number }[] = [];
  /** Every call ever made, kept or not. */
  callCount = 0;
  private faults: Fault[] = [];
  private failAt = -1;
  private failStderr = '';

  constructor(spec: EmulatedHostSpec = {}) {
    this.state = bootHost(spec);
  }

  injectFault(fault: Fault) {
    this.faults.push({ ...fault, times: fault.times ?? 1 });
  }

  /** Makes the `n`-th call from now (0 = the next one) fail, whatever it is, changing nothing. */
  failCall(n: number, stderr = 'emulator: injected fault\n') {
    this.failAt = this.callCount + n;
    this.failStderr = stderr;
  }

  /**
   * A real command is a process: the agent's event loop serves other requests while it runs. An
   * emulated one is a function call, so without a turn of the loop a whole host read or apply runs
   * as one unbroken chain of promises, and a host.info behind ten plans waits for all ten. The
   * emulated agent (agent/main.ts) turns this on; tests keep every command synchronous.
   */
  yieldsToEventLoop = false;

  async run(request: RunRequest): Promise<RunResult> {
    if (this.yieldsToEventLoop) await new Promise<void>((resolve) => setImmediate(resolve));
    return this.runSync(request);
  }

  runSync(request: RunRequest): RunResult {
    const argv = [...request.argv];
    if (argv.length === 0 || argv.some((a) => typeof a !== 'string' || a.includes('\0')))
      throw new ExecutorError('argv must be non-empty strings without NUL bytes');
    if (!isAgentCommand(argv[0]!)) throw new ExecutorError(`"${argv[0]}" is not a command the agent may run`);
    const injected = this.callCount === this.failAt ? { code: 1, stdout: '', stderr: this.failStderr } : undefined;
    const output =
      injected ??
      (request.jail === undefined
        ? this.dispatch(argv, HOST_VNET, request.stdin)
        : this.dispatch(['jexec', request.jail, ...argv], HOST_VNET, request.stdin));
    this.callCount++;
    this.calls.push({ argv, ...(request.jail !== undefined ? { jail: request.jail } : {}), code: output.code });
    // Trimmed in batches, so keeping the log bounded costs O(1) per call on average.
    if (this.calls.length >= 2 * MAX_KEPT_CALLS) this.calls.splice(0, this.calls.length - MAX_KEPT_CALLS);
    return output;
  }

  private dispatch(argv: string[], vnet: number, stdin: string | undefined): Output {
    const fault = this.faults.find((f) => (f.times ?? 0) > 0 && f.match.every((word, i) => argv[i] === word));
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      // A copy, so a caller that edits its result cannot change what the next hit returns.
      return { ...fault.output };
    }
    return step(this.state, argv, vnet, stdin, (command, inVnet) => this.dispatch(command, inVnet, stdin));
  }
}

/** One command, or a jexec that hands the rest of its argv on to `inner` in the jail's vnet. */
function step(
  state: HostState,
  argv: string[],
  vnet: number,
  stdin: string | undefined,
  inner: (argv: string[], vnet: number) => Output,
): Output {
  const [name, ...args] = argv;
  if (name === 'jexec') return jexec(args, { state, vnet, ...(stdin !== undefined ? { stdin } : {}) }, inner);
  if (!readsOnly(argv)) state.version++;
  const command = COMMANDS[name as keyof typeof COMMANDS];
  return command(args, { state, vnet, ...(stdin !== undefined ? { stdin } : {}) });
}

/**
 * Whether a command only reads: the listings the agent and discovery run. Anything else counts as
 * a change, failed or not (a failing ifconfig keeps the parameters applied before the error), so
 * the version is bumped too often rather than too rarely. Arguments are read as the command reads
 * them: pfctl's clustered flags ("-eq", "-Fa", "-qf file") and sysctl's "name:value".
 */
export function readsOnly(argv: readonly string[]): boolean {
  const [name, ...args] = argv;
  switch (name) {
    case 'jls':
    case 'netstat':
      return true;
    case 'sysctl':
      // parse() in sysctl.c cuts the name at the first "=" or ":" (commands/sysctl.ts parseOne()).
      return !args.some((a) => /[=:]/.test(a));
    case 'pfctl':
      return pfctlReadsOnly(args);
    case 'ifconfig':
      // `ifconfig`, `-a`, `-l`, `-g group`, or one interface's listing.
      return (
        args.length === 0 ||
        (args.length === 1 && (args[0] === '-a' || args[0] === '-l' || !args[0]!.startsWith('-'))) ||
        (args.length === 2 && args[0] === '-g')
      );
    default:
      return false;
  }
}

/** pfctl's options as pfctl.ts reads them; a line the emulator refuses counts as a change. */
function pfctlReadsOnly(args: string[]): boolean {
  let options;
  try {
    options = parsePfctlArgs(args);
  } catch (error) {
    if (error instanceof CommandFailure) return false;
    throw error;
  }
  return !(
    options.enable ||
    options.disable ||
    options.flush !== undefined ||
    (options.file !== undefined && !options.checkOnly)
  );
}

/**
 * Runs a command against a host state as the emulator answers it, but as the emulator itself and
 * not as the agent: no injected fault hits it and it is not recorded in `calls`. For the emulator's
 * own readings of itself (synthetic traffic following the audit of the host as it really is).
 */
export function runOnState(state: HostState, request: RunRequest): RunResult {
  const argv = [...request.argv];
  if (argv.length === 0 || !isAgentCommand(argv[0]!))
    throw new ExecutorError(`"${argv[0] ?? ''}" is not a command the agent may run`);
  const run = (command: string[], vnet: number): Output => step(state, command, vnet, request.stdin, run);
  return run(request.jail === undefined ? argv : ['jexec', request.jail, ...argv], HOST_VNET);
}
