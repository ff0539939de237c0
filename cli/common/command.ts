import type { ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { CLI_JSON_VERSION } from '../../core/wire/cli';
import type { ExitCode } from './exit-codes';
import type { CliIo } from './io';
import { styleFor, type Style } from './style';

// One subcommand: its options (node:util parseArgs, strict), its usage text, and a run that returns
// the exit code. Commands print through the context: human text, or one JSON document checked
// against the subcommand's schema in core/wire/cli.ts.

export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

export interface CommandContext {
  io: CliIo;
  json: boolean;
  /** For stdout. */
  style: Style;
  /** For stderr (progress and warnings). */
  errStyle: Style;
  /** Human output only: a line on stdout (nothing under --json). */
  print: (line?: string) => void;
  /** Human and JSON alike: a line on stderr (warnings, progress off a terminal). */
  note: (line: string) => void;
  /** --json only: checks `value` against `schema` and prints it as the one JSON document of the run. */
  emit: <S extends z.ZodType>(schema: S, value: Omit<z.input<S>, 'version'>) => void;
}

export interface Command {
  name: string;
  /** One line for `patchbay --help`. */
  summary: string;
  /** The whole usage text for `patchbay NAME --help`. */
  usage: string;
  options: CommandOptions;
  run: (parsed: Parsed, ctx: CommandContext) => Promise<ExitCode>;
}

export function commandContext(io: CliIo, json: boolean): CommandContext {
  return {
    io,
    json,
    style: styleFor(io.stdout, io.env),
    errStyle: styleFor(io.stderr, io.env),
    print: (line = '') => {
      if (!json) io.stdout.write(`${line}\n`);
    },
    note: (line) => io.stderr.write(`${line}\n`),
    emit: (schema, value) => {
      if (!json) return;
      // Checked before printing: a script never receives JSON the documented schema would refuse.
      const checked = schema.parse({ version: CLI_JSON_VERSION, ...value });
      io.stdout.write(`${JSON.stringify(checked, null, 2)}\n`);
    },
  };
}

/** A string option's value, or undefined. */
export function stringOption(parsed: Parsed, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}
