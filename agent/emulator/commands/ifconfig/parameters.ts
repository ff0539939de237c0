import { ERRNO, KernelError } from '../../errno';
import type { IfconfigWord } from '../../grammar/ifconfig-words';
import * as kernel from '../../kernel/interfaces';
import {
  ND6_IFF_AUTO_LINKLOCAL,
  ND6_IFF_IFDISABLED,
  ND6_IFF_NO_DAD,
  ND6_IFF_PERFORMNUD,
  nd6Flags,
} from '../../kernel/nd6';
import { parseIPv4, parseIPv6 } from '../../../../core/net/ip';
import { findInterface, findJail, type IfAddress, type Ifnet } from '../../state';
import { abort, unsupported, type CommandContext } from '../output';
import {
  inet6Address,
  inet6Prefixlen,
  inet6Value,
  inetAddress,
  inetNetmask,
  inetValue,
  linkAddress,
  type AddressFamilyName,
} from './addresses';
import { cloneCreate } from './create';
import { groupOf } from '../../ifconfig-format';
import { addressFamily, lookupWord } from './words';

// The parameter loop of ifconfig(8): sbin/ifconfig/ifconfig.c ifconfig() (read at 94ac312a; the
// 14.x af_inet.c at 01792dd7 for the netlink address path). Words are taken in order and most act
// at once; the address is kept and set at the end (SIOCDIFADDR, then SIOCAIFADDR), and the first
// error stops the run like errx(3), leaving what was done before it done. Rules and sources:
// docs/freebsd/ifconfig.md.

export interface Run {
  ctx: CommandContext;
  /** The interface name ifconfig works on (`name` in ifconfig.c; changed by `name` and `create`). */
  name: string;
  family: AddressFamilyName;
  /** Set when `create` or `name` changed the name: printed at exit, even after an error (atexit). */
  printName: boolean;
  stderr: string;
}

interface Pending {
  setaddr: number;
  setmask: boolean;
  /** notealias: 0 none yet, >0 alias/add, <0 -alias/delete/remove. */
  doalias: number;
  clearaddr: boolean;
  newaddr: boolean;
  add: { value?: bigint; prefix?: number };
  del: { value?: bigint };
  mac?: string;
}

/**
 * The interface a word acts on. The name may be gone by now (moved away by `vnet`, destroyed): the
 * ioctl then fails with ENXIO, worded by the call that made it — Perror's "%s: no such interface"
 * for setifflags and the address calls, err()'s "<call>: Device not configured" for the others.
 */
function ifnetOf(run: Run, call: string, perror = false): Ifnet {
  const ifnet = findInterface(run.ctx.state, run.ctx.vnet, run.name);
  if (!ifnet) return abort('ifconfig', perror ? `${call}: no such interface` : `${call}: ${ERRNO.ENXIO}`);
  return ifnet;
}

/** err(1, "<what>"): the kernel's errno in strerror's words. */
function kernelCall(what: string, call: () => void) {
  try {
    call();
  } catch (error) {
    if (error instanceof KernelError) abort('ifconfig', `${what}: ${ERRNO[error.errno]}`);
    throw error;
  }
}

/** atoi(3): leading blanks, a sign, digits; anything after them is ignored, nothing gives 0. */
function atoi(text: string): number {
  const m = /^\s*([+-]?[0-9]+)/.exec(text);
  return m ? Number.parseInt(m[1]!, 10) : 0;
}

function setAddressWord(run: Run, pending: Pending, word: string, destination: boolean) {
  if (destination) {
    // setifdstaddr: the family's parser in DSTADDR mode, where `/len` is not split off (af_inet.c
    // in_getaddr), so "10.0.0.3/24" or "inet6" fail as FreeBSD fails them, with "%s: bad value".
    const parsed = run.family === 'inet' ? parseIPv4(word) : run.family === 'inet6' ? parseIPv6(word) : null;
    if (parsed === null) abort('ifconfig', `${word}: bad value`);
    unsupported(
      'ifconfig',
      `a destination address "${word}" (the second address word of a call: FreeBSD sets it as the destination or broadcast address; the emulator does not model those)`,
    );
  }
  pending.setaddr++;
  // setifaddr: without alias yet, the new address replaces the first one (clearaddr), except for link.
  if (pending.doalias === 0 && run.family !== 'link') pending.clearaddr = true;
  if (pending.doalias < 0 && run.family !== 'link') {
    // After -alias/delete the word fills the delete request (RIDADDR), where `/len` is not split off.
    if (run.family === 'inet6') {
      pending.del = { value: inet6Value(word) };
      return;
    }
    // inet: in_getaddr(RIDADDR) reads the word through in_getip, as for an added address.
    pending.del = { value: inetValue(word) };
    return;
  }
  if (run.family === 'inet') pending.add = inetAddress(word);
  else if (run.family === 'inet6') pending.add = inet6Address(word);
  else pending.mac = linkAddress(word);
}

