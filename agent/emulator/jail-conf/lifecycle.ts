import { unsupported } from '../commands/output';
import { runOnState } from '../emulator';
import type { HostState, Jail } from '../state';
import { aliasArgv } from './addresses';
import { runExecString } from './exec';
import { PrisonError, createPrison, removePrison } from './prison';
import type { ExecParam, JailPlan } from './spec';

// One jail's start and stop sequences, after usr.sbin/jail/jail.c startcommands[]/stopcommands[]
// and command.c next_command()/run_command() (15-era text in fel1x-developer/freebsd-src 2d614aa2;
// upstream freebsd/freebsd-src command.c 2a178238 and jail.c 0906e40a are older; docs/freebsd/
// jail.md "Start and stop order", "A failed start"):
//
//   start: exec.prepare, ip addresses, [mounts], exec.prestart, CREATE, exec.created,
//          [zfs.dataset], vnet.interface (ifconfig <if> vnet <jail>), exec.start (in the jail),
//          [command], exec.poststart
//   stop:  exec.prestop, exec.stop (in the jail), [stop.timeout], REMOVE, exec.poststop,
//          [mounts], ip addresses, exec.release
//
// When a start step fails, jail(8) walks the start list backwards from the step before the
// failure, skipping exec.prepare, exec.prestart, exec.created, exec.start, command and
// exec.poststart: so it moves back the vnet.interface interfaces already moved (ifconfig <if>
// -vnet <jail>) and removes the jail, and nothing else. exec.poststop is in the stop list only
// and never runs for a failed start. (The bracketed steps are refused as unsupported earlier; ip addresses are
// IP__IP4_IFADDR/IP__IP6_IFADDR.)

export interface JailSession {
  state: HostState;
  stdout: string;
  stderr: string;
  /** -q: -1; default 0 (jail.c main). */
  verbose: number;
  /** -i: print the jid of a created jail. */
  iflag: boolean;
  /** jail.c note_remove: print "removed" for -r (a config file was read, or several jails named). */
  noteRemove: boolean;
  /** The jail jail(8) runs in, when run by one of its processes (names are then relative to it). */
  caller?: Jail;
}

/** One jail being worked on (struct cfjail). */
export interface Unit {
  /** j->name: the jail.conf block name; null for a jail given on the command line. */
  displayName: string | null;
  plan: JailPlan;
  failed: boolean;
}

type Step =
  | { kind: 'exec'; param: ExecParam; inJail: boolean }
  | { kind: 'prison' }
  | { kind: 'vnet' }
  | { kind: 'mount-devfs' }
  /** IP__IP4_IFADDR / IP__IP6_IFADDR: the aliases of ip4.addr / ip6.addr values that name an interface. */
  | { kind: 'ifaddr'; family: 'ip4' | 'ip6' };

const START: Step[] = [
  { kind: 'exec', param: 'exec.prepare', inJail: false },
  { kind: 'ifaddr', family: 'ip4' },
  { kind: 'ifaddr', family: 'ip6' },
  { kind: 'mount-devfs' },
  { kind: 'exec', param: 'exec.prestart', inJail: false },
  { kind: 'prison' },
  { kind: 'exec', param: 'exec.created', inJail: false },
  { kind: 'vnet' },
  { kind: 'exec', param: 'exec.start', inJail: true },
  { kind: 'exec', param: 'exec.poststart', inJail: false },
];

const STOP: Step[] = [
  { kind: 'exec', param: 'exec.prestop', inJail: false },
  { kind: 'exec', param: 'exec.stop', inJail: true },
  { kind: 'prison' },
  { kind: 'exec', param: 'exec.poststop', inJail: false },
  { kind: 'mount-devfs' },
  { kind: 'ifaddr', family: 'ip6' },
  { kind: 'ifaddr', family: 'ip4' },
  { kind: 'exec', param: 'exec.release', inJail: false },
];

/** jail.c jail_warnx(): "jail: [<name>: ]<message>" on stderr. */
export function warn(session: JailSession, unit: { displayName: string | null }, message: string) {
  session.stderr += `jail: ${unit.displayName ? `${unit.displayName}: ` : ''}${message}\n`;
}

/** jail.c jail_note(): "[<name>: ]<message>" on stdout. */
function note(session: JailSession, unit: Unit, message: string) {
  session.stdout += unit.displayName ? `${unit.displayName}: ${message}` : message;
}

