// jail(8)'s parameter names and how it compares them (usr.sbin/jail/config.c, read at
// freebsd/freebsd-src commit 724ffd0d: the intparams[] table, equalopts(), bool_param(),
// wild_jail_name(), wild_jail_match(); docs/freebsd/jail.md "Parameters").

interface InternalSpec {
  bool?: boolean;
  int?: boolean;
  /** name and jid: a jail.conf block may not set them again (PF_IMMUTABLE). */
  immutable?: boolean;
  /** Conversions jail(8) makes itself (PF_CONV): never matched by name. */
  conv?: boolean;
  /** Not PF_INTERNAL: passed on to the kernel (the KP_* entries). */
  kernel?: boolean;
}

/** config.c intparams[] (zfs.dataset from the 15-era startcommands in usr.sbin/jail/jail.c). */
export const INTPARAMS: Readonly<Record<string, InternalSpec>> = {
  'allow.dying': { bool: true },
  command: {},
  depend: {},
  'exec.clean': { bool: true },
  'exec.consolelog': {},
  'exec.fib': { int: true },
  'exec.jail_user': {},
  'exec.poststart': {},
  'exec.poststop': {},
  'exec.prepare': {},
  'exec.prestart': {},
  'exec.prestop': {},
  'exec.release': {},
  'exec.created': {},
  'exec.start': {},
  'exec.stop': {},
  'exec.system_jail_user': { bool: true },
  'exec.system_user': {},
  'exec.timeout': { int: true },
  interface: {},
  ip_hostname: { bool: true },
  mount: {},
  'mount.devfs': { bool: true },
  'mount.fdescfs': { bool: true },
  'mount.procfs': { bool: true },
  'mount.fstab': {},
  'stop.timeout': { int: true },
  'vnet.interface': {},
  'zfs.dataset': {},
  'allow.chflags': { kernel: true },
  'allow.mount': { kernel: true },
  'allow.raw_sockets': { kernel: true },
  'allow.set_hostname': { kernel: true },
  'allow.socket_af': { kernel: true },
  'allow.sysvipc': { kernel: true },
  devfs_ruleset: { kernel: true },
  'host.hostname': { kernel: true },
  'ip4.addr': { kernel: true },
  'ip6.addr': { kernel: true },
  jid: { kernel: true, immutable: true },
  name: { kernel: true, immutable: true },
  path: { kernel: true },
  persist: { kernel: true },
  securelevel: { kernel: true },
  vnet: { kernel: true },
};

/** config.c equalopts(): equal, or equal but for a "no" prefix on one of the last components. */
export function equalopts(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.startsWith('no') && a.slice(2) === b) return true;
  if (b.startsWith('no') && a === b.slice(2)) return true;
  let opt1 = a;
  let opt2 = b;
  for (;;) {
    const dot = opt1.indexOf('.');
    if (dot < 0 || opt1.slice(0, dot + 1) !== opt2.slice(0, dot + 1)) return false;
    opt1 = opt1.slice(dot + 1);
    opt2 = opt2.slice(dot + 1);
    if (opt1.startsWith('no') && opt1.slice(2) === opt2) return true;
    if (opt2.startsWith('no') && opt1 === opt2.slice(2)) return true;
  }
}

/** The intparams[] entry a parameter name stands for (by equalopts), if any. */
export function internalName(name: string): string | undefined {
  if (Object.hasOwn(INTPARAMS, name)) return name;
  for (const known of Object.keys(INTPARAMS)) if (equalopts(name, known)) return known;
  return undefined;
}

/** config.c bool_param(): true unless the last component has a "no" prefix, flipped by a false value. */
export function boolParam(name: string, values: readonly string[]): boolean {
  const last = name.slice(name.lastIndexOf('.') + 1);
  const value = values[values.length - 1];
  const truthy = value === undefined || value.toLowerCase() === 'true' || (parseIntPrefix(value) ?? 0) !== 0;
  return last.startsWith('no') !== truthy;
}

/** strtol(3) on the longest leading integer, or undefined when there is none. */
function parseIntPrefix(text: string): number | undefined {
  const m = /^[ \t]*[+-]?[0-9]+/.exec(text);
  return m ? Number(m[0]) : undefined;
}

/** strtol(3) over the whole string (what "*ep == 0" tests). */
export function parseWholeInt(text: string): number | undefined {
  return /^[ \t]*[+-]?[0-9]+$/.test(text) ? Number(text) : undefined;
}

/** config.c wild_jail_name(): a `*` that is a whole dotted component. */
export function isWildName(name: string): boolean {
  return name.split('.').includes('*');
}

/** config.c wild_jail_match(): a non-final `*` matches one component, a final `*` one or more. */
export function wildMatch(jailName: string, wildName: string): boolean {
  let jc = jailName;
  let wc = wildName;
  for (;;) {
    const jd = jc.indexOf('.');
    const wd = wc.indexOf('.');
    if (jd < 0 || wd < 0) break;
    // strncmp(jc, wc, jd - jc + 1): the component and its dot.
    if (jc.slice(0, jd + 1) !== wc.slice(0, jd + 1) && !wc.startsWith('*.')) return false;
    jc = jc.slice(jd + 1);
    wc = wc.slice(wd + 1);
  }
  return jc === wc || wc === '*';
}