function noteAlias(pending: Pending, param: number) {
  // notealias: a delete copies the address given so far into the delete request.
  if (pending.setaddr && pending.doalias === 0 && param < 0)
    pending.del = { ...(pending.add.value !== undefined ? { value: pending.add.value } : {}) };
  pending.doalias = param;
  if (param < 0) {
    pending.clearaddr = true;
    pending.newaddr = false;
  } else pending.clearaddr = false;
}

function vnetCommand(run: Run, jailName: string, reclaim: boolean) {
  const { state } = run.ctx;
  const jail = findJail(state, jailName);
  // libjail jail_getid: the kernel's message for a name or jid it does not know (errx "%s", jail_errmsg).
  if (!jail)
    abort(
      'ifconfig',
      /^[0-9]+$/.test(jailName) ? `jail ${Number(jailName)} not found` : `jail "${jailName}" not found`,
    );
  if (reclaim) {
    kernelCall(`SIOCSIFRVNET(${jail.jid}, ${run.name})`, () =>
      kernel.reclaimFromJail(state, jail, run.name, run.ctx.vnet),
    );
    return;
  }
  const ifnet = ifnetOf(run, 'SIOCSIFVNET');
  kernelCall('SIOCSIFVNET', () => kernel.moveToJail(state, ifnet, jail));
}

// The ND6_IFF_* bits (kernel/nd6.ts) that af_inet6.c's nd6 words set and clear.
const ND6_FLAG: Record<string, number> = {
  nud: ND6_IFF_PERFORMNUD,
  ifdisabled: ND6_IFF_IFDISABLED,
  auto_linklocal: ND6_IFF_AUTO_LINKLOCAL,
  no_dad: ND6_IFF_NO_DAD,
};

/**
 * `group NAME` / `-group NAME`: sbin/ifconfig/ifgroup.c setifgroup() / unsetifgroup() (read at
 * fel1x-developer/freebsd-src 2d614aa2). A name ending in a digit is errx "<fn>: group names may not
 * end in a digit", one that does not fit ifgr_group[IFNAMSIZ] (16 with the NUL) errx "<fn>: group
 * name too long"; then SIOCAIFGROUP / SIOCDIFGROUP, whose EEXIST (already a member) / ENOENT (not a
 * member) that revision ignores; other errors are err(" SIOCAIFGROUP") (the leading space is in the
 * source) / err("SIOCDIFGROUP"). The 2012 revision (freebsd/freebsd-src 039ea811) did not ignore
 * EEXIST/ENOENT; which of the two 13 ships was not checked, so 13 refuses those two cases. The kernel
 * appends a new group at the end (sys/net/if.c if_addgroup()).
 */
function setGroup(run: Run, name: string, add: boolean) {
  const fn = add ? 'setifgroup' : 'unsetifgroup';
  if (name !== '' && /[0-9]$/.test(name)) abort('ifconfig', `${fn}: group names may not end in a digit`);
  if (name.length >= kernel.IFNAMSIZ) abort('ifconfig', `${fn}: group name too long`);
  if (name === '')
    unsupported('ifconfig', `${add ? 'group' : '-group'} with an empty name (the kernel's answer was not read)`);
  const call = add ? ' SIOCAIFGROUP' : 'SIOCDIFGROUP';
  const ifnet = ifnetOf(run, call);
  const { state } = run.ctx;
  const groups = ifnet.groups ?? [];
  const member = groups.some((g) => g.name === name) || groupOf(ifnet.kind) === name || name === 'all';
  if (add === member) {
    if (state.release === '13')
      unsupported(
        'ifconfig',
        `${add ? 'group' : '-group'} ${name}: whether 13's ifconfig ignores ${add ? 'EEXIST' : 'ENOENT'} was not checked`,
      );
    return;
  }
  if (!add && !groups.some((g) => g.name === name))
    unsupported('ifconfig', `-group ${name}: leaving a group the kernel put the interface in is not modelled`);
  if (add) {
    const joined = state.nextGroupJoin ?? 0;
    state.nextGroupJoin = joined + 1;
    ifnet.groups = [...groups, { name, joined }];
  } else {
    const rest = groups.filter((g) => g.name !== name);
    if (rest.length) ifnet.groups = rest;
    else delete ifnet.groups;
  }
}

