import type { RunRequest, RunResult } from '../executor/types';
import { netifStart } from './boot-netif';
import { BootFileError, readRcVars, readSysctlConf, yes } from './boot-rc';
import { rcJailStart } from './rc-jail';
import { FreebsdEmulator } from './emulator';
import type { EmulatedHostSpec } from './host';

// The emulator booted from configuration files, the way FreeBSD's rc would bring the host up from
// the files core/render writes (renderConfig). Everything goes through the emulator's own argv
// interface, as a real boot goes through ifconfig/route/sysctl/pfctl/jail; nothing pokes its state.
//
// Order, as rcorder(8) runs the scripts involved (docs/freebsd.md §10; the rcorder itself was not
// re-read, and where a step is our reading it says so):
//   1. loader: /boot/loader.conf `if_bridge_load` (kernel modules before any rc script);
//   2. rc.d/sysctl: /etc/sysctl.conf;
//   3. rc.d/netif: clone_up, ifnet_rename, then ifn_start per interface, as network.subr (commit
//      03ccfdd2) runs them: boot-netif.ts;
//   4. rc.d/routing: `gateway_enable` / `ipv6_gateway_enable` (forwarding sysctls), `defaultrouter`,
//      `ipv6_defaultrouter`, `static_routes` / `route_<name>` (rc.conf(5) names; rc.d/routing was
//      not re-read: our reading);
//   5. rc.d/pf (REQUIRE netif routing): flush, `pfctl -f /etc/pf.conf`, `pfctl -eq` (commit 1b1334b1);
//   6. rc.d/jail: `jail -i -f /etc/jail.conf.d/<name>.conf -c <name>` for each of jail_list (commit
//      065edb73, rc-jail.ts); the emulated jail(8) then reads the file and runs its exec.* lines.

export interface BootFile {
  path: string;
  content: string;
}

export interface BootOptions extends EmulatedHostSpec {
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
  constructor(readonly step: BootStep) {
    const { request, result, from } = step;
    super(
      `boot: ${from}: ${request.jail ? `[jexec ${request.jail}] ` : ''}${request.argv.join(' ')} failed (${result.code}): ${result.stderr.trim()}`,
    );
    this.name = 'BootError';
  }
}

export interface Booted {
  host: FreebsdEmulator;
  log: BootStep[];
  /** Steps that failed (only with keepGoing; otherwise the first one is thrown). */
  failures: BootStep[];
}

export function bootFromFilesWithLog(files: readonly BootFile[], options: BootOptions = {}): Booted {
  const { keepGoing = false, ...spec } = options;
  // The files are on the host: jail(8) reads its jail.conf files and pfctl its pf.conf and anchor
  // files there, as they do on FreeBSD.
  const host = new FreebsdEmulator({
    ...spec,
    files: { ...spec.files, ...Object.fromEntries(files.map((f) => [f.path, f.content])) },
  });
  const log: BootStep[] = [];
  const failures: BootStep[] = [];
  // rc, the loader and rc.d/sysctl read their files from the host too, before any command runs.
  const onHost = host.state.files;
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

  const rc = readRcVars('/etc/rc.conf', onHost.get('/etc/rc.conf') ?? '');
  const loader = readRcVars('/boot/loader.conf', onHost.get('/boot/loader.conf') ?? '');

  // 1–2. loader.conf and sysctl.conf. The emulator has no kldload (it is not a command the agent
  // runs); it loads if_bridge when the first bridge is cloned, as ifconfig does (§8). So when the
  // loader would have loaded if_bridge, sysctl.conf is applied right after netif instead of
  // before it: a deviation in time only, the values end up the same. Other loader.conf lines are
  // refused, as nothing renders them.
  for (const key of loader.keys())
    if (key !== 'if_bridge_load')
      throw new BootFileError('/boot/loader.conf', 0, `${key} is not read by the emulator's boot`);
  const sysctlText = onHost.get('/etc/sysctl.conf');
  const sysctlConf = sysctlText === undefined ? [] : readSysctlConf('/etc/sysctl.conf', sysctlText);
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
  if (yes(rc.get('ipv6_gateway_enable')))
    run('/etc/rc.conf ipv6_gateway_enable', ['sysctl', 'net.inet6.ip6.forwarding=1']);
  const router = rc.get('defaultrouter');
  if (router && router !== 'NO') run('/etc/rc.conf defaultrouter', ['route', 'add', 'default', router]);
  const router6 = rc.get('ipv6_defaultrouter');
  if (router6 && router6 !== 'NO')
    run('/etc/rc.conf ipv6_defaultrouter', ['route', 'add', '-inet6', 'default', router6]);
  for (const name of (rc.get('static_routes') ?? '').split(/\s+/).filter(Boolean)) {
    run(`/etc/rc.conf route_${name}`, [
      'route',
      'add',
      ...(rc.get(`route_${name}`) ?? '').split(/\s+/).filter(Boolean),
    ]);
  }
  for (const name of (rc.get('ipv6_static_routes') ?? '').split(/\s+/).filter(Boolean)) {
    run(`/etc/rc.conf ipv6_route_${name}`, [
      'route',
      'add',
      '-inet6',
      ...(rc.get(`ipv6_route_${name}`) ?? '').split(/\s+/).filter(Boolean),
    ]);
  }

  // 5. pf: rc.d/pf pf_start() (commit 1b1334b1, docs/freebsd/pf.md): flush, load pf_rules with
  // its `load anchor` lines in one transaction (pfctl reads the anchor files itself), then enable
  // pf unless it already runs. A load that fails leaves pf on with an empty ruleset (pf_fallback
  // only warns); the boot records that as the failure it is.
  if (yes(rc.get('pf_enable'))) {
    for (const key of ['pf_flags', 'pf_fallback_rules_enable'])
      if (rc.has(key)) throw new BootFileError('/etc/rc.conf', 0, `${key} is not modelled by the emulator's boot`);
    const rulesPath = rc.get('pf_rules') ?? '/etc/pf.conf';
    host.runSync({ argv: ['pfctl', '-F', 'all'] }); // "> /dev/null 2>&1": its output and status are not looked at
    run(`/etc/rc.conf pf_rules (${rulesPath})`, ['pfctl', '-f', rulesPath]);
    if (!/^Status: Enabled/m.test(host.runSync({ argv: ['pfctl', '-s', 'info'] }).stdout))
      run('/etc/rc.conf pf_enable', ['pfctl', '-eq']);
  }

  // 6. jails: rc.d/jail (rc-jail.ts), each jail started by jail(8) from its file, which the
  // emulated jail(8) reads itself (jail.conf, exec.* lines through /bin/sh, failure handling).
  rcJailStart(rc, run, (path) => host.state.files.has(path));
  return { host, log, failures };
}
