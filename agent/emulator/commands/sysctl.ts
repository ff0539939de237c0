import { HOST_VNET } from '../state';
import { getopt } from './getopt';
import type { CommandContext } from './output';
import { guard, unsupported, type Command, type Output } from './output';

// sysctl(8) (docs/freebsd/route-sysctl-netstat.md). sbin/sysctl/sysctl.c, read at a revision with
// parsefile() and `-f` ($FreeBSD$ era; the index did not show its commit):
// - main(): getopt "Aabdef:hiNnoqTwWxX"; each name is parse()d and the exit status is the number
//   of names that failed (`warncount += parse(...)`; `return (warncount)`).
// - parse(): the name ends at the first "=" or ":" (strsep "=:"); blanks after it are skipped and a
//   pair of quotes around the value is dropped. Unknown name: warnx "unknown oid '%s'". Setting a
//   read-only oid: warnx "oid '%s' is read only". Integers: an empty value is "empty numeric value",
//   and strtol(value, 0) must use every character, else "invalid integer '%s'". On success it
//   prints the old value (show_var()), " -> ", and the new value with -n forced.
// - show_var(): "<name>: <value>" (": " is the separator without -e), or the value alone with -n.
// Which oids exist, per vnet:
// - net.inet.ip.forwarding: SYSCTL_INT, CTLFLAG_VNET|CTLFLAG_RW, default 0 (sys/netinet/ip_input.c).
// - net.inet6.ip6.forwarding: the same (sys/netinet6/in6_proto.c).
// - net.inet.ip.redirect: SYSCTL_INT, CTLFLAG_VNET|CTLFLAG_RW, default 1 (ip_input.c V_ipsendredirects).
// - -i: a name that does not exist is skipped silently and does not count as a failure.
// - net.link.bridge.*: created by if_bridge, so unknown until the module is loaded. pfil_onlyip,
//   pfil_bridge and pfil_member default to 1, pfil_local_phys, ipfw_arp, log_stp, inherit_mac and
//   allow_llz_overlap to 0; all int, CTLFLAG_RWTUN|CTLFLAG_VNET (sys/net/if_bridge.c, commit
//   00348380). On 15 the pfil defaults may have changed (commit 22893e58, release not confirmed),
//   so a default read there is refused; member_ifaddrs (15) was not read.
// - kern.osrelease (read-only string) and kern.hostname (the jail's host.hostname).
// - kern.features.vimage: sys/net/vnet.c has FEATURE(vimage, "VIMAGE kernel virtualization")
//   (freebsd/freebsd-src @ 039ea811), and sys/sys/sysctl.h defines FEATURE(name, desc) as
//   SYSCTL_INT_WITH_LABEL(_kern_features, OID_AUTO, name, CTLFLAG_RD | CTLFLAG_CAPRD,
//   SYSCTL_NULL_INT_PTR, 1, desc, "feature") (stored revision eb9303a3): a read-only int whose value
//   is 1, present only in a kernel built with VIMAGE (vnet.c is compiled only then). The emulated
//   kernel runs vnet jails, so it is a VIMAGE kernel. Not per vnet.
// - net.fibs: sys/net/route/route_tables.c (03ccfdd2): SYSCTL_PROC(_net, OID_AUTO, fibs,
//   CTLFLAG_VNET | CTLTYPE_U32 | CTLFLAG_RWTUN | ...), V_rt_numfibs. vnet_rtables_init() sets it to
//   RT_NUMFIBS (1 unless the kernel option ROUTETABLES) or the loader tunable net.fibs in the host's
//   vnet, and to 1 in every other vnet. The emulated host has neither the option nor the tunable
//   (route.ts prints no " fib N" for the same reason), so it reads 1 everywhere. Setting it grows the
//   tables (sysctl_fibs() → grow_rtables()) or fails with ENOTCAPABLE: refused.
// - security.jail.jailed: sys/kern/kern_jail.c (stored revision dce23b28): SYSCTL_PROC(_security_jail,
//   OID_AUTO, jailed, CTLTYPE_INT | CTLFLAG_RD | CTLFLAG_MPSAFE, ..., sysctl_jail_jailed, "I",
//   "Process in jail?"), the value jailed(td->td_ucred): 0 on the host, 1 in any jail. Setting it is
//   "oid '...' is read only" (no CTLFLAG_TUN). A command run in a jail that shares the host's vnet
//   reaches the emulator as a host command, so reading it on the host is refused while such a jail
//   exists.
// Every other name is refused: the emulator cannot tell an unknown oid from one it does not model.

