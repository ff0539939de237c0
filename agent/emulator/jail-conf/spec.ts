import { unsupported } from '../commands/output';
import { jailAddresses, type JailAddressPlan } from './addresses';
import type { Param } from './load';
import { INTPARAMS, boolParam, internalName, parseWholeInt } from './params';

// What jail(8) makes of one jail's parameters before acting (docs/freebsd/jail.md "Parameters"):
//   - config.c check_intparams(): the internal boolean and integer parameters must be well formed
//     ("<param>: unknown boolean value \"<v>\"", "<param>: non-integer value \"<v>\"");
//   - config.c import_params() + lib/libjail/jail.c jailparam_init()/jailparam_import() (commit
//     5a130598): every other parameter goes to the kernel; an unknown one fails with
//     "unknown parameter: <name>", a bad value with libjail's own wording. Scalars keep the last
//     value given. Every error is printed, then the jail fails.
// Parameters the emulator does not model are refused as unsupported, naming the parameter.

/** The exec.* lists the emulator runs, in the order jail(8) runs them (jail.c startcommands/stopcommands). */
const EXEC_PARAMS = [
  'exec.prepare',
  'exec.prestart',
  'exec.created',
  'exec.start',
  'exec.poststart',
  'exec.prestop',
  'exec.stop',
  'exec.poststop',
  'exec.release',
] as const;
export type ExecParam = (typeof EXEC_PARAMS)[number];

/** What the kernel is asked for (the parameters that are not jail(8)'s own). */
interface KernelValues {
  name?: string;
  jid?: number;
  hostname?: string;
  persist: boolean;
  vnet?: 'new' | 'inherit';
  childrenMax?: number;
  /** The jail's root; absent: the creator's root, "/" (kern_jail.c). */
  path?: string;
  /** devfs_ruleset, as given (jail(8) passes the string to mount -oruleset=). */
  devfsRuleset?: string;
  /** ip4.addr / ip6.addr, and ip4=inherit / ip6=inherit (jail-conf/addresses.ts). */
  addresses?: JailAddressPlan;
}

export interface JailPlan {
  kernel: KernelValues;
  /** mount.devfs: jail(8) mounts devfs on <path>/dev before it creates the jail. */
  mountDevfs: boolean;
  exec: Record<ExecParam, string[]>;
  vnetInterfaces: string[];
  /**
   * IP__IP4_IFADDR / IP__IP6_IFADDR: the ip4.addr / ip6.addr values naming an interface, as given ("lo1|10.0.0.1/32").
   */
  ip4IfAddrs: string[];
  ip6IfAddrs: string[];
  depend: string[];
  /** Whether a parameter of this name is present at all (create_jail's test for exec.start/poststart). */
  has: (name: string) => boolean;
}

/** Kernel parameters the emulator models, with their sysctl type (security.jail.param.*). */
const KERNEL_TYPES: Record<string, 'string' | 'int' | 'bool' | 'jailsys' | 'addrs'> = {
  name: 'string',
  jid: 'int',
  path: 'string',
  'host.hostname': 'string',
  persist: 'bool',
  vnet: 'jailsys',
  'children.max': 'int',
  devfs_ruleset: 'int',
  'ip4.addr': 'addrs',
  'ip6.addr': 'addrs',
  ip4: 'jailsys',
  ip6: 'jailsys',
  'allow.set_hostname': 'bool',
  'allow.sysvipc': 'bool',
  'allow.raw_sockets': 'bool',
  'allow.chflags': 'bool',
  'allow.mount': 'bool',
  'allow.socket_af': 'bool',
};

/**
 * Kernel parameters that exist on FreeBSD (kern_jail.c kern_jail_get(), jail(8)) and that neither
 * jail(8) nor jls(8) models here, as regular-expression alternatives; each command adds its own.
 */
const KERNEL_NOT_MODELLED_COMMON = [
  'securelevel',
  'enforce_statfs',
  'host\\.(domainname|hostuuid|hostid)',
  'host',
  'osrelease',
  'osreldate',
  'cpuset\\.id',
  'sysv(msg|sem|shm)',
  'linux(\\..*)?',
  'allow\\..*',
  'mac\\..*',
  'zfs\\..*',
  'meta(\\..*)?',
  'env(\\..*)?',
];

