import { BootFileError, yes } from './boot-rc';
import type { RcRun as Run } from './rc-jail';

// rc.d/netif's start, as freebsd/freebsd-src:libexec/rc/network.subr (commit 03ccfdd2) runs it, for
// the rc.conf variables Patchbay writes. netif_start runs clone_up, then ifnet_rename, then
// ifn_start for each interface of list_net_interfaces (rc.d/netif netif_start; that order is our
// reading of rc.d/netif, which was not re-read here). Every command goes through `run` (the boot's
// runner, typed as rc-jail.ts's RcRun), as argv; a failure stops the boot, or is recorded with keepGoing.
// What network.subr does with settings Patchbay never writes (DHCP, WPA, vlans, ipv6_prefix_IF, ...)
// is refused rather than guessed.

/** Runs a command whose failure is an answer, not an error (`ifconfig X > /dev/null 2>&1`). */
type Probe = (argv: string[]) => { code: number };

const RC = '/etc/rc.conf';

/** get_if_var: the variable for `ifname`, with ".-/+" turned into "_" (network.subr `_punct`). */
function ifVar(ifname: string): string {
  return ifname.replace(/[.\-/+]/g, '_');
}

const PSEUDO_ARGS = /^(dhcp|noauto|syncdhcp|nosyncdhcp|wpa|hostap)$/i;

/** ifconfig_getargs: ifconfig_<if>[_af] split into words, refusing what the emulator does not model. */
function getargs(rc: Map<string, string>, ifname: string, af = ''): string[] | undefined {
  const name = `ifconfig_${ifVar(ifname)}${af ? `_${af}` : ''}`;
  const value = rc.get(name) ?? rc.get('ifconfig_DEFAULT');
  if (value === undefined || value.trim() === '') return undefined;
  const words = value.split(/\s+/).filter(Boolean);
  const pseudo = words.find((w) => PSEUDO_ARGS.test(w) || w === 'vnet');
  if (pseudo)
    throw new BootFileError(
      RC,
      0,
      `${name}: "${pseudo}" is handled by network.subr outside ifconfig (DHCP, WPA, NOAUTO, vnet); the emulator's boot does not model it`,
    );
  return words;
}

/** clone_up: each of cloned_interfaces created unless it exists (an epairN unless epairNa or epairNb does). */
function cloneUp(rc: Map<string, string>, run: Run, probe: Probe) {
  for (const entry of (rc.get('cloned_interfaces') ?? '').split(/\s+/).filter(Boolean)) {
    const [ifn = '', option] = entry.split(':');
    if (option !== undefined)
      throw new BootFileError(RC, 0, `cloned_interfaces entry "${entry}": the :sticky options are not modelled`);
    if (rc.has(`create_args_${ifVar(ifn)}`))
      throw new BootFileError(RC, 0, `create_args_${ifVar(ifn)} is not modelled`);
    const from = `${RC} cloned_interfaces ${ifn}`;
    const exists = (name: string) => probe(['ifconfig', name]).code === 0;
    if (/^epair[0-9]/.test(ifn) ? exists(`${ifn}a`) || exists(`${ifn}b`) : exists(ifn)) continue;
    run(from, ['ifconfig', ifn, 'create']);
  }
}

function listed(run: Run): string[] {
  return run('rc.d/netif (ifconfig -l)', ['ifconfig', '-l']).stdout.trim().split(/\s+/).filter(Boolean);
}

/** ifnet_rename: `ifconfig <if> name <ifconfig_<if>_name>` for every interface that has one. */
function ifnetRename(rc: Map<string, string>, run: Run) {
  for (const ifname of listed(run)) {
    const to = rc.get(`ifconfig_${ifVar(ifname)}_name`);
    if (to) run(`${RC} ifconfig_${ifVar(ifname)}_name`, ['ifconfig', ifname, 'name', to]);
  }
}