/** An oid the emulator models: whether it may be set, and its value as sysctl reads it now. */
interface Oid {
  writable: boolean | 'unmodelled';
  read: (ctx: CommandContext) => string;
}

/** A CTLFLAG_VNET|CTLFLAG_RW int: the value last set in the vnet, else its default there. */
function vnetInt(name: string, byDefault: (ctx: CommandContext) => string): Oid {
  return { writable: true, read: (ctx) => ctx.state.vnets.get(ctx.vnet)?.sysctls.get(name) ?? byDefault(ctx) };
}

/** An oid whose value does not change; setting it is refused as read only, or as not modelled. */
function fixed(writable: false | 'unmodelled', read: (ctx: CommandContext) => string): Oid {
  return { writable, read };
}

const BRIDGE_DEFAULTS: Readonly<Record<string, string>> = {
  pfil_onlyip: '1',
  pfil_bridge: '1',
  pfil_member: '1',
  pfil_local_phys: '0',
  ipfw_arp: '0',
  log_stp: '0',
  inherit_mac: '0',
  allow_llz_overlap: '0',
};
const CHANGED_ON_15 = new Set(['pfil_onlyip', 'pfil_bridge', 'pfil_member']);

function bridgeDefault(ctx: CommandContext, name: string, leaf: string): string {
  const { state } = ctx;
  if (state.release === '15' && CHANGED_ON_15.has(leaf)) {
    if (state.bridgePfilDefault15 === undefined)
      unsupported(
        'sysctl',
        `the default of ${name} on 15 (commit 22893e58 may have changed it; give the emulated host bridgePfilDefault15)`,
      );
    return String(state.bridgePfilDefault15);
  }
  return BRIDGE_DEFAULTS[leaf]!;
}

function jailed(ctx: CommandContext): string {
  if (ctx.vnet === HOST_VNET && [...ctx.state.jails.values()].some((j) => j.vnet === HOST_VNET)) {
    unsupported(
      'sysctl',
      `reading security.jail.jailed in the host's vnet while a jail shares it (the emulator cannot tell which of them runs the command)`,
    );
  }
  return ctx.vnet === HOST_VNET ? '0' : '1';
}

function hostname(ctx: CommandContext): string {
  const { state } = ctx;
  const jail = [...state.jails.values()].find((j) => j.vnet === ctx.vnet);
  return ctx.vnet === HOST_VNET ? state.hostname : (jail?.hostname ?? '');
}

function oidOf(ctx: CommandContext, name: string): Oid | 'unknown' {
  if (name === 'net.inet.ip.forwarding' || name === 'net.inet6.ip6.forwarding') return vnetInt(name, () => '0');
  if (name === 'net.inet.ip.redirect') return vnetInt(name, () => '1');
  if (name === 'kern.osrelease')
    return fixed(false, ({ state }) => `${state.release}.${state.release === '15' ? '0' : '2'}-RELEASE`);
  if (name === 'kern.features.vimage') return fixed(false, () => '1');
  if (name === 'net.fibs') return fixed('unmodelled', () => '1');
  if (name === 'security.jail.jailed') return fixed(false, jailed);
  if (name === 'kern.hostname') return fixed('unmodelled', hostname);
  if (name === 'net.link.bridge' || name.startsWith('net.link.bridge.')) {
    if (!ctx.state.modules.has('if_bridge')) return 'unknown';
    const leaf = name.slice('net.link.bridge.'.length);
    if (!Object.hasOwn(BRIDGE_DEFAULTS, leaf)) unsupported('sysctl', `${name} (not modelled)`);
    return vnetInt(name, (c) => bridgeDefault(c, name, leaf));
  }
  return unsupported('sysctl', `oid '${name}' (the emulator models only the oids Patchbay reads)`);
}

