import { yes } from './boot-rc';

// What rc.d/jail runs at boot, after libexec/rc/rc.d/jail jail_start() and parse_options() (read
// at freebsd/freebsd-src commit 065edb73) and the defaults in libexec/rc/rc.conf (commit 0216ab4d:
// jail_conf="/etc/jail.conf", jail_parallel_start="NO", jail_list=""). The emulator never shuts down, so jail_stop() is
// not modelled. docs/freebsd/jail.md "rc.d/jail".
//
//   jail_list empty:   jail -f $jail_conf -c [-p1]          (-p1 unless jail_parallel_start=YES)
//                      jls jid name                         (to write /var/run/jail_<name>.id)
//   each jail_list name, mapped with `tr /. _` (so "lab1.lab2" becomes "lab1_lab2"):
//                      the first readable of jail_<jv>_conf (default /etc/jail.<name>.conf),
//                      /etc/jail.conf.d/<name>.conf and $jail_conf; none: the jail is skipped;
//                      jail $jail_flags -i -f <that file> -c <name>
//                      jls -j <name> jid                    (only when jail(8) succeeded)
//
// The argv start with the program's name as the emulator knows it ("jail", "jls"); rc runs them as
// ${jail_program:-/usr/sbin/jail} and ${jail_jls:-/usr/sbin/jls}. The legacy per-jail variables
// (jail_<name>_rootdir/_hostname, which make rc.d write its own config) are refused.

export type RcRun = (from: string, argv: string[]) => { code: number; stdout: string; stderr: string };
/** `[ -r <path> ]` on the emulated host. */
export type Readable = (path: string) => boolean;

const DEFAULT_JAIL_CONF = '/etc/jail.conf';

/** rc.d/jail: `_j=$(echo $_j | tr /. _)`. */
export function rcJailName(name: string): string {
  return name.replace(/[/.]/g, '_');
}

/** rc.d/jail: `_jv=$(echo -n $_j | tr -c '[:alnum:]' _)`, the name inside variable names. */
function rcJailVar(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '_');
}

function words(value: string | undefined): string[] {
  return (value ?? '').split(/[ \t\n]+/).filter(Boolean);
}

function settings(rc: Map<string, string>) {
  return {
    conf: rc.get('jail_conf') ?? DEFAULT_JAIL_CONF,
    list: words(rc.get('jail_list')),
    parallel: yes(rc.get('jail_parallel_start')),
    flags: words(rc.get('jail_flags')),
  };
}

/**
 * parse_options(): which file a jail_list entry is started from, or undefined (the jail is ignored). `jailConf`:
 * $jail_conf.
 */
function confFor(rc: Map<string, string>, name: string, jailConf: string, readable: Readable): string | undefined {
  const jv = rcJailVar(name);
  if (rc.get(`jail_${jv}_rootdir`) && rc.get(`jail_${jv}_hostname`))
    throw new Error(`rc.d/jail: jail_${jv}_rootdir/_hostname (rc.d/jail's generated configuration) is not modelled`);
  const candidates = [rc.get(`jail_${jv}_conf`) || `/etc/jail.${name}.conf`, `/etc/jail.conf.d/${name}.conf`, jailConf];
  return candidates.find(readable);
}

function program(rc: Map<string, string>, jv: string): string {
  const configured = rc.get(`jail_${jv}_program`) || rc.get('jail_program');
  if (configured && configured !== '/usr/sbin/jail')
    throw new Error(`rc.d/jail: jail_program=${configured} is not modelled`);
  return 'jail';
}

/** `service jail start` with rc.conf's jail_* settings: the commands rc.d/jail runs, in order. */
export function rcJailStart(rc: Map<string, string>, run: RcRun, readable: Readable): void {
  if (!yes(rc.get('jail_enable'))) return;
  const s = settings(rc);
  if (s.list.length === 0) {
    run('rc.d/jail jail_start _ALL', ['jail', ...s.flags, '-f', s.conf, '-c', ...(s.parallel ? [] : ['-p1'])]);
    run('rc.d/jail jail_start _ALL', ['jls', 'jid', 'name']);
    return;
  }
  // jail_parallel_start=YES starts the same commands in background subshells; run one after the
  // other here, which is one of the orders that can give.
  for (const entry of s.list) {
    const name = rcJailName(entry);
    const jv = rcJailVar(name);
    const conf = confFor(rc, name, s.conf, readable);
    if (!conf) continue;
    // eval rc_flags=\${jail_${_jv}_flags:-$jail_flags}: the jail's own flags unless empty.
    const flags = rc.get(`jail_${jv}_flags`) ? words(rc.get(`jail_${jv}_flags`)) : s.flags;
    const started = run(`rc.d/jail jail_list ${entry}`, [program(rc, jv), ...flags, '-i', '-f', conf, '-c', name]);
    if (started.code === 0) run(`rc.d/jail jail_list ${entry}`, ['jls', '-j', name, 'jid']);
  }
}
