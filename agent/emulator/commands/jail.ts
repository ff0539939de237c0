import { loadConf, type ConfJail } from '../jail-conf/load';
import { warn, type JailSession } from '../jail-conf/lifecycle';
import { equalopts, internalName, isWildName, wildMatch } from '../jail-conf/params';
import { PrisonError, setChildrenMax, setHostname, vnetOwner } from '../jail-conf/prison';
import {
  addRunning,
  commandLineWork,
  findEntry,
  runAll,
  runWork,
  runningByKey,
  setupDependencies,
  type Entry,
  type Work,
} from '../jail-conf/schedule';
import { planJail } from '../jail-conf/spec';
import { HOST_VNET, type HostState, type Jail } from '../state';
import { getopt } from './getopt';
import { guard, unsupported, type CommandContext, type Output } from './output';

// jail(8), after usr.sbin/jail/jail.c main() (15-era text in fel1x-developer/freebsd-src 2d614aa2;
// upstream freebsd/freebsd-src jail.c read at 0906e40a, older; docs/freebsd/jail.md):
//
//   jail [-qi] [-p n] -c param=value ...        a jail from the command line
//   jail [-q] -m name=<jail> children.max=<n>   update one (only children.max is modelled)
//   jail [-qi] [-f file] [-p n] -c [jail]       jails from jail.conf (default /etc/jail.conf)
//   jail [-q] [-f file] -r jail ...             remove (by name or jid); reads jail.conf if it exists
//
// Options are read with getopt(3) "cde:f:hiJ:lmn:p:qrRs:u:U:v"; only c, m, r, f, i, p, q are
// modelled, the rest are refused as unsupported. What is printed (docs/freebsd/jail.md "Output"):
//   - "<name>: created" / "<name>: removed" only for jails that have a name in jail.conf (a jail
//     given on the command line has none: usr.sbin/jail/tests/jail_basic_test.sh expects an empty
//     stdout from `jail -c name=nestedjail persist ...`), "removed" for -r only when a config file
//     was read or several or wildcard jails were named (note_remove), none of it with -q;
//   - the jid on its own line when -i is given;
//   - errors on stderr as "jail: [<name>: ]<message>", exit status 1.

const CONF_FILE = '/etc/jail.conf';

/** jail.c usage() (15-era text), printed on stderr with exit status 1. */
const USAGE =
  'usage: jail [-dhilqv] [-J jid_file] [-u username] [-U username]\n' +
  '            -[cmr] param=value ... [command=command ...]\n' +
  '       jail [-dqv] [-f file] -[cmr] [jail]\n' +
  "       jail [-qv] [-f file] -[rR] ['*' | jail ...]\n" +
  '       jail [-dhilqv] [-J jid_file] [-u username] [-U username]\n' +
  '            [-n jailname] [-s securelevel]\n' +
  '            path hostname ip[,...] command ...\n' +
  '       jail [-f file] -e separator\n';

interface Options {
  op: Set<'c' | 'm' | 'r'>;
  file: string;
  quiet: boolean;
  iflag: boolean;
  /** -R: remove without reading the configuration file. */
  noConf?: boolean;
  operands: string[];
}

/**
 * main() in usr.sbin/jail/jail.c: getopt "cde:f:hiJ:lmn:p:qrRs:u:U:v" (docs/freebsd/jail.md), of which these are
 * modelled.
 */
function readOptions(args: string[]): Options {
  const options: Options = { op: new Set(), file: CONF_FILE, quiet: false, iflag: false, operands: [] };
  const { options: letters, operands } = getopt('jail', args, { known: 'cmrRqifp', withArgument: 'fp' });
  for (const [letter, value] of letters) {
    if (letter === 'c' || letter === 'm' || letter === 'r') options.op.add(letter);
    else if (letter === 'R') {
      // -R: remove "without using the configuration file" (jail.8; jail.c main() JF_STOP without docf).
      options.op.add('r');
      options.noConf = true;
    } else if (letter === 'q') options.quiet = true;
    else if (letter === 'i') options.iflag = true;
    else if (letter === 'f') options.file = value!;
    else if (!/^[0-9]+$/.test(value!)) return unsupported('jail', `-p ${value}`);
  }
  options.operands = operands;
  return options;
}