/** ifconfig_IF_aliasN in N order, each `<af> <address...>`: ifalias_af_common for one family. */
function aliases(
  rc: Map<string, string>,
  ifname: string,
  family: 'inet' | 'inet6' | 'link' | 'ether',
): { name: string; words: string[] }[] {
  const prefix = `ifconfig_${ifVar(ifname)}_alias`;
  const found = [...rc.keys()]
    .filter((k) => k.startsWith(prefix) && /^[0-9]+$/.test(k.slice(prefix.length)))
    .sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)));
  return found.flatMap((name) => {
    const words = rc.get(name)!.split(/\s+/).filter(Boolean);
    if (words[0] !== family) return [];
    if (words.some((w) => /[0-9a-fA-F]-[0-9a-fA-F]/.test(w)))
      throw new BootFileError(RC, 0, `${name}: address ranges are not modelled`);
    return [{ name, words }];
  });
}

/** ifconfig_up, then ipv4_up and ipv6_up: ifn_start for one interface (network.subr). */
function ifnStart(rc: Map<string, string>, run: Run, ifname: string) {
  const v = ifVar(ifname);
  let configured = ifname === 'lo0'; // "Make sure lo0 always comes up."
  if (yes(rc.get('ipv6_activate_all_interfaces')))
    run(`${RC} ipv6_activate_all_interfaces`, ['ifconfig', ifname, 'inet6', '-ifdisabled']);
  const main = getargs(rc, ifname);
  if (main) {
    run(`${RC} ifconfig_${v}`, ['ifconfig', ifname, ...main]);
    configured = true;
  }
  const ipv6 = getargs(rc, ifname, 'ipv6');
  if (ipv6) {
    if (ipv6[0] !== 'inet6')
      throw new BootFileError(RC, 0, `ifconfig_${v}_ipv6 without the leading "inet6" keyword is not modelled`);
    run(`${RC} ifconfig_${v}_ipv6`, ['ifconfig', ifname, 'inet6', '-ifdisabled']);
    run(`${RC} ifconfig_${v}_ipv6`, ['ifconfig', ifname, ...ipv6]);
    configured = true;
  }
  for (const family of ['link', 'ether'] as const)
    for (const alias of aliases(rc, ifname, family))
      run(`${RC} ${alias.name}`, ['ifconfig', ifname, ...alias.words, 'alias']);
  const descr = rc.get(`ifconfig_${v}_descr`);
  if (descr) run(`${RC} ifconfig_${v}_descr`, ['ifconfig', ifname, 'description', descr]);
  if (configured) run(`${RC} ifconfig_${v} (up)`, ['ifconfig', ifname, 'up']);
  // ipv4_up: lo0 gets 127.0.0.1/8 unless ifconfig_lo0 says otherwise; then the inet aliases.
  if (ifname === 'lo0' && !main) run('network.subr ipv4_up lo0', ['ifconfig', 'lo0', 'inet', '127.0.0.1/8', 'alias']);
  for (const alias of aliases(rc, ifname, 'inet'))
    run(`${RC} ${alias.name}`, ['ifconfig', ifname, ...alias.words, 'alias']);
  // ipv6_up: only an interface ipv6if accepts (lo0, or one with ifconfig_IF_ipv6) gets inet6 aliases.
  if (ifname === 'lo0' || ipv6)
    for (const alias of aliases(rc, ifname, 'inet6'))
      run(`${RC} ${alias.name}`, ['ifconfig', ifname, ...alias.words, 'alias']);
}

/** netif_start: clone, rename, then ifn_start on lo0 first and every other interface in `ifconfig -l` order. */
export function netifStart(rc: Map<string, string>, run: Run, probe: Probe) {
  const interfaces = rc.get('network_interfaces');
  if (interfaces !== undefined && !/^auto$/i.test(interfaces))
    throw new BootFileError(RC, 0, 'network_interfaces other than AUTO is not modelled');
  for (const key of rc.keys())
    if (/^(ipv6_prefix_|ipv6_ifconfig_|ipv4_addrs_|vlans_|wlans_|gif_interfaces)/.test(key))
      throw new BootFileError(RC, 0, `${key} is not modelled by the emulator's boot`);
  cloneUp(rc, run, probe);
  ifnetRename(rc, run);
  const names = listed(run);
  const ordered = [...names.filter((n) => n === 'lo0'), ...names.filter((n) => n !== 'lo0')];
  for (const ifname of ordered) ifnStart(rc, run, ifname);
}
