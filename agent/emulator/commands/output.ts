import type { HostState } from '../state';

export interface Output {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CommandContext {
  state: HostState;
  /** The vnet the command runs in: the host's, or a jail's under jexec. */
  vnet: number;
  stdin?: string;
}

export type Command = (args: string[], ctx: CommandContext) => Output;

export function ok(stdout = '', stderr = ''): Output {
  return { code: 0, stdout, stderr };
}

/** err(3)/errx(3) style: "<program>: <message>\n" on stderr, exit status 1 unless told. */
export function fail(program: string, message: string, code = 1, stdout = ''): Output {
  return { code, stdout, stderr: `${program}: ${message}\n` };
}

/** Thrown inside a command to stop it like errx(3) does; changes made before it stay made. */
export class CommandFailure extends Error {
  constructor(readonly output: Output) {
    super(output.stderr.trim());
  }
}

export function abort(program: string, message: string, code = 1): never {
  throw new CommandFailure(fail(program, message, code));
}

/**
 * What the emulator does not implement: it refuses loudly instead of answering with something
 * plausible (docs/architecture.md, design rules: "at least as strict as FreeBSD"). The text starts with "emulator:
 * unsupported" so that nobody mistakes it for FreeBSD's own wording; exit status 1.
 */
export function unsupported(program: string, what: string): never {
  throw new CommandFailure(fail(program, `emulator: unsupported: ${what}`));
}

export function guard(run: () => Output): Output {
  try {
    return run();
  } catch (error) {
    if (error instanceof CommandFailure) return error.output;
    throw error;
  }
}
