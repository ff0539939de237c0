import { ERRNO } from '../errno';
import type { JailAddressPlan } from './addresses';
import { attachIfnet, detachWithPeer, moveIfnet } from '../ifnet';
import { HOST_VNET, interfacesIn, newVnet, type HostState, type Jail } from '../state';

// The kernel's side of jail(8): jail_set(2) create/update, jail_get(2) lookups and jail_remove(2),
// after sys/kern/kern_jail.c kern_jail_set() and kern_jail_get() (read at freebsd/freebsd-src commit
// 002c06d2, older than 14: docs/freebsd/jail.md "Kernel"). Only calls made from the host are
// modelled; the checks a jail's own processes meet (its children.max, its allow.*) are refused
// earlier, by the commands, as unsupported.
//
// A failing call throws PrisonError with the text libjail leaves in jail_errmsg: the kernel's own
// message (vfs_opterror) when it gives one, else "jail_set: <strerror>" (lib/libjail/jail.c
// jailparam_set, read at commit 5a130598).

export class PrisonError extends Error {
  constructor(readonly errmsg: string) {
    super(errmsg);
    this.name = 'PrisonError';
  }
}

/** sys/param.h MAXHOSTNAMELEN: the name and host.hostname buffers, NUL included. */
const MAXHOSTNAMELEN = 256;
/** sys/jail.h JAIL_MAX: jids wrap around below it. */
const JAIL_MAX = 999999;

interface CreateRequest {
  /** Full name, "parent.child" for a nested jail. */
  name: string;
  /** An explicit jid (a jail.conf block named by a number implies one). */
  jid?: number;
  hostname?: string;
  persist: boolean;
  vnet: 'new' | 'inherit';
  childrenMax?: number;
  /** The root, already checked by jail(8) (create_jail). */
  path?: string;
  addresses?: JailAddressPlan;
}

/** The jail of that full name, if one is running. */
export function byName(state: HostState, name: string): Jail | undefined {
  for (const jail of state.jails.values()) if (jail.name === name) return jail;
  return undefined;
}

/** kern_jail_get() keyed by jid or by name, with its messages ("jail 7 not found", "jail \"x\" not found"). */
export function getPrisonById(state: HostState, jid: number): Jail {
  const jail = state.jails.get(jid);
  if (!jail) throw new PrisonError(`jail ${jid} not found`);
  return jail;
}

export function getPrisonByName(state: HostState, name: string): Jail {
  const jail = byName(state, name);
  if (!jail) throw new PrisonError(`jail "${name}" not found`);
  return jail;
}

/**
 * lib/libjail/jail_getid.c jail_getid(): a string of digits is a jid, anything else a name. jid 0 is
 * the host itself (returned without asking the kernel): callers refuse it before asking.
 */
export function getPrison(state: HostState, key: string): Jail {
  return /^[0-9]+$/.test(key) ? getPrisonById(state, Number(key)) : getPrisonByName(state, key);
}

function freeJid(state: HostState): number {
  // kern_jail_set "Find the next free jid": from one past the last one handed out, wrapping at JAIL_MAX.
  let jid = state.nextJid >= JAIL_MAX ? 1 : state.nextJid;
  while (state.jails.has(jid)) jid = jid + 1 >= JAIL_MAX ? 1 : jid + 1;
  state.nextJid = jid + 1;
  return jid;
}

/** A name as seen from `creator` (a jail's processes name their children without its prefix). */
export function fullName(creator: Jail | undefined, name: string): string {
  return creator ? `${creator.name}.${name}` : name;
}

/**
 * The jail whose processes run in `vnet`: the one that created it (vnet=new), when exactly one
 * jail did. Jails with vnet=inherit share their parent's and cannot be told apart by it.
 */
export function vnetOwner(state: HostState, vnet: number): Jail | undefined {
  if (vnet === HOST_VNET) return undefined;
  const owners = [...state.jails.values()].filter((j) => j.vnet === vnet && parentVnet(state, j) !== vnet);
  return owners.length === 1 ? owners[0] : undefined;
}

/** The vnet of the jail's parent: HOST_VNET when the parent is the host (undefined if the parent is gone). */
export function parentVnet(state: HostState, jail: Jail): number | undefined {
  return jail.parentJid === 0 ? HOST_VNET : state.jails.get(jail.parentJid)?.vnet;
}