function session(state: HostState, options: Options): JailSession {
  // jail.c: -i sets verbose = -1 as -q does.
  return {
    state,
    stdout: '',
    stderr: '',
    verbose: options.quiet || options.iflag ? -1 : 0,
    iflag: options.iflag,
    noteRemove: false,
  };
}

function result(s: JailSession, failed: boolean): Output {
  return { code: failed ? 1 : 0, stdout: s.stdout, stderr: s.stderr };
}

/** config.c load_config(): the file must exist; lexer errors stop jail(8) before anything runs. */
function load(s: JailSession, file: string): Work | 'fatal' {
  if (file === '-') return unsupported('jail', '-f - (a configuration on standard input)');
  const text = s.state.files.get(file);
  if (text === undefined) {
    s.stderr += `jail: ${file}: No such file or directory\n`;
    return 'fatal';
  }
  const conf = loadConf(
    file,
    text,
    (path) => s.state.files.get(path),
    () => s.state.files.keys(),
  );
  for (const line of conf.warnings) s.stderr += `jail: ${line}\n`;
  if (conf.fatal) return 'fatal';
  return setupDependencies(s, conf.jails);
}

/**
 * Command-line parameters: "name=value", or "name" alone (config.c add_param(), value NULL). A
 * repeated parameter (compared with equalopts) is appended to, or emptied by a bare name; name and
 * jid cannot be given twice.
 */
function commandLineJail(s: JailSession, operands: string[]): ConfJail {
  const jail: ConfJail = { name: '', params: [], failed: false };
  for (const operand of operands) {
    const eq = operand.indexOf('=');
    const name = eq < 0 ? operand : operand.slice(0, eq);
    if (name === 'command') unsupported('jail', `parameter ${name}`);
    // jail.c main(): "ip4.addr=" and "ip6.addr=" values on the command line are split at commas.
    const isAddressList = name === 'ip4.addr' || name === 'ip6.addr';
    const values = eq < 0 ? [] : isAddressList ? operand.slice(eq + 1).split(',') : [operand.slice(eq + 1)];
    const existing = jail.params.find((p) => equalopts(p.name, name));
    if (!existing) {
      jail.params.push({ name, values });
      continue;
    }
    if (internalName(existing.name) === 'name' || internalName(existing.name) === 'jid') {
      warn(s, { displayName: null }, `cannot redefine parameter "${existing.name}".`);
      jail.failed = true;
      continue;
    }
    existing.name = name;
    existing.values = values.length === 0 ? [] : [...existing.values, ...values];
  }
  return jail;
}

/**
 * jail.c main(): several operands, or one holding "=", are parameters of a jail given on the command line (else a
 * jail.conf name).
 */
function isCommandLineJail(operands: string[]): boolean {
  return operands.length > 1 || (operands.length === 1 && operands[0]!.includes('='));
}

function create(s: JailSession, options: Options): Output {
  const { operands } = options;
  if (isCommandLineJail(operands)) {
    const work = commandLineWork(s, commandLineJail(s, operands));
    const target = work.entries[0]!;
    target.op = 'start';
    return result(s, runWork(s, [target], false));
  }
  const work = load(s, options.file);
  if (work === 'fatal') return result(s, true);
  const target = operands[0];
  if (target === undefined || target === '*') return result(s, runAll(s, work, 'start'));
  if (isWildName(target)) return startMatching(s, work, target);
  const found = findEntry(work, target);
  if (!found) {
    s.stderr += `jail: "${target}" not found\n`;
    return result(s, true);
  }
  found.op = 'start';
  return result(s, runWork(s, [found], true));
}

/** state.c start_state() for a wildcard that is not "*": every matching jail is ready at once. */
function startMatching(s: JailSession, work: Work, pattern: string): Output {
  const matching = work.entries.filter((e) => wildMatch(e.conf.name, pattern));
  for (const e of matching) {
    e.op = 'start';
    e.wild = true;
  }
  return result(s, runWork(s, matching, true));
}

