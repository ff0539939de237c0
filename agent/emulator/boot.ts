import type { RunRequest, RunResult } from '../executor/types';
import { execArgv, readJailConf, type JailBlock } from './boot-jail-conf';
import { netifStart } from './boot-netif';
import { BootFileError, readPfConf, readRcVars, readSysctlConf, yes } from './boot-rc';
import { FreebsdEmulator } from './emulator';
import type { HostSpec } from './host';

// The emulator booted from configuration files, the way FreeBSD's rc would bring the host up from
// the files core/render writes (renderConfig). Everything goes through the emulator's own argv
// interface, as a real boot goes through ifconfig/route/sysctl/pfctl/jail; nothing pokes its state.
//
// Order, as rcorder(8) runs the scripts involved (reference §10 and freebsd-src libexec/rc; where
// the reference is silent this is our reading and says so):
//   1. loader: /boot/loader.conf `if_bridge_load` (kernel modules before any rc script);
//   2. rc.d/sysctl: /etc/sysctl.conf;
//   3. rc.d/netif: clone_up, ifnet_rename, then ifn_start per interface, as network.subr (commit
//      03ccfdd2) runs them: boot-netif.ts;
//   4. rc.d/routing: `gateway_enable` / `ipv6_gateway_enable` (forwarding sysctls), `defaultrouter`,
//      `ipv6_defaultrouter`, `static_routes` / `route_<name>` (rc.conf(5); unverified in the reference);
//   5. rc.d/pf (REQUIRE netif routing): load pf.conf, then `pfctl -e`;
//   6. rc.d/jail: each jail of `jail_list` in order, from /etc/jail.conf.d/<name>.conf when it exists
//      (13.0+ rc.d/jail; our reading), else /etc/jail.conf and what it includes, as jail(8) -c does:
//      exec.prestart on the host, create (vnet.interface moves right after), exec.start inside the
//      jail, exec.poststart on the host (§5.1 startcommands order).

export interface BootFile {
  path: string;
  content: string;
}

export interface BootOptions extends HostSpec {
  /** Go on after a failing command, as rc does (it logs and carries on). Default: stop and throw. */
  keepGoing?: boolean;
}

export interface BootStep {
  request: RunRequest;
  result: RunResult;
  /** Which file and setting asked for it, e.g. "/etc/rc.conf ifconfig_bridge0". */
  from: string;
}

export class BootError extends Error {
  constructor(
    readonly step: BootStep,
  ) {
    const { request, result, from } = step;
    super(`boot: ${from}: ${request.jail ? `[jexec ${request.jail}] ` : ''}${request.argv.join(' ')} failed (${result.code}): ${result.stderr.trim()}`);
    this.name = 'BootError';
  }
}

export interface Booted {
  host: FreebsdEmulator;
  log: BootStep[];
  /** Steps that failed (only with keepGoing; otherwise the first one is thrown). */
  failures: BootStep[];
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
}

export function bootFromFilesWithLog(files: readonly BootFile[], options: BootOptions = {}): Booted {
  const { keepGoing = false, ...spec } = options;
  const host = new FreebsdEmulator(spec);
  const log: BootStep[] = [];
  const failures: BootStep[] = [];
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  const run = (from: string, argv: string[], extra: Omit<RunRequest, 'argv'> = {}): RunResult => {
    const request: RunRequest = { argv, ...extra };
    const result = host.runSync(request);
    const step = { request, result, from };
    log.push(step);
    if (result.code !== 0) {
      if (!keepGoing) throw new BootError(step);
      failures.push(step);
    }
    return result;
  };

  const rc = readRcVars('/etc/rc.conf', byPath.get('/etc/rc.conf') ?? '');
  const loader = readRcVars('/boot/loader.conf', byPath.get('/boot/loader.conf') ?? '');

  // 1–2. loader.conf and sysctl.conf. The emulator has no kldload (it is not a command the agent
  // runs); it loads if_bridge when the first bridge is cloned, as ifconfig does (§8). So when the
  // loader would have loaded if_bridge, sysctl.conf is applied right after netif instead of
  // before it: a deviation in time only, the values end up the same. Other loader.conf lines are
  // refused, as nothing renders them.
  for (const key of loader.keys()) if (key !== 'if_bridge_load') throw new BootFileError('/boot/loader.conf', 0, `${key} is not read by the emulator's boot`);
  const sysctlConf = byPath.has('/etc/sysctl.conf') ? readSysctlConf('/etc/sysctl.conf', byPath.get('/etc/sysctl.conf')!) : [];
  const applySysctlConf = () => {
    for (const { name, value } of sysctlConf) run(`/etc/sysctl.conf ${name}`, ['sysctl', `${name}=${value}`]);
  };
  const bridgeLoaded = yes(loader.get('if_bridge_load'));
  if (!bridgeLoaded) applySysctlConf();

  // 3. netif (network.subr, boot-netif.ts); sysctl.conf after it when the loader loads if_bridge (above).
  netifStart(rc, run, (argv) => host.runSync({ argv }));
  if (bridgeLoaded) applySysctlConf();

  // 4. routing.
  if (yes(rc.get('gateway_enable'))) run('/etc/rc.conf gateway_enable', ['sysctl', 'net.inet.ip.forwarding=1']);
  if (yes(rc.get('ipv6_gateway_enable'))) run('/etc/rc.conf ipv6_gateway_enable', ['sysctl', 'net.inet6.ip6.forwarding=1']);
  const router = rc.get('defaultrouter');
  if (router && router !== 'NO') run('/etc/rc.conf defaultrouter', ['route', 'add', 'default', router]);
  const router6 = rc.get('ipv6_defaultrouter');
  if (router6 && router6 !== 'NO') run('/etc/rc.conf ipv6_defaultrouter', ['route', 'add', '-inet6', 'default', router6]);
  for (const name of (rc.get('static_routes') ?? '').split(/\s+/).filter(Boolean)) {
    run(`/etc/rc.conf route_${name}`, ['route', 'add', ...(rc.get(`route_${name}`) ?? '').split(/\s+/).filter(Boolean)]);
  }
  for (const name of (rc.get('ipv6_static_routes') ?? '').split(/\s+/).filter(Boolean)) {
    run(`/etc/rc.conf ipv6_route_${name}`, ['route', 'add', '-inet6', ...(rc.get(`ipv6_route_${name}`) ?? '').split(/\s+/).filter(Boolean)]);
  }

  // 5. pf. rc.d/pf loads pf_rules (default /etc/pf.conf) and then enables pf. The emulator has no
  // main ruleset to hook anchors into (its pfctl lists every loaded anchor as if called, see
  // commands/pfctl.ts), so the `nat-anchor`/`anchor` hook lines are read and checked but change
  // nothing; each `load anchor "<a>" from "<file>"` becomes `pfctl -a <a> -f -` with the file's
  // content, which the emulator checks like pfctl does.
  if (yes(rc.get('pf_enable'))) {
    const rulesPath = rc.get('pf_rules') ?? '/etc/pf.conf';
    const pfConf = readPfConf(rulesPath, byPath.get(rulesPath) ?? '');
    for (const { anchor, file } of pfConf.loads) {
      const content = byPath.get(file);
      if (content === undefined) throw new BootFileError(rulesPath, 0, `load anchor "${anchor}" from "${file}": no such file`);
      run(`${rulesPath} load anchor ${anchor}`, ['pfctl', '-a', anchor, '-f', '-'], { stdin: content });
    }
    run('/etc/rc.conf pf_enable', ['pfctl', '-e']);
  }

  // 6. jails.
  if (yes(rc.get('jail_enable'))) {
    const list = (rc.get('jail_list') ?? '').split(/\s+/).filter(Boolean);
    // jail_list empty means every jail in jail.conf (rc.d/jail); the renderer always lists them.
    if (!list.length) throw new BootFileError('/etc/rc.conf', 0, 'jail_enable without jail_list is not read by the emulator\'s boot');
    for (const name of list) startJail(name, findJail(byPath, name), run);
  }
  return { host, log, failures };
}

