import { unsupported, type Output } from '../commands/output';
import { parseScript } from './parse';
import { resolveProgram, trueOrFalse, type Program } from './programs';
import type { AndOrList, ShCommand, SimpleCommand, Word } from './syntax';

// Runs what parse.ts read, the way FreeBSD's sh(1) would. Sources (docs/freebsd/jail.md "sh"):
//   - a name not found: bin/sh/exec.c find_command prints "<name>: not found" (no shell-name prefix
//     for a bare name) and the command's status is 127 (exec.c shellexec maps ENOENT to 127 too);
//   - and-or lists run left to right, each operator looking at the status so far (POSIX sh);
//   - $(...) drops the trailing newlines of the output; an assignment-only command's status is
//     the substitution's (POSIX sh, "Simple Commands"; bin/sh not read for it).

/**
 * Runs one program in the context the shell runs in (host, or a jail) and returns its output. It is
 * given true and false too when named by path (/usr/bin/true); the bare names are builtins.
 */
type ProgramRunner = (program: Program, args: string[]) => Output;

interface Shell {
  variables: Map<string, string>;
  run: ProgramRunner;
  stdout: string;
  stderr: string;
}

const PATTERN = /[*?[]/;
const FIELD_SEPARATORS = /[ \t\n]/;

function expandWord(shell: Shell, word: Word): string {
  let value = '';
  for (const part of word.parts) {
    if (part.kind === 'literal') {
      value += part.text;
      continue;
    }
    const set = shell.variables.get(part.name);
    // The environment jail(8) passes is not modelled, so no variable is set unless the script set it.
    if (set === undefined) return unsupported('sh', `construct: expansion of the unset variable ${part.name}`);
    let expanded = set;
    if (part.removeSuffix !== undefined && expanded.endsWith(part.removeSuffix))
      expanded = expanded.slice(0, expanded.length - part.removeSuffix.length);
    if (!part.quoted && (expanded === '' || FIELD_SEPARATORS.test(expanded) || PATTERN.test(expanded))) {
      return unsupported(
        'sh',
        `construct: unquoted expansion of ${part.name} to ${JSON.stringify(expanded)} (field splitting and pathname expansion are not done)`,
      );
    }
    value += expanded;
  }
  return value;
}

/** One simple command; its output goes where its redirections say. Returns the exit status. */
function runSimple(shell: Shell, command: SimpleCommand, capture?: { stdout: string }): number {
  const argv = command.words.map((w) => expandWord(shell, w));
  const [name, ...args] = argv as [string, ...string[]];
  const dropOut = command.redirects.some((r) => r.fd === 1);
  const dropErr = command.redirects.some((r) => r.fd === 2);
  // true and false are sh builtins.
  let output = trueOrFalse(name);
  if (!output) {
    const resolved = resolveProgram(name);
    if ('notEmulated' in resolved) return unsupported('sh', `command ${resolved.notEmulated}`);
    if ('notFound' in resolved) {
      if (dropErr)
        return unsupported(
          'sh',
          `2>/dev/null on a command that is not found (whether sh applies it before reporting is not verified)`,
        );
      shell.stderr += `${name}: not found\n`;
      return 127;
    }
    output = shell.run(resolved.found, args);
  }
  if (!dropOut) {
    if (capture) capture.stdout += output.stdout;
    else shell.stdout += output.stdout;
  }
  if (!dropErr) shell.stderr += output.stderr;
  return output.code;
}

function runCommand(shell: Shell, command: ShCommand): number {
  if (command.kind === 'simple') return runSimple(shell, command);
  const capture = { stdout: '' };
  const status = runSimple(shell, command.substitution, capture);
  shell.variables.set(command.name, capture.stdout.replace(/\n+$/, ''));
  return status;
}

function runList(shell: Shell, list: AndOrList): number {
  let status = runCommand(shell, list.first);
  for (const { operator, command } of list.rest) {
    if (operator === '&&' ? status === 0 : status !== 0) status = runCommand(shell, command);
  }
  return status;
}

/**
 * `/bin/sh -c <script>`: parses the whole script first (a refusal runs nothing), then runs it with
 * `run` for every program. The exit status is the last command's.
 */
export function runShell(script: string, run: ProgramRunner): Output {
  const list = parseScript(script);
  const shell: Shell = { variables: new Map(), run, stdout: '', stderr: '' };
  const code = runList(shell, list);
  return { code, stdout: shell.stdout, stderr: shell.stderr };
}