/** One recognised word: what it does right away (ifconfig.c basic_cmds, ifbridge.c, ifclone.c, af_inet6.c). */
function perform(run: Run, pending: Pending, word: IfconfigWord, value: string | undefined) {
  const { state } = run.ctx;
  switch (word.name) {
    case 'up':
    case 'down': {
      const ifnet = ifnetOf(run, 'ioctl (SIOCGIFFLAGS)', true);
      kernel.setUp(state, ifnet, word.name === 'up');
      return;
    }
    case 'description':
    case 'descr': {
      const ifnet = ifnetOf(run, 'ioctl SIOCSIFDESCR (set descr)');
      kernelCall('ioctl SIOCSIFDESCR (set descr)', () => kernel.setDescription(ifnet, value!));
      return;
    }
    case '-description':
    case '-descr':
      kernel.setDescription(ifnetOf(run, 'ioctl SIOCSIFDESCR (set descr)'), '');
      return;
    case 'mtu': {
      const ifnet = ifnetOf(run, 'ioctl SIOCSIFMTU (set mtu)');
      kernelCall('ioctl SIOCSIFMTU (set mtu)', () => kernel.setMtu(state, ifnet, atoi(value!)));
      return;
    }
    case 'name': {
      const ifnet = ifnetOf(run, 'ioctl SIOCSIFNAME (set name)');
      kernelCall('ioctl SIOCSIFNAME (set name)', () => kernel.renameInterface(state, ifnet, value!));
      run.name = value!;
      run.printName = true;
      return;
    }
    case 'vnet':
      vnetCommand(run, value!, false);
      return;
    case '-vnet':
      vnetCommand(run, value!, true);
      return;
    case 'alias':
    case 'add':
      noteAlias(pending, 1);
      return;
    case '-alias':
    case 'delete':
    case 'remove':
      noteAlias(pending, -1);
      return;
    case 'netmask':
      if (run.family !== 'inet') unsupported('ifconfig', `netmask with address family ${run.family}`);
      pending.setmask = true;
      pending.add.prefix = inetNetmask(value!);
      return;
    case 'prefixlen':
      if (run.family !== 'inet6') unsupported('ifconfig', `prefixlen with address family ${run.family}`);
      pending.setmask = true;
      pending.add.prefix = inet6Prefixlen(value!);
      return;
    case 'ifdisabled':
    case '-ifdisabled':
    case 'nud':
    case '-nud':
    case 'auto_linklocal':
    case '-auto_linklocal':
    case 'no_dad':
    case '-no_dad': {
      // af_inet6.c setnd6flags: SIOCGIFINFO_IN6, then SIOCSIFINFO_IN6 with the bit set or cleared;
      // the kernel's side (nd6_ioctl: -ifdisabled may bring in6_if_up(), ifdisabled makes the
      // addresses tentative, auto_linklocal may add a link-local address) is kernel.setNd6Flags.
      const ifnet = ifnetOf(run, 'ioctl(SIOCGIFINFO_IN6)');
      const bit = ND6_FLAG[word.name.replace(/^-/, '')]!;
      const flags = nd6Flags(ifnet);
      kernel.setNd6Flags(state, ifnet, word.name.startsWith('-') ? flags & ~bit : flags | bit);
      return;
    }
    case 'addm':
    case 'deletem': {
      const label = `${word.name === 'addm' ? 'BRDGADD' : 'BRDGDEL'} ${value}`;
      const bridge = ifnetOf(run, label);
      const member = findInterface(state, run.ctx.vnet, value!);
      if (bridge.kind !== 'bridge') abort('ifconfig', `${label}: ${ERRNO.EINVAL}`);
      kernelCall(label, () =>
        word.name === 'addm'
          ? kernel.addBridgeMember(state, bridge, member)
          : kernel.deleteBridgeMember(bridge, member),
      );
      return;
    }
    case 'group':
    case '-group':
      setGroup(run, value!, word.name === 'group');
      return;
    case 'destroy':
    case 'unplumb': {
      const ifnet = ifnetOf(run, 'SIOCIFDESTROY');
      // A name printed for `create` or `name` is still printed at exit (the code, not ifconfig(8)'s
      // sentence: docs/freebsd/ifconfig.md).
      kernelCall('SIOCIFDESTROY', () => kernel.destroyInterface(state, ifnet));
      return;
    }
    default:
      unsupported('ifconfig', `parameter "${word.name}"`);
  }
}