function remove(s: JailSession, options: Options): Output {
  const { operands } = options;
  if (operands.length === 0 || operands.some((o) => o.includes('='))) return { code: 1, stdout: '', stderr: USAGE };
  const docf = !options.noConf && (s.state.files.has(options.file) || options.file === '-');
  let work: Work = { entries: [] };
  if (docf) {
    const loaded = load(s, options.file);
    if (loaded === 'fatal') return result(s, true);
    work = loaded;
  }
  s.noteRemove = docf || operands.length > 1 || isWildName(operands[0]!);
  let failed = false;
  const targets: Entry[] = [];
  for (const target of operands) {
    if (isWildName(target)) {
      if (!docf) continue;
      for (const e of work.entries.filter((x) => wildMatch(x.conf.name, target))) {
        e.op = 'stop';
        e.wild = true;
        targets.push(e);
      }
      continue;
    }
    let e = findEntry(work, target);
    if (!e && runningByKey(s, target)) e = addRunning(work, target);
    if (!e) {
      s.stderr += `jail: "${target}" not found\n`;
      failed = true;
      continue;
    }
    e.op = 'stop';
    targets.push(e);
  }
  return result(s, runWork(s, targets, true) || failed);
}

/** jail -m: update a running jail; children.max and host.hostname are the parameters modelled. */
function modify(s: JailSession, options: Options): Output {
  const { operands } = options;
  if (!isCommandLineJail(operands)) return unsupported('jail', '-m with a configuration file');
  const conf = commandLineJail(s, operands);
  if (conf.failed) return result(s, true);
  const planned = planJail(conf.params);
  if ('errors' in planned) {
    for (const message of planned.errors) warn(s, { displayName: null }, message);
    return result(s, true);
  }
  const { kernel } = planned.plan;
  const key = kernel.jid !== undefined ? String(kernel.jid) : kernel.name;
  const jail: Jail | undefined = key === undefined ? undefined : runningByKey(s, key);
  if (!jail) {
    // jail.c main() JF_SET: jail_quoted_warnx(j, "not found", "no jail specified").
    s.stderr += key === undefined ? 'jail: no jail specified\n' : `jail: "${key}" not found\n`;
    return result(s, true);
  }
  const extra = conf.params.filter((p) => !['name', 'jid', 'children.max', 'host.hostname'].includes(p.name));
  if (extra.length)
    return unsupported(
      'jail',
      `-m of ${extra.map((p) => p.name).join(', ')} (only children.max and host.hostname are modelled)`,
    );
  try {
    if (kernel.childrenMax !== undefined) setChildrenMax(s.state, jail, kernel.childrenMax);
    if (kernel.hostname !== undefined) setHostname(jail, kernel.hostname);
  } catch (error) {
    if (!(error instanceof PrisonError)) throw error;
    warn(s, { displayName: null }, error.errmsg);
    return result(s, true);
  }
  return result(s, false);
}

/** jail(8). A function declaration, so that it exists before the emulator's command table is built. */
export function jail(args: string[], ctx: CommandContext): Output {
  return guard(() => {
    const options = readOptions(args);
    const s = session(ctx.state, options);
    const ops = [...options.op].sort().join('');
    if (ctx.vnet !== HOST_VNET) {
      // Run by a jail's process: its children are named relative to it and its limits apply.
      // Modelled for -c param=value only, in a jail with a vnet of its own.
      const caller = vnetOwner(ctx.state, ctx.vnet);
      if (!caller) return unsupported('jail', 'jail(8) run inside a jail that shares its vnet');
      if (ops !== 'c' || !isCommandLineJail(options.operands))
        return unsupported('jail', 'jail(8) inside a jail other than -c param=value');
      if (options.operands.some((o) => /^(exec\.|vnet\.interface|depend)/.test(o)))
        return unsupported('jail', 'exec.*, vnet.interface and depend from inside a jail');
      s.caller = caller;
      return create(s, options);
    }
    if (ops === '') return unsupported('jail', 'the old-style command line (path hostname ip command)');
    if (ops === 'c') return create(s, options);
    if (ops === 'r') return remove(s, options);
    if (ops === 'm') return modify(s, options);
    return unsupported('jail', `-${ops} (only -c, -m and -r are modelled)`);
  });
}