/** strtol(value, &end, 0) that must consume everything; undefined when sysctl says "invalid integer". */
function strtol(text: string): number | undefined {
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m) return undefined;
  const digits = m[2]!;
  const magnitude = /^0[xX]/.test(digits)
    ? parseInt(digits.slice(2), 16)
    : digits.length > 1 && digits.startsWith('0')
      ? parseInt(digits, 8)
      : parseInt(digits, 10);
  const value = m[1] === '-' ? -magnitude : magnitude;
  // (int)strtol(): values outside int would wrap; not modelled.
  if (value > 2147483647 || value < -2147483648) unsupported('sysctl', `integer ${text} outside the int range`);
  return value;
}

interface Flags {
  valueOnly: boolean;
  ignoreUnknown: boolean;
}

/** One name or name=value, as parse() handles it: what it prints and whether it failed. */
function parseOne(ctx: CommandContext, arg: string, flags: Flags): { stdout: string; stderr: string; failed: boolean } {
  const cut = arg.search(/[=:]/);
  const name = (cut < 0 ? arg : arg.slice(0, cut)).replace(/\s+$/, '');
  let value = cut < 0 ? undefined : arg.slice(cut + 1).replace(/^\s+/, '');
  if (value !== undefined && /^["']/.test(value))
    value = value.endsWith(value[0]!) && value.length > 1 ? value.slice(1, -1) : value.slice(1);
  const oid = oidOf(ctx, name);
  if (oid === 'unknown')
    return flags.ignoreUnknown
      ? { stdout: '', stderr: '', failed: false }
      : { stdout: '', stderr: `sysctl: unknown oid '${name}'\n`, failed: true };
  // parse(): a value given for a read-only oid is refused before the old value is read.
  if (value !== undefined && oid.writable === false)
    return { stdout: '', stderr: `sysctl: oid '${name}' is read only\n`, failed: true };
  const current = oid.read(ctx);
  const shown = flags.valueOnly ? current : `${name}: ${current}`;
  if (value === undefined) return { stdout: `${shown}\n`, stderr: '', failed: false };
  if (oid.writable === 'unmodelled') {
    unsupported(
      'sysctl',
      name === 'net.fibs'
        ? 'setting net.fibs (route_tables.c sysctl_fibs() grows the routing tables or fails with ENOTCAPABLE; not modelled)'
        : `setting ${name} (allowed or not depends on the jail's parameters)`,
    );
  }
  if (value === '') return { stdout: '', stderr: 'sysctl: empty numeric value\n', failed: true };
  const number = strtol(value);
  if (number === undefined) return { stdout: '', stderr: `sysctl: invalid integer '${value}'\n`, failed: true };
  ctx.state.vnets.get(ctx.vnet)!.sysctls.set(name, String(number));
  return { stdout: `${shown} -> ${number}\n`, stderr: '', failed: false };
}

export const sysctl: Command = (args, ctx) =>
  guard((): Output => {
    const flags: Flags = { valueOnly: false, ignoreUnknown: false };
    // -w: "compatibility, ignored".
    const { options, operands: names } = getopt('sysctl', args, { known: 'niw', withArgument: '' });
    for (const [flag] of options) {
      if (flag === 'n') flags.valueOnly = true;
      else if (flag === 'i') flags.ignoreUnknown = true;
    }
    if (names.length === 0) unsupported('sysctl', 'no name (sysctl prints its usage)');
    let stdout = '';
    let stderr = '';
    let failures = 0;
    for (const arg of names) {
      const one = parseOne(ctx, arg, flags);
      stdout += one.stdout;
      stderr += one.stderr;
      if (one.failed) failures++;
    }
    return { code: failures, stdout, stderr };
  });