/** The end of ifconfig(): af_postproc, then the address taken away and the new one put on. */
function finish(run: Run, pending: Pending) {
  const { state } = run.ctx;
  if (run.family === 'inet' && pending.setaddr && pending.add.prefix === undefined && pending.newaddr) {
    // in_postproc (af_inet.c 01792dd7): no mask given: warn (unless point-to-point or loopback) and use the classful
    // mask.
    const ifnet = findInterface(state, run.ctx.vnet, run.name);
    if (ifnet?.kind !== 'loopback')
      run.stderr +=
        'ifconfig: WARNING: setting interface address without mask is deprecated,\ndefault mask may not be correct.\n';
    const top = Number(pending.add.value! >> 24n);
    pending.add.prefix = top < 128 ? 8 : top < 192 ? 16 : 24;
  }
  if (run.family === 'inet6' && pending.setaddr && pending.add.prefix === undefined && pending.newaddr) {
    // in6_postproc gives /64 when no prefix was written; the emulator asks for one to be written.
    unsupported('ifconfig', 'adding an IPv6 address without a prefix length (write addr/len)');
  }
  if (run.family === 'link') {
    if (pending.mac !== undefined && pending.newaddr) {
      const ifnet = ifnetOf(run, 'ioctl (SIOCAIFADDR)', true);
      kernelCall('ioctl (SIOCAIFADDR)', () => kernel.setLinkAddress(ifnet, pending.mac!));
    }
    return;
  }
  const family = run.family === 'inet' ? 4 : 6;
  if (pending.clearaddr) {
    const ifnet = ifnetOf(run, 'ioctl (SIOCDIFADDR)', true);
    // `inet A` (no alias) deletes the first IPv4 address; `inet6 A` deletes only A itself, if there
    // (af_inet6.c: the delete request is the address given; docs/freebsd/ifconfig.md).
    const target = family === 6 && pending.del.value === undefined ? pending.add.value : pending.del.value;
    try {
      kernel.deleteAddress(ifnet, family, target);
    } catch (error) {
      if (!(error instanceof KernelError)) throw error;
      // EADDRNOTAVAIL with no delete asked for means "no previous address" (ifconfig.c).
      if (!(error.errno === 'EADDRNOTAVAIL' && pending.doalias >= 0))
        abort('ifconfig', `ioctl (SIOCDIFADDR): ${ERRNO[error.errno]}`);
    }
  }
  if (pending.newaddr && (pending.setaddr || pending.setmask)) {
    if (pending.add.value === undefined) unsupported('ifconfig', 'a netmask or prefixlen without an address');
    const ifnet = ifnetOf(run, 'ioctl (SIOCAIFADDR)', true);
    const address: IfAddress = { family, value: pending.add.value, prefix: pending.add.prefix! };
    kernelCall('ioctl (SIOCAIFADDR)', () => kernel.addAddress(state, ifnet, address));
  }
}

/**
 * ifconfig() over `words`. With `iscreate`, the interface `run.name` does not exist yet: the clone
 * words are read until the first other word, which creates it (the clone callback), and an address
 * family may follow right then.
 */
export function configure(run: Run, words: readonly string[], iscreate: boolean) {
  const pending: Pending = {
    setaddr: 0,
    setmask: false,
    doalias: 0,
    clearaddr: false,
    newaddr: true,
    add: {},
    del: {},
  };
  let createPending = false;
  const createNow = () => {
    createPending = false;
    const { created, printed } = cloneCreate(run.ctx.state, run.ctx.vnet, run.name);
    run.name = created.name;
    if (printed) run.printName = true;
  };
  for (let i = 0; i < words.length;) {
    const word = words[i]!;
    const found = lookupWord(word, iscreate, run.ctx.state.release);
    if (iscreate && !found) {
      if (!createPending) abort('ifconfig', 'internal error, no callback');
      createNow();
      iscreate = false;
      const family = addressFamily(word, run.ctx.state.release);
      if (family !== undefined) {
        run.family = family;
        i++;
      }
      continue;
    }
    if (iscreate && found) {
      if (found.name !== 'create' && found.name !== 'plumb') unsupported('ifconfig', `clone parameter "${found.name}"`);
      createPending = true; // clone_create registers the callback that makes the interface
      i++;
      continue;
    }
    if (!found) {
      setAddressWord(run, pending, word, pending.setaddr > 0);
      i++;
      continue;
    }
    let value: string | undefined;
    if (found.arg === 'nextarg') {
      value = words[i + 1];
      if (value === undefined) abort('ifconfig', `'${found.name}' requires argument`);
      i++;
    } else if (found.arg === 'optarg' || found.arg === 'nextarg2') {
      unsupported('ifconfig', `parameter "${found.name}"`);
    }
    perform(run, pending, found, value);
    i++;
  }
  if (createPending) createNow();
  finish(run, pending);
}
