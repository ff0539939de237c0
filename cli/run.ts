import { parseArgs } from 'node:util';
import { CLI_JSON_VERSION, CliErrorOutputSchema } from '../core/wire/cli';
import { commandContext, type Command, type Parsed } from './common/command';
import { COMMANDS } from './commands/registry';
import { DesignHasErrors, problemLine } from './common/design-file';
import { CliError, UsageError } from './common/errors';
import { EXIT, type ExitCode } from './common/exit-codes';
import type { CliIo } from './common/io';
import { CLI_VERSION } from './common/version';
import { plural } from './common/words';

// `patchbay SUBCOMMAND [options]`: picks the subcommand, parses its options strictly, runs it, and
// turns every failure into a message naming what to fix and a documented exit code (exit-codes.ts).

const COMMON_OPTIONS = {
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export function mainUsage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `patchbay ${CLI_VERSION}: Patchbay from the shell — validate, audit, plan, apply and render network designs of FreeBSD vnet jails`,
    '',
    'Usage: patchbay SUBCOMMAND [options]   (patchbay help SUBCOMMAND, or patchbay SUBCOMMAND --help, for its options)',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every subcommand takes --json (one JSON document on stdout, schemas in core/wire/cli*.ts).',
    'Exit codes: 0 ok · 1 problems or broken intents · 2 usage · 3 host unreachable · 4 apply failed and rolled back.',
    'Colour only on a terminal, never with NO_COLOR set.',
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode | 1> {
  // `--format json` (audit) is --json by another name: its failures are JSON too.
  const json = argv.some(
    (a, i) => a === '--json' || a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'),
  );
  const [name, ...rest] = argv;
  try {
    // `patchbay help audit` is `patchbay audit --help`; `patchbay help` alone, the list.
    if (name === 'help' && rest.length > 0) return await runCli([...rest, '--help'], io);
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout.write(`${mainUsage()}\n`);
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    if (name === '--version' || name === '-V') {
      io.stdout.write(`${CLI_VERSION}\n`);
      return EXIT.ok;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command)
      throw new UsageError(
        `"${name}" is not a subcommand; the subcommands are ${COMMANDS.map((c) => c.name).join(', ')} (patchbay --help).`,
      );
    const parsed = parseCommandLine(command, rest);
    if (parsed.values.help) {
      io.stdout.write(`${command.usage}\n`);
      return EXIT.ok;
    }
    return await command.run(parsed, commandContext(io, json));
  } catch (error) {
    return reportError(error, io, json);
  }
}

function parseCommandLine(command: Command, args: readonly string[]): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { ...command.options, ...COMMON_OPTIONS },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Parsed['values'], positionals };
  } catch (error) {
    // node:util's own words ("Unknown option '--frm'"), with where to look.
    throw new UsageError(`${(error as Error).message} (patchbay ${command.name} --help)`);
  }
}

function reportError(error: unknown, io: CliIo, json: boolean): ExitCode | 1 {
  const known = error instanceof CliError;
  const exit = known ? error.exit : EXIT.problems;
  const message = known ? error.message : `unexpected error: ${(error as Error)?.stack ?? String(error)}`;
  if (json) {
    const document = CliErrorOutputSchema.parse({
      version: CLI_JSON_VERSION,
      ok: false,
      exit,
      error: { message, ...(known ? definedOnly(error.place) : {}) },
      ...(error instanceof DesignHasErrors ? { problems: error.design.problems } : {}),
    });
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    return exit;
  }
  if (error instanceof DesignHasErrors) {
    io.stderr.write(designErrorsText(error));
    return exit;
  }
  io.stderr.write(`patchbay: ${message}\n`);
  return exit;
}

/** Errors printed for a design that has them; validate (and --json) list every problem. */
export const LISTED_ERRORS = 50;

/**
 * A broken design's errors, at most LISTED_ERRORS of them, and its warnings counted, not listed: a
 * broken 1,000-jail file printed some 2,000 lines, its errors lost among the warnings.
 */
function designErrorsText(error: DesignHasErrors): string {
  const file = error.design.file.name;
  const warnings = error.design.problems.filter((p) => p.severity !== 'error').length;
  const lines = error.errors.slice(0, LISTED_ERRORS).map((problem) => problemLine(file, problem));
  const more = error.errors.length - LISTED_ERRORS;
  if (more > 0) lines.push(`and ${plural(more, 'more error')}; patchbay validate ${file} lists them all.`);
  const counted = warnings ? ` (and ${plural(warnings, 'warning')}, patchbay validate ${file} lists them)` : '';
  lines.push(`patchbay: ${file} has ${plural(error.errors.length, 'error')}${counted}; nothing was done.`);
  return `${lines.join('\n')}\n`;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}