/** The jail argument of the ifconfig jail(8) runs for vnet.interface: KP_JID if set, else KP_NAME. */
function jailArgument(unit: Unit): string {
  const { jid, name } = unit.plan.kernel;
  if (jid !== undefined) return String(jid);
  if (name !== undefined) return name;
  return unsupported('jail', 'vnet.interface for a jail without a name or jid');
}

function stringsOf(unit: Unit, step: Step): string[] {
  if (step.kind === 'exec') return unit.plan.exec[step.param];
  if (step.kind === 'vnet') return unit.plan.vnetInterfaces;
  if (step.kind === 'mount-devfs') return unit.plan.mountDevfs ? [''] : [];
  if (step.kind === 'ifaddr') return step.family === 'ip4' ? unit.plan.ip4IfAddrs : unit.plan.ip6IfAddrs;
  return [''];
}

/** Runs one string of a step; false when it failed (the warning is printed). */
function runString(
  session: JailSession,
  unit: Unit,
  jail: Jail | undefined,
  step: Step,
  text: string,
  down: boolean,
): boolean {
  if (step.kind === 'vnet' || step.kind === 'ifaddr') {
    const argv =
      step.kind === 'ifaddr'
        ? aliasArgv(step.family, text, down)
        : ['ifconfig', text, down ? '-vnet' : 'vnet', jailArgument(unit)];
    const output = runOnState(session.state, { argv });
    session.stdout += output.stdout;
    session.stderr += output.stderr;
    if (output.code !== 0) warn(session, unit, `/sbin/${argv.join(' ')}: failed`);
    return output.code === 0;
  }
  if (step.kind === 'mount-devfs') return mountDevfs(session, unit, down);
  if (step.kind !== 'exec') return true;
  if (step.inJail && !jail) return true;
  const outcome = runExecString(session.state, text, step.inJail ? jail : undefined);
  session.stdout += outcome.stdout;
  // execvp failed in the child: its message is a jail_warnx, with the jail's name.
  if (outcome.notFound !== undefined) warn(session, unit, `exec ${outcome.notFound}: No such file or directory`);
  session.stderr += outcome.stderr;
  if (outcome.status !== 0) warn(session, unit, `${outcome.comline}: failed`);
  return outcome.status === 0;
}

/**
 * mount.devfs, command.c run_command() IP_MOUNT_DEVFS: it needs the jail's path, checks <path>/dev
 * with check_path() (absolute; every component below the jail's path must exist: lstat; on the way
 * down it must be a devfs mount point), then runs `/sbin/mount -t devfs -oruleset=<devfs_ruleset, or
 * 4> . <path>/dev`, or `/sbin/umount <path>/dev`.
 */
function mountDevfs(session: JailSession, unit: Unit, down: boolean): boolean {
  const path = unit.plan.kernel.path;
  if (path === undefined) {
    warn(session, unit, 'mount.devfs: no jail root path defined');
    return false;
  }
  const devpath = `${path}/dev`;
  if (!devpath.startsWith('/')) {
    warn(session, unit, `mount.devfs: ${devpath}: not an absolute pathname`);
    return false;
  }
  const { directories, mounts } = session.state;
  // check_path() lstat's the components below the jail's path, here <path>/dev alone.
  if (!directories.has(devpath)) {
    warn(session, unit, `mount.devfs: ${devpath}: No such file or directory`);
    return false;
  }
  if (down) {
    if (mounts.get(devpath)?.fstype !== 'devfs') {
      warn(session, unit, `mount.devfs: ${devpath}: not a mount point`);
      return false;
    }
    mounts.delete(devpath);
    return true;
  }
  if (mounts.has(devpath))
    return unsupported('jail', `a second devfs mount on ${devpath} (stacked mounts are not modelled)`);
  mounts.set(devpath, { fstype: 'devfs', ruleset: unit.plan.kernel.devfsRuleset ?? '4' });
  return true;
}

/**
 * create_jail()'s check of `path`, "with a better error message than jail_set gives": absolute (for
 * a jail named in jail.conf; the newer jail.c skips this for a command-line jail, whose relative path
 * the kernel then judges: not modelled), then stat(2) must find a directory.
 */
function pathProblem(session: JailSession, unit: Unit): string | undefined {
  const path = unit.plan.kernel.path;
  if (path === undefined) return undefined;
  if (!path.startsWith('/')) {
    if (unit.displayName === null) return unsupported('jail', `a relative path ("${path}") on the command line`);
    return `path ${path}: not an absolute pathname`;
  }
  const normal = path.replace(/\/+$/, '') || '/';
  if (normal === '/' || session.state.directories.has(normal)) return undefined;
  if (session.state.files.has(normal)) return `path ${path}: Not a directory`;
  return `path ${path}: No such file or directory`;
}

