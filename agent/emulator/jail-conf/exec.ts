import { unsupported, type Output } from '../commands/output';
import { runOnState } from '../emulator';
import { resolveProgram, runShell, trueOrFalse, type Program } from '../sh';
import type { HostState, Jail } from '../state';

// How jail(8) runs one exec.* string: usr.sbin/jail/command.c run_command(), default_command case
// (read at freebsd/freebsd-src commit 2a178238 and in the 15-era copy fel1x-developer/freebsd-src
// 2d614aa2; docs/freebsd/jail.md "How an exec.* string runs"):
//   - a string holding any of  ! " $ & ' ( ) * ; < > ? [ \ ] ` { | } ~  goes to /bin/sh -c <string>,
//     except when the only one is a final '&' (then it runs in the background: not modelled);
//   - any other string is split on blanks (space, tab, \f, \v, \r, \n) and run with execvp(3);
//   - a program that cannot be run: the child prints "exec <prog>: <strerror>" and exits 1;
//   - the command line shown in messages is the argv joined by spaces ("/bin/sh -c <string>").
// exec.start and exec.stop run inside the jail (jail_attach), every other exec.* on the host.

const METACHARACTERS = /[!"$&'()*;<>?[\\\]`{|}~]/;
const BLANKS = /[ \t\f\v\r\n]+/;

interface ExecOutcome {
  status: number;
  stdout: string;
  stderr: string;
  /** j->comline: what jail(8) names the command in "<comline>: failed". */
  comline: string;
  /**
   * A program that could not be run: the child's "exec <prog>: No such file or directory", for the caller to warn with.
   */
  notFound?: string;
}

/** Runs `program args` on the host, or in `jail` as jexec(8) would (same vnet, same programs). */
function runProgram(state: HostState, jail: Jail | undefined, program: Program, args: string[]): Output {
  return (
    trueOrFalse(program) ?? runOnState(state, { argv: [program, ...args], ...(jail ? { jail: String(jail.jid) } : {}) })
  );
}

/** One exec.* string. An empty or blank one runs nothing and succeeds (jail(8) skips it). */
export function runExecString(state: HostState, text: string, jail: Jail | undefined): ExecOutcome {
  const meta = METACHARACTERS.exec(text);
  if (meta && !(meta[0] === '&' && meta.index === text.length - 1)) {
    const output = runShell(text, (program, args) => runProgram(state, jail, program, args));
    return { status: output.code, stdout: output.stdout, stderr: output.stderr, comline: `/bin/sh -c ${text}` };
  }
  if (meta) return unsupported('jail', `an exec string run in the background ("${text}")`);
  const argv = text.split(BLANKS).filter((w) => w !== '');
  if (argv.length === 0) return { status: 0, stdout: '', stderr: '', comline: '' };
  const comline = argv.join(' ');
  const [name, ...args] = argv as [string, ...string[]];
  const resolved = resolveProgram(name);
  if ('notEmulated' in resolved) return unsupported('jail', `exec of ${resolved.notEmulated}`);
  if ('notFound' in resolved) return { status: 1, stdout: '', stderr: '', comline, notFound: name };
  const output = runProgram(state, jail, resolved.found, args);
  return { status: output.code, stdout: output.stdout, stderr: output.stderr, comline };
}