/** How many jails descend from `jail` (children.cur counts them all, grandchildren included). */
export function descendantCount(state: HostState, jail: Jail): number {
  return descendants(state, jail).length;
}

/**
 * jail_set(JAIL_CREATE), in kern_jail_set()'s order of checks, from the host (`creator`
 * undefined) or from a process of `creator` (its children are named relative to it).
 */
export function createPrison(state: HostState, request: CreateRequest, creator?: Jail): Jail {
  // "if ((flags & JAIL_CREATE) && mypr->pr_childmax == 0) return (EPERM);" (no message).
  if (creator && creator.childrenMax === 0) throw new PrisonError(`jail_set: ${ERRNO.EPERM}`);
  if (!request.persist) throw new PrisonError('new jail must persist or attach');
  if (
    request.name.length + 1 > MAXHOSTNAMELEN ||
    (request.hostname !== undefined && request.hostname.length + 1 > MAXHOSTNAMELEN)
  )
    throw new PrisonError('jail_set: File name too long');
  checkAddressList(request);
  const dot = request.name.lastIndexOf('.');
  const last = request.name.slice(dot + 1);
  // A create with a number as (the last component of) its name asks for that jid.
  let jid = request.jid ?? (/^[0-9]+$/.test(last) ? Number(last) : 0);
  if (jid !== 0 && state.jails.has(jid)) throw new PrisonError(`jail ${jid} already exists`);
  let parent = creator;
  if (dot >= 0) {
    parent = byName(state, fullName(creator, request.name.slice(0, dot)));
    if (!parent) throw new PrisonError(`jail "${request.name.slice(0, dot)}" not found`);
  }
  const name = fullName(creator, request.name);
  if (byName(state, name)) throw new PrisonError(`jail "${request.name}" already exists`);
  // The creating process's own prison and its ancestors bound how many descendants they have.
  for (let tpr = creator; tpr; tpr = tpr.parentJid === 0 ? undefined : state.jails.get(tpr.parentJid)) {
    if (descendantCount(state, tpr) >= tpr.childrenMax) throw new PrisonError('prison limit exceeded');
  }
  if (jid === 0) jid = freeJid(state);
  // A child may not be allowed as many children as its parent ("if (childmax >= ppr->pr_childmax)").
  if (parent && request.childrenMax !== undefined && request.childrenMax >= parent.childrenMax)
    throw new PrisonError(`jail_set: ${ERRNO.EPERM}`);
  // "Also allow the name to be explicitly the jid - but not any other number, and only in normal form."
  if (/^[0-9]+$/.test(last) && (Number(last) !== jid || last[0] === '0'))
    throw new PrisonError('name cannot be numeric (unless it is the jid)');
  // "Make sure the name isn't too long for the prison or its children" (the full name, parent included).
  if (name.length + 1 > MAXHOSTNAMELEN) throw new PrisonError('jail_set: File name too long');
  if (last === '') throw new PrisonError('emulator: unsupported: an empty name (the kernel would use the jid)');
  const addresses = request.addresses;
  checkClashes(state, request, parent);
  const vnet = request.vnet === 'new' ? newVnet(state).id : (parent?.vnet ?? HOST_VNET);
  const jail: Jail = {
    jid,
    name,
    hostname: request.hostname ?? '',
    path: request.path ?? '/',
    vnet,
    parentJid: parent?.jid ?? 0,
    childrenMax: request.childrenMax ?? 0,
    ...(addresses?.ip4 ? { ip4: addresses.ip4 } : {}),
    ...(addresses?.ip6 ? { ip6: addresses.ip6 } : {}),
    ...(addresses?.inherit.size ? { inherits: [...addresses.inherit].sort() } : {}),
  };
  state.jails.set(jid, jail);
  if (request.vnet === 'new') {
    // A new vnet starts with its own lo0, down and unaddressed until someone configures it.
    attachIfnet(state, { name: 'lo0', kind: 'loopback', cloner: 'lo', unit: 0, vnet, up: false, mtu: 16384 });
  }
  return jail;
}

