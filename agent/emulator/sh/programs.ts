import type { Output } from '../commands/output';

// Which programs exist on the emulated host, where they live, and how a name is found: the part of
// execvp(3) / sh(1) PATH search the emulator needs. Used by the mini-sh, by jail(8)'s direct exec of
// exec.* strings without metacharacters, and by jexec(8).

/** What the emulator can run: its own commands, plus true(1) and false(1). */
export type Program =
  'ifconfig' | 'route' | 'sysctl' | 'pfctl' | 'jail' | 'jexec' | 'jls' | 'netstat' | 'true' | 'false';

/**
 * Where each program is installed on FreeBSD. The directories are those in Patchbay's brief and in
 * the agent's executor (agent/executor/system.ts); /usr/bin/true and /usr/bin/false are the base
 * system's (not checked against the source tree here: docs/freebsd/jail.md "Unverified").
 */
const INSTALLED: Readonly<Record<string, Program>> = {
  '/sbin/ifconfig': 'ifconfig',
  '/sbin/route': 'route',
  '/sbin/sysctl': 'sysctl',
  '/sbin/pfctl': 'pfctl',
  '/usr/sbin/jail': 'jail',
  '/usr/sbin/jexec': 'jexec',
  '/usr/sbin/jls': 'jls',
  '/usr/bin/netstat': 'netstat',
  '/usr/bin/true': 'true',
  '/usr/bin/false': 'false',
};

/**
 * The search path for bare names. rc(8) runs with /sbin:/bin:/usr/sbin:/usr/bin and jail(8)
 * inherits its caller's environment (command.c run_command changes PATH only for exec.clean); the
 * value is Patchbay's assumption, recorded in docs/freebsd/jail.md "Unverified".
 */
const SEARCH_PATH = ['/sbin', '/bin', '/usr/sbin', '/usr/bin'];

/**
 * Names that are real on FreeBSD (sh builtins, or base programs in the search path) but that the
 * emulator does not run. They are refused as unsupported rather than reported "not found", which
 * would be a lie. The list is ours and not exhaustive; a name on neither list is reported not found.
 */
const REAL_BUT_NOT_EMULATED = new Set([
  // sh(1) builtins
  ':',
  '.',
  '[',
  'alias',
  'bg',
  'break',
  'builtin',
  'cd',
  'chdir',
  'command',
  'continue',
  'echo',
  'eval',
  'exec',
  'exit',
  'export',
  'fc',
  'fg',
  'getopts',
  'hash',
  'jobid',
  'jobs',
  'kill',
  'local',
  'printf',
  'pwd',
  'read',
  'readonly',
  'return',
  'set',
  'setvar',
  'shift',
  'test',
  'times',
  'trap',
  'type',
  'ulimit',
  'umask',
  'unalias',
  'unset',
  'wait',
  // base programs in /sbin, /bin, /usr/sbin, /usr/bin
  'sh',
  'csh',
  'tcsh',
  'cat',
  'cp',
  'mv',
  'rm',
  'ln',
  'ls',
  'mkdir',
  'rmdir',
  'chmod',
  'chown',
  'date',
  'sleep',
  'hostname',
  'uname',
  'expr',
  'awk',
  'sed',
  'grep',
  'tr',
  'cut',
  'head',
  'tail',
  'wc',
  'sort',
  'uniq',
  'env',
  'logger',
  'install',
  'mktemp',
  'touch',
  'tee',
  'xargs',
  'find',
  'mount',
  'umount',
  'devfs',
  'kldload',
  'kldunload',
  'kldstat',
  'service',
  'sysrc',
  'ping',
  'ping6',
  'tcpdump',
  'arp',
  'ndp',
  'ngctl',
  'ipfw',
  'zfs',
  'zpool',
  'cpuset',
  'dhclient',
  'ifmcstat',
  'rtsol',
  'sockstat',
  'killall',
  'pkill',
  'pgrep',
  'ps',
  'mdconfig',
  'newfs',
  'chroot',
  'id',
  'whoami',
  'logname',
  'printenv',
  'nc',
  'fetch',
  'pkg',
]);

type Resolution = { found: Program } | { notFound: true } | { notEmulated: string };

/** A bare name through the search path, or an absolute path as is. Relative paths are not resolved. */
export function resolveProgram(name: string): Resolution {
  if (name.startsWith('/')) {
    const program = INSTALLED[name];
    return program ? { found: program } : { notEmulated: `the program ${name}` };
  }
  if (name.includes('/')) return { notEmulated: `the relative path ${name}` };
  for (const dir of SEARCH_PATH) {
    const program = INSTALLED[`${dir}/${name}`];
    if (program) return { found: program };
  }
  if (REAL_BUT_NOT_EMULATED.has(name)) return { notEmulated: `"${name}"` };
  return { notFound: true };
}

/** true(1) and false(1) (sh builtins too): exit status 0 or 1, no output. Undefined for any other name. */
export function trueOrFalse(name: string): Output | undefined {
  if (name === 'true' || name === 'false') return { code: name === 'true' ? 0 : 1, stdout: '', stderr: '' };
  return undefined;
}