/** A whole-name test: the common catalogue plus a command's `extra` alternatives. */
export function kernelNotModelled(extra: string[]): RegExp {
  return new RegExp(`^(${[...KERNEL_NOT_MODELLED_COMMON, ...extra].join('|')})$`);
}

/** For jail(8): also source address selection, and the read-only parameters jls prints. */
const KERNEL_NOT_MODELLED = kernelNotModelled(['ip[46]\\.(no)?saddrsel', 'children\\.cur', 'parent', 'dying']);

const INTERNAL_MODELLED = new Set<string>([...EXEC_PARAMS, 'exec.clean', 'vnet.interface', 'depend', 'stop.timeout']);

function last(param: Param): string | undefined {
  return param.values[param.values.length - 1];
}

/** check_intparams(): messages for malformed internal booleans and integers. */
function checkInternal(params: Param[]): string[] {
  const errors: string[] = [];
  for (const p of params) {
    const known = internalName(p.name);
    if (!known || INTPARAMS[known]!.kernel) continue;
    const value = last(p);
    const b = value !== undefined && INTPARAMS[known]!.bool ? importBool(p.name, value) : undefined;
    if (typeof b === 'string') errors.push(b);
    if (value !== undefined && INTPARAMS[known]!.int && parseWholeInt(value) === undefined)
      errors.push(`${p.name}: non-integer value "${value}"`);
  }
  return errors;
}

/** The kernel parameter a name stands for, and whether it came with a "no" prefix (libjail jailparam_type). */
function kernelParam(name: string): { base: string; negated: boolean } | 'unknown' {
  if (KERNEL_TYPES[name] || KERNEL_NOT_MODELLED.test(name)) return { base: name, negated: false };
  const dot = name.lastIndexOf('.');
  const lastPart = name.slice(dot + 1);
  if (!lastPart.startsWith('no')) return 'unknown';
  const base = `${name.slice(0, dot + 1)}${lastPart.slice(2)}`;
  // "If this came from removing a "no", it better be a boolean."
  if (KERNEL_TYPES[base] === 'bool' || (KERNEL_NOT_MODELLED.test(base) && base.startsWith('allow.')))
    return { base, negated: true };
  return 'unknown';
}

/** libjail jailparam_import_enum() for booleans: true/false in any case, or a whole integer. */
function importBool(name: string, value: string): boolean | string {
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  const n = value === '' ? 0 : parseWholeInt(value);
  return n === undefined ? `${name}: unknown boolean value "${value}"` : n !== 0;
}

/** planJail's answer: the messages jail(8) would print, or the plan. */
export type Planned = { errors: string[] } | { plan: JailPlan };

/**
 * Validates and sorts one jail's parameters. Returns the messages jail(8) would print, or the plan.
 * `kernel: false` for -r: jail.c main imports the kernel parameters only to create or update.
 */