/**
 * kern_jail_set()'s first address checks (commit 002c06d2), made while it reads the options, before
 * it looks for the jail: a malformed list (EINVAL, no message), then a vnet jail with addresses.
 */
function checkAddressList(request: CreateRequest): void {
  const addresses = request.addresses;
  if (!addresses) return;
  if (addresses.invalid) throw new PrisonError(`jail_set: ${ERRNO.EINVAL}`);
  const restricted = addresses.ip4 !== undefined || addresses.ip6 !== undefined || addresses.inherit.size > 0;
  if (restricted && request.vnet === 'new') throw new PrisonError('vnet jails cannot have IP address restrictions');
}

/**
 * kern_jail_set()'s "Check for conflicting IP addresses" among the jails that share the new jail's
 * vnet, made after the jail's name and jid checks. A nested shared-IP jail (the parent's addresses
 * bound the child's) is not modelled.
 */
function checkClashes(state: HostState, request: CreateRequest, parent: Jail | undefined): void {
  const addresses = request.addresses;
  if (!addresses) return;
  if (parent && (parent.ip4 || parent.ip6)) unsupportedNested();
  const vnet = parent?.vnet ?? HOST_VNET;
  for (const family of ['ip4', 'ip6'] as const) {
    const mine = addresses[family];
    if (!mine) continue;
    for (const other of state.jails.values()) {
      const theirs = other[family];
      if (other.vnet !== vnet || !theirs || (mine.length === 1 && theirs.length === 1)) continue;
      if (mine.some((a) => theirs.includes(a))) throw new PrisonError(`IPv${family === 'ip4' ? 4 : 6} addresses clash`);
    }
  }
}

function unsupportedNested(): never {
  throw new PrisonError('emulator: unsupported: a shared-IP jail inside a jail with addresses of its own');
}

function descendants(state: HostState, jail: Jail, level = 1): { jail: Jail; level: number }[] {
  return [...state.jails.values()]
    .filter((j) => j.parentJid === jail.jid)
    .flatMap((child) => [{ jail: child, level }, ...descendants(state, child, level + 1)]);
}

/** jail_set(JAIL_UPDATE) of children.max: bounded by the parent's, and it bounds the descendants'. */
export function setChildrenMax(state: HostState, jail: Jail, childrenMax: number) {
  const parent = jail.parentJid === 0 ? undefined : state.jails.get(jail.parentJid);
  if (parent && childrenMax >= parent.childrenMax) throw new PrisonError(`jail_set: ${ERRNO.EPERM}`);
  jail.childrenMax = childrenMax;
  // "Set all child jails to under this limit."
  for (const { jail: d, level } of descendants(state, jail))
    if (d.childrenMax > childrenMax - level) d.childrenMax = childrenMax > level ? childrenMax - level : 0;
}

/**
 * jail_set(JAIL_UPDATE) of host.hostname: "Set this prison, and any descendants without PR_HOST";
 * every jail the emulator makes has PR_HOST (kern_jail_set sets it on create), so only this one.
 */
export function setHostname(jail: Jail, hostname: string) {
  if (hostname.length + 1 > MAXHOSTNAMELEN) throw new PrisonError('jail_set: File name too long');
  jail.hostname = hostname;
}

/**
 * jail_remove(2): the jail and all its descendants go. When a vnet goes, its interfaces return to
 * the vnet they were created in, under the name they have now; those created inside it are
 * destroyed with it (docs/freebsd/jail.md "Removal"; the latter is the reference's assumption).
 */
export function removePrison(state: HostState, jail: Jail) {
  for (const child of [...state.jails.values()].filter((j) => j.parentJid === jail.jid)) removePrison(state, child);
  state.jails.delete(jail.jid);
  if (jail.vnet === HOST_VNET || [...state.jails.values()].some((j) => j.vnet === jail.vnet)) return;
  for (const ifnet of interfacesIn(state, jail.vnet)) {
    if (!state.ifnets.has(ifnet.index)) continue;
    if (ifnet.homeVnet === jail.vnet) {
      detachWithPeer(state, ifnet);
    } else moveIfnet(state, ifnet, ifnet.homeVnet);
  }
  state.vnets.delete(jail.vnet);
}