/** The block for `name`: /etc/jail.conf.d/<name>.conf first, else /etc/jail.conf and its includes. */
function findJail(byPath: Map<string, string>, name: string): { path: string; block: JailBlock } {
  const own = `/etc/jail.conf.d/${name}.conf`;
  const candidates: string[] = [];
  if (byPath.has(own)) candidates.push(own);
  else if (byPath.has('/etc/jail.conf')) {
    candidates.push('/etc/jail.conf');
    for (const glob of readJailConf('/etc/jail.conf', byPath.get('/etc/jail.conf')!).includes) {
      const re = globToRegExp(glob);
      candidates.push(...[...byPath.keys()].filter((p) => re.test(p)).sort());
    }
  }
  for (const path of candidates) {
    const block = readJailConf(path, byPath.get(path)!).jails.find((j) => j.name === name);
    if (block) return { path, block };
  }
  throw new BootFileError('/etc/rc.conf', 0, `jail_list names ${name}, which no jail.conf file defines`);
}

const EXEC_ON_HOST_BEFORE = 'exec.prestart';
const EXEC_IN_JAIL = 'exec.start';
const EXEC_ON_HOST_AFTER = 'exec.poststart';
const NOT_CREATE_PARAMS = new Set([EXEC_ON_HOST_BEFORE, EXEC_IN_JAIL, EXEC_ON_HOST_AFTER, 'exec.prestop', 'exec.stop', 'exec.poststop', 'exec.created', 'exec.prepare', 'exec.release', 'vnet.interface']);

/** jail(8) -c for one block (§5.1 startcommands): prestart, create + vnet.interface, start, poststart. */
function startJail(name: string, { path, block }: { path: string; block: JailBlock }, run: (from: string, argv: string[], extra?: Omit<RunRequest, 'argv'>) => RunResult) {
  for (const key of ['exec.prepare', 'exec.created']) {
    // Not written by the renderer; where they would run is known (§5.1) but not modelled here.
    if (block.params.has(key)) throw new BootFileError(path, 0, `${key} is not run by the emulator's boot`);
  }
  const exec = (key: string, inJail: boolean) => {
    for (const command of block.params.get(key) ?? []) run(`${path} ${key}`, execArgv(command), inJail ? { jail: name } : {});
  };
  exec(EXEC_ON_HOST_BEFORE, false);
  const argv = ['jail', '-c', `name=${name}`];
  for (const [key, values] of block.params) {
    if (NOT_CREATE_PARAMS.has(key)) continue;
    if (values.length === 0) argv.push(key);
    else argv.push(`${key}=${values.join(',')}`);
  }
  // "name=value1 name=value2" equals "name=value1,value2" for list parameters (§5.1).
  for (const iface of block.params.get('vnet.interface') ?? []) argv.push(`vnet.interface=${iface}`);
  run(`${path} ${name}`, argv);
  exec(EXEC_IN_JAIL, true);
  exec(EXEC_ON_HOST_AFTER, false);
}

/** A fresh emulator brought up from `files` as FreeBSD's rc would; throws BootError at the first failing command. */
export function bootFromFiles(files: readonly BootFile[], options: BootOptions = {}): FreebsdEmulator {
  return bootFromFilesWithLog(files, options).host;
}
