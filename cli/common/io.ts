import { isAbsolute, resolve } from 'node:path';
// The CLI's only doors to the world, passed in so the same code runs as the bundle (process streams)
// and in tests (memory), and so no command reaches for process.* on its own.

export interface CliStream {
  write(text: string): void;
  /** A terminal: colour and progress bars only then. */
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  env: Readonly<Record<string, string | undefined>>;
  /** Relative paths on the command line are taken from here. */
  cwd: string;
  /**
   * One line typed by the user after `question` (apply's confirmation); undefined when there is no terminal.
   * Rejects when `signal` aborts first (the time to answer ran out).
   */
  ask?: (question: string, signal?: AbortSignal) => Promise<string | undefined>;
}

/** A path from the command line: relative ones are taken from the CLI's working directory. */
export function fromCwd(io: CliIo, path: string): string {
  return isAbsolute(path) ? path : resolve(io.cwd, path);
}

/** What a test reads back: everything written to each stream. */
export interface MemoryIo extends CliIo {
  out: () => string;
  err: () => string;
}

export function memoryIo(options: {
  cwd: string;
  env?: Record<string, string | undefined>;
  tty?: boolean;
  answers?: string[];
}): MemoryIo {
  let out = '';
  let err = '';
  const answers = [...(options.answers ?? [])];
  return {
    stdout: { write: (text) => void (out += text), isTTY: options.tty ?? false, columns: 100 },
    stderr: { write: (text) => void (err += text), isTTY: options.tty ?? false, columns: 100 },
    env: options.env ?? {},
    cwd: options.cwd,
    ...(options.answers ? { ask: async (question: string) => ((err += question), answers.shift()) } : {}),
    out: () => out,
    err: () => err,
  };
}