export function planJail(params: Param[], options: { kernel: boolean } = { kernel: true }): Planned {
  const errors = checkInternal(params);
  const plan: JailPlan = {
    kernel: { persist: false },
    mountDevfs: false,
    exec: Object.fromEntries(EXEC_PARAMS.map((p) => [p, []])) as unknown as Record<ExecParam, string[]>,
    vnetInterfaces: [],
    ip4IfAddrs: [],
    ip6IfAddrs: [],
    depend: [],
    has: (name) => params.some((p) => internalName(p.name) === name),
  };
  const addressParams: Param[] = [];
  const inherits = new Set<'ip4' | 'ip6'>();
  for (const p of params) {
    const known = internalName(p.name);
    if (known && !INTPARAMS[known]!.kernel) {
      if (known === 'mount.devfs') {
        plan.mountDevfs = boolParam(p.name, p.values);
        continue;
      }
      if (known === 'mount.fdescfs' || known === 'mount.procfs') {
        if (boolParam(p.name, p.values)) unsupported('jail', `parameter ${p.name} (only mount.devfs is modelled)`);
        continue;
      }
      if (!INTERNAL_MODELLED.has(known)) unsupported('jail', `parameter ${p.name}`);
      if ((EXEC_PARAMS as readonly string[]).includes(known)) plan.exec[known as ExecParam] = [...p.values];
      else if (known === 'vnet.interface') plan.vnetInterfaces = p.values.flatMap((v) => v.split(','));
      else if (known === 'depend') plan.depend = [...p.values];
      continue;
    }
    if (!options.kernel) {
      // Still read as strings on the way down: mount.devfs's unmount needs the path (command.c
      // run_command() reads j->intparams[KP_PATH] whether or not the parameters were imported).
      if (p.name === 'path') plan.kernel.path = last(p) ?? '';
      // And the ip addresses: check_intparams() copies the "iface|addr" ones for the way down too.
      if (p.name === 'ip4.addr' || p.name === 'ip6.addr') addressParams.push(p);
      continue;
    }
    const kp = kernelParam(p.name);
    if (kp === 'unknown') {
      errors.push(`unknown parameter: ${p.name}`);
      continue;
    }
    const type = KERNEL_TYPES[kp.base];
    if (!type || (kp.base.startsWith('allow.') && type !== 'bool')) unsupported('jail', `parameter ${p.name}`);
    // A parameter given without a value: booleans are set, the others get "" (jailparam_set).
    const value = last(p);
    switch (type) {
      case 'bool': {
        const b = value === undefined ? true : importBool(p.name, value);
        if (typeof b === 'string') errors.push(b);
        else if (kp.base === 'persist') plan.kernel.persist = b !== kp.negated;
        break;
      }
      case 'int': {
        const n = value === undefined || value === '' ? 0 : parseWholeInt(value);
        if (n === undefined) errors.push(`${p.name}: non-integer value "${value}"`);
        else if (n < 0) unsupported('jail', `a negative ${p.name}`);
        else if (kp.base === 'children.max') plan.kernel.childrenMax = n;
        else if (kp.base === 'devfs_ruleset') {
          // devfs rulesets are 16 bits (sys/fs/devfs/devfs.h devfs_rsnum); what the kernel answers
          // to a larger one was not read.
          if (n > 65535) unsupported('jail', `${p.name}=${value} (above 65535: the kernel's answer is not verified)`);
          plan.kernel.devfsRuleset = value ?? '';
        } else plan.kernel.jid = n;
        break;
      }
      case 'jailsys': {
        const v = (value ?? '').toLowerCase();
        const mode =
          v === '' || v === 'new' || parseWholeInt(v) === 1
            ? 'new'
            : v === 'inherit' || parseWholeInt(v) === 2
              ? 'inherit'
              : v === 'disable' || parseWholeInt(v) === 0
                ? 'disable'
                : undefined;
        if (!mode) errors.push(`${p.name}: unknown jailsys value "${value}"`);
        else if (mode === 'disable') unsupported('jail', `${p.name}=disable (the kernel's answer is not verified)`);
        else if (kp.base === 'vnet') plan.kernel.vnet = mode;
        else if (mode === 'new') unsupported('jail', `${p.name}=new without addresses (not modelled)`);
        else inherits.add(kp.base as 'ip4' | 'ip6');
        break;
      }
      case 'addrs':
        addressParams.push(p);
        break;
      case 'string':
        if (kp.base === 'name') plan.kernel.name = value ?? '';
        else if (kp.base === 'host.hostname') plan.kernel.hostname = value ?? '';
        else plan.kernel.path = value ?? '';
        break;
    }
  }
  if (addressParams.length || inherits.size) {
    const addresses = jailAddresses(addressParams, inherits);
    if (options.kernel) plan.kernel.addresses = addresses.plan;
    plan.ip4IfAddrs = addresses.ifaddrs.ip4;
    plan.ip6IfAddrs = addresses.ifaddrs.ip6;
  }
  return errors.length ? { errors } : { plan };
}
