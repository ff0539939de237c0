import { PrisonError, getPrison, vnetOwner } from '../jail-conf/prison';
import { resolveProgram, trueOrFalse } from '../sh/programs';
import { HOST_VNET } from '../state';
import { getopt } from './getopt';
import { fail, guard, unsupported, type CommandContext, type Output } from './output';

// jexec(8), after usr.sbin/jexec/jexec.c main() (15-era text in fel1x-developer/freebsd-src
// 2d614aa2; upstream freebsd/freebsd-src read at 3b565930 is the old jid-only version;
// docs/freebsd/jail.md "jexec"):
//
//   jexec [-l] [-u username | -U username] jail [command ...]      getopt(3) "lnu:U:"
//
//   - the jail is found with libjail jail_getid(): a string of digits is a jid, anything else a
//     name; unknown: errx(1, "%s", jail_errmsg) with the kernel's "jail \"x\" not found" /
//     "jail 7 not found";
//   - the command is run with execvp(3); when it cannot be: err(1, "execvp: %s", argv[1]), i.e.
//     "jexec: execvp: <cmd>: No such file or directory", exit status 1;
//   - with no command it runs the user's shell interactively (not modelled);
//   - -n is accepted and ignored ("Specified name, now unused"); -l, -u, -U are not modelled.

const USAGE = 'usage: jexec [-l] [-u username | -U username] jail [command ...]\n';

/** Runs the rest of the argv in the jail's vnet. */
type InJail = (argv: string[], vnet: number) => Output;

export function jexec(args: string[], ctx: CommandContext, inner: InJail): Output {
  return guard(() => {
    // From inside a jail, names are relative to it and its own limits apply: not modelled.
    if (ctx.vnet !== HOST_VNET) return unsupported('jexec', 'jexec run inside a jail');
    // getopt "lnu:U:" (docs/freebsd/jail.md); only -n, which jexec ignores, is modelled.
    const [target, ...command] = getopt('jexec', args, { known: 'n', withArgument: '' }).operands;
    if (target === undefined) return { code: 1, stdout: '', stderr: USAGE };
    // jail_getid() answers jid 0, the host itself, without asking the kernel: no use for it here.
    if (/^[0-9]+$/.test(target) && Number(target) === 0) return unsupported('jexec', 'jid 0 (the host itself)');
    let jail;
    try {
      jail = getPrison(ctx.state, target);
    } catch (error) {
      if (!(error instanceof PrisonError)) throw error;
      return fail('jexec', error.errmsg);
    }
    const [name, ...rest] = command;
    if (name === undefined) return unsupported('jexec', 'an interactive shell (no command given)');
    const resolved = resolveProgram(name);
    if ('notEmulated' in resolved) return unsupported('jexec', `running ${resolved.notEmulated}`);
    if ('notFound' in resolved) return fail('jexec', `execvp: ${name}: No such file or directory`);
    const program = resolved.found;
    const trivial = trueOrFalse(program);
    if (trivial) return trivial;
    // jexec(8) and jls(8) inside a jail see the jail's own hierarchy: not modelled. jail(8) is, for
    // a jail with a vnet of its own (the vnet tells the emulator which jail runs it).
    if (program === 'jexec' || program === 'jls') return unsupported('jexec', `${program} inside a jail`);
    if (program === 'jail' && vnetOwner(ctx.state, jail.vnet) !== jail)
      return unsupported('jexec', 'jail inside a jail without a vnet of its own');
    return inner([program, ...rest], jail.vnet);
  });
}
