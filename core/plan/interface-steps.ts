import { DEFAULT_MTU } from '../topology/defaults';
import { markDescription, type CableNames } from '../topology/ownership';
import type { Interface } from '../topology/schema';
import { canonicalAddresses } from './indexed';
import type { PlanCommand } from './types';

// The ifconfig calls that take one interface from one state to another, and back.
//
// FreeBSD's ifconfig reads an address family only as the first word after the interface name
// (sbin/ifconfig/ifconfig.c main(), "Check for address family"); any later word that is not one of
// its parameters is taken as an address, and a second such word as the destination address
// (ifconfig(): setifaddr / setifdstaddr). So `ifconfig X mtu 9000 inet A alias` fails with
// "inet: bad value", and a call carries at most one address. `ether` is an address family too
// (af_link.c: link, ether, lladdr), so a MAC is set by a call that starts `ether <mac>`.
// Parameters may follow the address: `ifconfig X inet A alias mtu 9000 description D up` is one
// valid call (docs/freebsd/ifconfig.md). Every call built here has that shape.

/** What configure compares: the settings ifconfig can change in place. */
export interface Settings {
  mtu: number;
  mac?: string;
  /** The description exactly as the kernel holds it (with Patchbay's mark when owned). */
  description?: string;
  addresses: string[];
  up: boolean;
  /**
   * The admin's interface groups, sorted: `ifconfig IF group G` / `-group G` (sbin/ifconfig/ifgroup.c).
   * Their order changes nothing pf matches on, so it is never a change. A move into or out of a vnet
   * drops them (if_vmove), as a new interface has none.
   */
  groups: string[];
}

export function settingsOf(iface: Interface, marked: boolean, cable?: CableNames): Settings {
  const description = marked ? markDescription(iface.description, cable) : iface.description;
  return {
    mtu: iface.mtu ?? DEFAULT_MTU[iface.kind],
    ...(iface.mac !== undefined ? { mac: iface.mac } : {}),
    ...(description !== undefined ? { description } : {}),
    addresses: canonicalAddresses(iface),
    up: iface.up,
    groups: [...new Set(iface.groups ?? [])].sort(),
  };
}

/** An interface just moved into a vnet, or just created: no addresses, down (docs/freebsd.md §1.5, §1.6). */
export function clearedSettings(before: Settings): Settings {
  return { ...before, addresses: [], up: false, groups: [] };
}

export function freshSettings(kind: Interface['kind']): Settings {
  return { mtu: DEFAULT_MTU[kind], addresses: [], up: false, groups: [] };
}

const family = (address: string) => (address.includes(':') ? 'inet6' : 'inet');

/** One ifconfig call's words after the interface name, and the words of the call that undoes it. */
export interface IfconfigCall {
  words: string[];
  undo: string[];
}

/** `inet A alias` / `inet6 A alias`: one address added, the family first. */
function addAddressCall(address: string): IfconfigCall {
  return { words: [family(address), address, 'alias'], undo: [family(address), address, '-alias'] };
}

export function removeAddressCall(address: string): IfconfigCall {
  return { words: [family(address), address, '-alias'], undo: [family(address), address, 'alias'] };
}

/** The parameters that are not addresses (mtu, description, groups, up/down), forward and back. */
function plainWords(from: Settings, to: Settings): IfconfigCall {
  const words: string[] = [];
  const undo: string[] = [];
  if (from.mtu !== to.mtu) {
    words.push('mtu', String(to.mtu));
    undo.push('mtu', String(from.mtu));
  }
  if (from.description !== to.description) {
    words.push(...(to.description === undefined ? ['-description'] : ['description', to.description]));
    undo.push(...(from.description === undefined ? ['-description'] : ['description', from.description]));
  }
  // `group G` and `-group G` are parameters (ifgroup.c group_cmds, DEF_CMD_ARG): they may follow an
  // address and come before `up`, so the interface joins its groups as it comes up.
  for (const group of from.groups.filter((g) => !to.groups.includes(g))) {
    words.push('-group', group);
    undo.push('group', group);
  }
  for (const group of to.groups.filter((g) => !from.groups.includes(g))) {
    words.push('group', group);
    undo.push('-group', group);
  }
  if (from.up !== to.up) {
    words.push(to.up ? 'up' : 'down');
    undo.push(from.up ? 'up' : 'down');
  }
  return { words, undo };
}

/**
 * Calls that take `from` to `to`, except address removals (their own phase, so an address can move
 * between interfaces of one stack without ever being on both). A MAC change opens the first call
 * (`ether M`), each new address is a call of its own, and the plain parameters ride on the first
 * call. Undo each call with its `undo`, newest first.
 */
export function configureCalls(from: Settings, to: Settings): IfconfigCall[] {
  const calls: IfconfigCall[] = [];
  if (to.mac !== undefined && from.mac !== to.mac)
    calls.push({ words: ['ether', to.mac], undo: from.mac !== undefined ? ['ether', from.mac] : [] });
  for (const address of to.addresses.filter((a) => !from.addresses.includes(a))) calls.push(addAddressCall(address));
  const plain = plainWords(from, to);
  if (plain.words.length) {
    const first = calls[0];
    if (first) {
      first.words.push(...plain.words);
      // An undo that cannot restore a MAC still restores the rest: words after `ether` need it, so
      // without an old MAC the plain words undo on their own.
      first.undo = first.undo.length ? [...first.undo, ...plain.undo] : plain.undo;
    } else calls.push(plain);
  }
  return calls;
}

export function removedAddresses(from: Settings, to: Settings): string[] {
  return from.addresses.filter((a) => !to.addresses.includes(a));
}

function commands(name: string, calls: IfconfigCall[], jail?: string): PlanCommand[] {
  return calls.map((call) => ({ argv: ['ifconfig', name, ...call.words], ...(jail ? { jail } : {}) }));
}

/** After a move into or out of a vnet: the interface kept its MTU, MAC and description, lost the rest. */
export function restoreAfterMove(name: string, settings: Settings, jail?: string): PlanCommand[] {
  return commands(name, configureCalls(clearedSettings(settings), settings), jail);
}

/** After a re-create: everything back, the MAC included, so a revert leaves no trace. */
export function restoreAfterCreate(
  name: string,
  kind: Interface['kind'],
  settings: Settings,
  jail?: string,
): PlanCommand[] {
  return commands(name, configureCalls(freshSettings(kind), settings), jail);
}