function removed(session: JailSession, unit: Unit, jail: Jail, stopping: boolean) {
  removePrison(session.state, jail);
  if (session.verbose > 0 || (session.verbose === 0 && (stopping ? session.noteRemove : unit.displayName !== null)))
    note(session, unit, 'removed\n');
}

/** Walks the start list backwards from just before (step, string), undoing what can be undone. */
function undoStart(session: JailSession, unit: Unit, jail: Jail | undefined, failedStep: number, failedString: number) {
  for (let s = failedStep; s >= 0; s--) {
    const step = START[s]!;
    const strings = stringsOf(unit, step);
    const from = s === failedStep ? failedString - 1 : strings.length - 1;
    for (let k = from; k >= 0; k--) {
      if (step.kind === 'vnet' || step.kind === 'mount-devfs' || step.kind === 'ifaddr')
        runString(session, unit, jail, step, strings[k]!, true);
      else if (step.kind === 'prison' && jail) removed(session, unit, jail, false);
    }
  }
}

/** The start sequence; returns the jail, or undefined when the start failed (and was undone). */
export function startUnit(session: JailSession, unit: Unit, onCreated: (jail: Jail) => void): Jail | undefined {
  const { kernel } = unit.plan;
  // create_jail(): persist is set for the duration of the start when commands are to run later.
  const temporaryPersist =
    !kernel.persist && (unit.plan.has('exec.start') || unit.plan.has('command') || unit.plan.has('exec.poststart'));
  let jail: Jail | undefined;
  for (let s = 0; s < START.length; s++) {
    const step = START[s]!;
    const strings = stringsOf(unit, step);
    for (let k = 0; k < strings.length; k++) {
      if (step.kind === 'prison') {
        const problem = pathProblem(session, unit);
        if (problem !== undefined) {
          warn(session, unit, problem);
          unit.failed = true;
          undoStart(session, unit, jail, s, 0);
          return undefined;
        }
        try {
          const name =
            kernel.name ??
            (kernel.jid !== undefined ? String(kernel.jid) : unsupported('jail', 'a jail without a name'));
          jail = createPrison(
            session.state,
            {
              name,
              ...(kernel.jid !== undefined ? { jid: kernel.jid } : {}),
              ...(kernel.hostname !== undefined ? { hostname: kernel.hostname } : {}),
              persist: kernel.persist || temporaryPersist,
              vnet: kernel.vnet ?? 'inherit',
              ...(kernel.childrenMax !== undefined ? { childrenMax: kernel.childrenMax } : {}),
              ...(kernel.path !== undefined ? { path: kernel.path.replace(/\/+$/, '') || '/' } : {}),
              ...(kernel.addresses ? { addresses: kernel.addresses } : {}),
            },
            session.caller,
          );
        } catch (error) {
          if (!(error instanceof PrisonError)) throw error;
          warn(session, unit, error.errmsg);
          unit.failed = true;
          undoStart(session, unit, jail, s, 0);
          return undefined;
        }
        if (session.iflag) session.stdout += `${jail.jid}\n`;
        if (session.verbose >= 0 && (unit.displayName !== null || session.verbose > 0))
          note(session, unit, 'created\n');
        onCreated(jail);
        continue;
      }
      if (!runString(session, unit, jail, step, strings[k]!, false)) {
        unit.failed = true;
        undoStart(session, unit, jail, s, k);
        return undefined;
      }
    }
  }
  // clear_persist(): the temporary persist is dropped. The emulator's jails run no processes, so a
  // jail left without persist has nothing keeping it alive and goes away, as it would on FreeBSD.
  if (temporaryPersist && jail) {
    removePrison(session.state, jail);
    return undefined;
  }
  return jail;
}

/**
 * The stop sequence. A failure before the jail is removed ends it (jail.c main: "(j->flags &
 * JF_FAILED) && j->jid > 0" goes to jail_remove_done) and the jail stays; after removal the
 * remaining steps still run.
 */
export function stopUnit(session: JailSession, unit: Unit, jail: Jail) {
  let present = true;
  for (const step of STOP) {
    if (step.kind === 'prison') {
      removed(session, unit, jail, true);
      present = false;
      continue;
    }
    for (const text of stringsOf(unit, step)) {
      if (!runString(session, unit, present ? jail : undefined, step, text, true)) {
        unit.failed = true;
        if (present) return;
      }
    }
  }
}
